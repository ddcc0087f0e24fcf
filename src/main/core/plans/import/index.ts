/**
 * Importing a plan from its Word file or its text: read, recognised, returned as a draft for a
 * preview. Nothing is saved here, and nothing is written to disk.
 */
import { parsePlanText } from './parsePlanText';
import { readPlanFile } from './readPlanFile';
import type { PlanDraft } from './types';

export { parsePlanText } from './parsePlanText';
export { MAX_PLAN_FILE_BYTES, readPlanFile, type PlanSource } from './readPlanFile';
export type * from './types';

/** The plan in a file, or AppError IMPORT_INVALID saying why it is not read as one. */
export async function importPlanFile(
  bytes: Buffer,
  fileName: string,
): Promise<{ format: 'docx' | 'text'; draft: PlanDraft }> {
  const { format, text } = await readPlanFile(bytes, fileName);
  return { format, draft: parsePlanText(text) };
}

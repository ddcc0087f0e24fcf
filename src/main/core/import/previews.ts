import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { CoreServices } from '../services';

/** A preview left unconfirmed this long is forgotten; the user chooses the file again. */
const PREVIEW_TTL_MS = 30 * 60_000;

/**
 * Keeps checked rows between preview and commit, so the renderer never resends them. `kind`
 * keeps one import's preview id from being committed by another.
 */
export function savePreview(services: CoreServices, kind: string, user: string, data: unknown): string {
  const now = services.now().getTime();
  for (const [id, p] of services.importPreviews)
    if (now - p.createdAt > PREVIEW_TTL_MS) services.importPreviews.delete(id);
  const previewId = randomUUID();
  services.importPreviews.set(previewId, { kind, createdBy: user, createdAt: now, data });
  return previewId;
}

/** The preview's data, as saved by the same user for the same kind of import. */
export function takePreview<T>(services: CoreServices, kind: string, previewId: string, user: string): T {
  const preview = services.importPreviews.get(previewId);
  if (!preview || preview.kind !== kind || preview.createdBy !== user)
    throw new AppError('NOT_FOUND', 'This import preview has expired; choose the file again');
  return preview.data as T;
}

/** Forget a preview once it has been committed. */
export function dropPreview(services: CoreServices, previewId: string): void {
  services.importPreviews.delete(previewId);
}

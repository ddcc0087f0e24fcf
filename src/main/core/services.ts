import type { RecordTypes } from './db/recordTypes';

/** Per-process state the handlers share besides the vault (kept in memory only). */
export interface CoreServices {
  /** Import previews waiting for commit, by preview id (see import/previews.ts). */
  importPreviews: Map<string, { kind: string; createdBy: string; createdAt: number; data: unknown }>;
  idleTimeoutMinutes: number;
  kdfTargetMs: number;
  /** Called after a restore or lock so the shell can tell the window. */
  onLocked: (reason: string) => void;
  /** Every audit action the loaded modules can write (the audit page's filter). */
  auditActions: readonly string[];
  /** The record types the loaded modules' shared tables declare (what data packages carry). */
  recordTypes: RecordTypes;
  /** The export or import of packages running now, for the UI's progress bar. */
  packagesProgress: { job: 'export' | 'import' | 'preview'; done: number; total: number } | null;
  /** The core's clock (see Core's `now` option). */
  now: () => Date;
}

/** Per-process state the handlers share besides the vault (kept in memory only). */
export interface CoreServices {
  /** Import previews waiting for commit, by preview id: the renderer never resends the rows. */
  importPreviews: Map<string, { createdBy: string; createdAt: number; rows: unknown[] }>;
  idleTimeoutMinutes: number;
  kdfTargetMs: number;
  /** Called after a restore or lock so the shell can tell the window. */
  onLocked: (reason: string) => void;
}

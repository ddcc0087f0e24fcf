import Database from 'better-sqlite3';
import type { ErrorCode, WireError } from '../../shared/contract';

/** An expected failure with a code the UI can word; its message is English for logs and the CLI. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: WireError['issues'],
    /** THROTTLED: seconds until a new attempt is accepted. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** SQLITE_BUSY or an extended form: another connection held the write lock past the busy timeout. */
export function isBusy(err: unknown): boolean {
  return err instanceof Database.SqliteError && /^SQLITE_BUSY/.test(err.code);
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) {
    return {
      code: err.code,
      message: err.message,
      ...(err.issues ? { issues: err.issues } : {}),
      ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
    };
  }
  // The write lock stayed taken past the busy timeout; the transaction was rolled back.
  if (isBusy(err)) return { code: 'BUSY', message: 'Another program kept the database busy; try again' };
  // Unexpected errors are not echoed in detail: their text may carry record content.
  return { code: 'INTERNAL', message: 'Internal error' };
}

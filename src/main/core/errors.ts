import type { ErrorCode, WireError } from '../../shared/contract';

/** An expected failure with a code the UI can word; its message is English for logs and the CLI. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: WireError['issues'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) {
    return { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  }
  // Unexpected errors are not echoed in detail: their text may carry record content.
  return { code: 'INTERNAL', message: 'Internal error' };
}

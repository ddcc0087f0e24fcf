/** Collects optional SQL conditions with their parameters, for filterable lists. */
export class Where {
  private readonly parts: string[] = [];
  readonly args: unknown[] = [];

  constructor(...always: string[]) {
    this.parts.push(...always);
  }

  /** Adds the condition only when the value is given (not undefined, null or ''). */
  when(value: unknown, condition: string, arg: unknown = value): this {
    if (value !== undefined && value !== null && value !== '') {
      this.parts.push(condition);
      this.args.push(arg);
    }
    return this;
  }

  /** Adds a condition with several parameters, only when `value` is given. */
  whenArgs(value: unknown, condition: string, args: readonly unknown[]): this {
    if (value !== undefined && value !== null && value !== '') {
      this.parts.push(condition);
      this.args.push(...args);
    }
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/**
 * Text a user typed, to match as typed inside a LIKE pattern written with `ESCAPE '\'`: their
 * %, _ and \ are escaped, so `100%` finds "100%" and not every entry.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * An FTS5 query from folded words: every word must match as a prefix; each is quoted, so a word
 * typed by the user is never read as an operator. Null when there is no word.
 */
export function prefixMatch(words: readonly string[]): string | null {
  return words.length ? words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ') : null;
}

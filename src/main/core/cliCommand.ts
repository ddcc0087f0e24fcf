import type { Channel, InputOf, OutputOf } from '../../shared/contract';

/** `multiple`: the option may be given more than once (`--group a --group b`); its value is then a list. */
export type CliOptionSpec = { type: 'string' | 'boolean'; default?: string | boolean; multiple?: boolean };

export interface CliArgs {
  /** Option values (global and the command's own), by long name. */
  values: Record<string, string | boolean | string[] | undefined>;
  /** Words after the command's name (FILE, QUERY…). */
  args: string[];
}

/** What a CLI command may do: call the core's handlers as the signed-in user, print, read files. */
export interface CliIO {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** For channels outside the built-in contract (a module declared elsewhere, e.g. in a test). */
  invoke(channel: string, input: unknown): Promise<unknown>;
  out(text: string): void;
  err(text: string): void;
  /** A secret from the environment variable, else asked on the terminal without echo. */
  secret(envName: string, question: string): Promise<string>;
  readFile(path: string): Buffer;
  writeFile(path: string, data: Buffer): void;
  /** --json was given: print machine-readable output. */
  json: boolean;
}

/**
 * A CLI command a module declares (`docs register`, `contacts import`…): the CLI lists the
 * usage of every module's commands and dispatches by name; the command calls the same handlers.
 */
export interface CliCommand {
  name: string;
  /** Help text: the synopsis line, then indented lines of explanation. */
  usage: string;
  options?: Record<string, CliOptionSpec>;
  /** Exit status: 0 success; throw CliError for a one-line reason. */
  run(io: CliIO, a: CliArgs): Promise<number>;
}

/** A one-line reason for the user; the CLI prints it and exits non-zero. */
export class CliError extends Error {}

export function defineCli(commands: CliCommand[]): CliCommand[] {
  return commands;
}

/** Prints a value as JSON with --json, else as the text given. */
export function show(io: CliIO, value: unknown, text: () => string): void {
  io.out(io.json ? JSON.stringify(value, null, 2) : text());
}

/** Writes a generated file (FileOut) where --out says. */
export function saveFile(io: CliIO, out: string, f: { dataBase64: string }): void {
  io.writeFile(out, Buffer.from(f.dataBase64, 'base64'));
  io.out(`Wrote ${out}`);
}

/** A string option, or the one-line reason it is missing. */
export function need(a: CliArgs, name: string, why: string): string {
  const v = a.values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(why);
  return v;
}

/**
 * The one JSON object a file holds (UTF-8, with or without the byte-order mark Windows editors
 * write), or a one-line reason: unreadable, not JSON, or JSON that is not an object.
 */
export function readJsonObject(io: CliIO, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = io.readFile(file).toString('utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // V8 quotes the start of the text, line breaks included: keep the reason on one line.
    const why = (e as Error).message.replace(/\s+/g, ' ').slice(0, 160);
    throw new CliError(`${file} is not valid JSON: ${why}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new CliError(`${file} must hold one JSON object ({…}), not ${what}`);
  }
  return value as Record<string, unknown>;
}

/** Options of every printout that carries a signature and "Lưu: VT, <unit>". */
export const SIGNER_OPTIONS: Record<string, CliOptionSpec> = {
  signer: { type: 'string' },
  'signer-title': { type: 'string' },
  'drafting-unit': { type: 'string' },
};

/** --signer, --signer-title ("|" between its lines) and --drafting-unit as a print channel's input. */
export function signerInput(a: CliArgs): { signerName: string; signerTitle: string; draftingUnit?: string } {
  const str = (n: string) => (typeof a.values[n] === 'string' ? (a.values[n] as string) : '');
  const unit = str('drafting-unit');
  return {
    signerName: str('signer'),
    signerTitle: str('signer-title').replace(/\s*\|\s*/g, '\n'),
    ...(unit ? { draftingUnit: unit } : {}),
  };
}

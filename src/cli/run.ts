import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, InputOf, OutputOf } from '../shared/contract';
import { Core, defaultDataDir } from '../main/core/app';
import { CliError, type CliArgs, type CliIO, type CliOptionSpec } from '../main/core/cliCommand';
import type { CoreModule } from '../main/core/module';
import { MODULES } from '../main/core/modules';
import { placeInName } from '../main/core/print/office';
import { buildRegistry } from '../main/core/moduleRegistry';
import { secret } from './prompt';

const GLOBAL_OPTIONS: Record<string, CliOptionSpec> = {
  'data-dir': { type: 'string' },
  user: { type: 'string', default: 'admin' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  out: { type: 'string' },
  clearance: { type: 'string' },
};
const INIT_OPTIONS: Record<string, CliOptionSpec> = {
  'office-code': { type: 'string' },
  'office-name': { type: 'string' },
  admin: { type: 'string' },
  // No default here: init falls back to province itself, and `directory add-office` must see an absent --level.
  level: { type: 'string' },
  province: { type: 'string', default: '' },
  'parent-body': { type: 'string' },
  place: { type: 'string' },
  'full-name': { type: 'string' },
};

const INIT_USAGE = `init --office-code C --office-name N --admin USER [--clearance LEVEL]
      [--level province|commune|agency] [--province P] [--parent-body B] [--place PLACE]
      [--full-name F]   set up a new vault; prints the recovery key once. P is the province
      (taken from the name, "... tỉnh Nghệ An", when omitted), B the body above the office
      ("UBND tỉnh Nghệ An"), PLACE the date line's place when it is not the province`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const indent = (usage: string) =>
  usage
    .split('\n')
    .map((l) => `  ${l.trim() === l ? l : `    ${l.trim()}`}`)
    .join('\n');

/**
 * The command line over the core's handlers: `init` sets up a vault; every other command is
 * declared by its module (src/main/core/<module>/cli.ts) and runs as --user, signed in with the
 * password from TTLL_PASSWORD or the terminal. Returns the exit status.
 */
export async function runCli(
  argv: string[],
  opts: { modules?: readonly CoreModule[]; output?: CliOutput } = {},
): Promise<number> {
  const modules = opts.modules ?? MODULES;
  const output = opts.output ?? { out: (t) => console.log(t), err: (t) => console.error(t) };
  const { cli } = buildRegistry(modules);
  const options: Record<string, CliOptionSpec> = { ...GLOBAL_OPTIONS, ...INIT_OPTIONS };
  for (const c of cli)
    for (const [name, spec] of Object.entries(c.options ?? {})) {
      if (options[name] && (options[name].type !== spec.type || options[name].multiple !== spec.multiple))
        throw new Error(`CLI option --${name} is declared with two types`);
      options[name] ??= spec;
    }
  const usage = `TTLL Desk command line — the same handlers as the app.

Usage: npm run cli -- [--data-dir DIR] [--user NAME] <command> [options]

Password of --user (default admin) from TTLL_PASSWORD, or asked on the terminal.

Commands:
${[INIT_USAGE, ...cli.map((c) => c.usage)].map(indent).join('\n')}
`;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    output.err(`error: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    output.out(usage);
    return values.help ? 0 : 2;
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  // A batch tool with no window to freeze: it waits longer than the app for the app's writes.
  const core = Core.open({
    dataDir: resolve(str('data-dir') ?? defaultDataDir()),
    modules,
    busyTimeoutMs: 30_000,
  });
  const invoke = async (channel: string, input: unknown): Promise<unknown> => {
    const r = await core.invoke(channel, input);
    if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  const io: CliIO = {
    call: <C extends Channel>(channel: C, input: InputOf<C>) =>
      invoke(channel, input) as Promise<OutputOf<C>>,
    invoke,
    out: output.out,
    err: output.err,
    secret,
    readFile: (p) => readFileSync(p),
    writeFile: (p, d) => writeFileSync(p, d),
    json: values.json === true,
  };
  try {
    if (positionals[0] === 'init') return await init(io, str);
    // The longest declared name that the words start with: `docs print-register` before `docs`.
    const command = [...cli]
      .sort((a, b) => b.name.length - a.name.length)
      .find((c) => positionals.slice(0, c.name.split(' ').length).join(' ') === c.name);
    if (!command) throw new CliError(`Unknown command: ${positionals.slice(0, 2).join(' ')} (see --help)`);
    const user = str('user') ?? 'admin';
    const signedIn = await io.call('vault.unlock', {
      userName: user,
      password: await secret('TTLL_PASSWORD', `Password for ${user}: `),
    });
    if (signedIn.recoveryKey)
      output.err(
        `This sign-in upgraded the vault's keys. NEW RECOVERY KEY (print it and keep it safe; the old one no longer opens classified data): ${signedIn.recoveryKey}`,
      );
    if (signedIn.mustChangePassword && command.name !== 'users change-password')
      throw new CliError(
        `the password of ${user} was set by an administrator: change it first (users change-password)`,
      );
    // A `multiple` option is always a string one, so its list holds strings.
    const given = values as CliArgs['values'];
    return await command.run(io, { values: given, args: positionals.slice(command.name.split(' ').length) });
  } catch (e) {
    output.err(`error: ${(e as Error).message}`);
    return 1;
  } finally {
    core.close();
  }
}

async function init(io: CliIO, str: (name: string) => string | undefined): Promise<number> {
  const code = str('office-code');
  const name = str('office-name');
  const admin = str('admin');
  if (!code || !name || !admin) throw new CliError('init needs --office-code, --office-name and --admin');
  const password = await io.secret('TTLL_PASSWORD', `New password for ${admin}: `);
  const r = await io.call('vault.setup', {
    office: {
      code,
      name,
      level: (str('level') ?? 'province') as 'province',
      // Never the office's own name as the place of its printouts' date line, when it names one.
      province: str('province') || placeInName(name) || name,
      parentOffice: str('parent-body') ?? '',
      placeName: str('place') ?? '',
      draftingUnits: [],
    },
    admin: {
      userName: admin,
      fullName: str('full-name') ?? admin,
      password,
      clearance: (str('clearance') ?? 'none') as 'none',
    },
  });
  io.out(`Vault created`);
  io.out(`RECOVERY KEY (print it and keep it safe; it is shown only once):\n${r.recoveryKey}`);
  return 0;
}

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DocRegister, PRINT_REGISTERS, type Channel, type InputOf, type OutputOf } from '../shared/contract';
import { Core, defaultDataDir } from '../main/core/app';
import { secret } from './prompt';

const USAGE = `TTLL Desk command line — the same handlers as the app.

Usage: npm run cli -- [--data-dir DIR] [--user NAME] <command> [options]

Password of --user (default admin) from TTLL_PASSWORD, or asked on the terminal.

Commands:
  init --office-code C --office-name N --admin USER [--clearance LEVEL]
       [--level province|commune|agency] [--province P] [--full-name F]
                                  set up a new vault; prints the recovery key once
  users add --name N --role R --clearance none|mat|toi-mat|tuyet-mat [--full-name F]
                                  new user; password from TTLL_NEW_PASSWORD or asked
  users list [--json]
  contacts import FILE [--include-duplicates]
                                  CSV or XLSX; bad rows are listed and not imported
  contacts list [--json]
  contacts search QUERY [--json]  ignores diacritics and case ("nguyen van duc")
  contacts export --format csv|xlsx --out FILE
  contacts print --out FILE.docx  the directory as an official document
  docs register --json FILE       register one document from a JSON file (fields in README)
  docs list [--json]              the registers, as --user sees them (by clearance)
  docs search QUERY [--json]      ignores diacritics and case ("quyet dinh dien bien")
  docs print-register --register in|out|secret-in|secret-out|transfer|copy --year Y --out FILE.docx
                                  a year's register as a bound book (cover, landscape pages)
  docs import FILE --register in|out|secret-in|secret-out [--commit] [--keep-pending]
                                  a legacy register (CSV or XLSX) with its own numbers:
                                  previews the rows; --commit imports the valid ones,
                                  as processed unless --keep-pending
  audit verify                    exit status 1 when the chain is broken
  backup create DIR
  backup restore FILE
`;

class CliError extends Error {}

async function call<C extends Channel>(core: Core, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message}`);
  return r.data as OutputOf<C>;
}

function print(json: boolean, value: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text());
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      user: { type: 'string', default: 'admin' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'office-code': { type: 'string' },
      'office-name': { type: 'string' },
      admin: { type: 'string' },
      clearance: { type: 'string' },
      level: { type: 'string', default: 'province' },
      province: { type: 'string', default: '' },
      'full-name': { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      register: { type: 'string' },
      year: { type: 'string' },
      'include-duplicates': { type: 'boolean', default: false },
      commit: { type: 'boolean', default: false },
      'keep-pending': { type: 'boolean', default: false },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (values.help || !cmd) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const core = Core.open({ dataDir: resolve(values['data-dir'] ?? defaultDataDir()) });
  try {
    if (cmd === 'init') {
      if (!values['office-code'] || !values['office-name'] || !values.admin)
        throw new CliError('init needs --office-code, --office-name and --admin');
      const password = await secret('TTLL_PASSWORD', `New password for ${values.admin}: `);
      const r = await call(core, 'vault.setup', {
        office: {
          code: values['office-code'],
          name: values['office-name'],
          level: values.level as 'province',
          province: values.province || values['office-name'],
          parentOffice: '',
        },
        admin: {
          userName: values.admin,
          fullName: values['full-name'] ?? values.admin,
          password,
          clearance: (values.clearance ?? 'none') as 'none',
        },
      });
      console.log(`Vault created in ${core.vault.dataDir}`);
      console.log(`RECOVERY KEY (print it and keep it safe; it is shown only once):\n${r.recoveryKey}`);
      return 0;
    }

    await call(core, 'vault.unlock', {
      userName: values.user,
      password: await secret('TTLL_PASSWORD', `Password for ${values.user}: `),
    });
    const key = `${cmd} ${sub ?? ''}`.trim();
    switch (key) {
      case 'users add': {
        if (!values.name || !values.role || !values.clearance)
          throw new CliError('users add needs --name, --role and --clearance');
        const password = await secret('TTLL_NEW_PASSWORD', `Password for the new user ${values.name}: `);
        const u = await call(core, 'users.create', {
          userName: values.name,
          fullName: values['full-name'] ?? values.name,
          role: values.role as 'viewer',
          clearance: values.clearance as 'none',
          password,
        });
        print(values.json, u, () => `User ${u.userName} (${u.role}, clearance ${u.clearance}) created`);
        return 0;
      }
      case 'users list': {
        const list = await call(core, 'users.list', {});
        print(values.json, list, () =>
          list
            .map((u) => `${u.userName}\t${u.role}\t${u.clearance}${u.disabled ? '\tdisabled' : ''}`)
            .join('\n'),
        );
        return 0;
      }
      case 'contacts import': {
        if (!arg) throw new CliError('contacts import needs FILE');
        const p = await call(core, 'contacts.importPreview', {
          fileName: basename(arg),
          dataBase64: readFileSync(arg).toString('base64'),
        });
        for (const r of p.rows.filter((x) => x.status !== 'valid')) {
          console.error(`line ${r.line}: ${r.status}: ${r.reason ?? ''}${r.detail ? ` (${r.detail})` : ''}`);
        }
        const c = await call(core, 'contacts.importCommit', {
          previewId: p.previewId,
          includeDuplicates: values['include-duplicates'],
        });
        console.log(
          `Imported ${c.imported} contacts (${c.organizationsCreated} new organizations); ${p.counts.invalid} invalid, ${p.counts.duplicate} duplicate rows`,
        );
        return 0;
      }
      case 'contacts list':
      case 'contacts search': {
        const query = key === 'contacts search' ? (arg ?? '') : '';
        if (key === 'contacts search' && !query) throw new CliError('contacts search needs QUERY');
        const r = await call(core, 'contacts.list', { query, limit: 5000 });
        print(values.json, r.items, () =>
          r.items
            .map((c) => `${c.fullName}\t${c.position}\t${c.organizationName ?? ''}\t${c.phones.join(', ')}`)
            .join('\n'),
        );
        return 0;
      }
      case 'contacts export':
      case 'contacts print': {
        if (!values.out) throw new CliError(`${key} needs --out FILE`);
        const f =
          key === 'contacts export'
            ? await call(core, 'contacts.export', { format: values.format === 'xlsx' ? 'xlsx' : 'csv' })
            : await call(core, 'contacts.printDirectory', {});
        writeFileSync(values.out, Buffer.from(f.dataBase64, 'base64'));
        console.log(`Wrote ${values.out}`);
        return 0;
      }
      case 'docs register': {
        if (!arg) throw new CliError('docs register needs FILE (a JSON object)');
        // Notepad and Excel save UTF-8 with a byte-order mark, which JSON.parse refuses.
        const raw = JSON.parse(readFileSync(arg, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
        // `date` is accepted as the short name of documentDate (issue 4's CLI wording).
        const { date, ...rest } = raw;
        const input = { ...(date !== undefined ? { documentDate: date } : {}), ...rest };
        const r = await call(core, 'docs.register', input as InputOf<'docs.register'>);
        if (r.clockWarning) console.error('warning: the clock is earlier than the latest registered entry');
        print(values.json, r, () => `Registered ${r.entry.register} ${r.entry.year} no. ${r.entry.number}`);
        return 0;
      }
      case 'docs list':
      case 'docs search': {
        const query = key === 'docs search' ? (arg ?? '') : '';
        if (key === 'docs search' && !query) throw new CliError('docs search needs QUERY');
        const r = await call(core, 'docs.list', { query, limit: 1000 });
        print(values.json, r.items, () =>
          r.items
            .map(
              (d) =>
                `${d.register}\t${d.year}\t${d.number}\t${d.symbol}\t${d.level}\t${d.restricted ? '(restricted)' : (d.summary ?? '')}`,
            )
            .join('\n'),
        );
        return 0;
      }
      case 'docs print-register': {
        const register = PRINT_REGISTERS.find((r) => r === values.register);
        if (!register)
          throw new CliError(`docs print-register needs --register ${PRINT_REGISTERS.join('|')}`);
        if (!values.year || !/^\d{4}$/.test(values.year))
          throw new CliError('docs print-register needs --year YYYY');
        if (!values.out) throw new CliError('docs print-register needs --out FILE.docx');
        const f = await call(core, 'docs.printRegister', { register, year: Number(values.year) });
        writeFileSync(values.out, Buffer.from(f.dataBase64, 'base64'));
        console.log(`Wrote ${values.out}`);
        return 0;
      }
      case 'docs import': {
        const register = DocRegister.safeParse(values.register);
        if (!arg || !register.success)
          throw new CliError('docs import needs FILE and --register in|out|secret-in|secret-out');
        const p = await call(core, 'docs.importPreview', {
          register: register.data,
          fileName: basename(arg),
          dataBase64: readFileSync(arg).toString('base64'),
        });
        for (const r of p.rows.filter((x) => x.status === 'invalid')) {
          console.error(`line ${r.line}: ${r.message}${r.detail ? ` (${r.detail})` : ''}`);
        }
        console.log(`${p.counts.valid} valid, ${p.counts.invalid} invalid rows`);
        if (!values.commit) return 0;
        const c = await call(core, 'docs.importCommit', {
          previewId: p.previewId,
          markProcessed: !values['keep-pending'],
        });
        const next = c.counters.map((x) => `${x.year}: next no. ${x.lastNumber + 1}`).join(', ');
        console.log(`Imported ${c.imported} entries into ${register.data}${next ? ` (${next})` : ''}`);
        return 0;
      }
      case 'audit verify': {
        const v = await call(core, 'audit.verify', {});
        if (v.ok) console.log(`Audit chain intact: ${v.count} entries`);
        else console.log(`Audit chain BROKEN at entry ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`);
        return v.ok ? 0 : 1;
      }
      case 'backup create': {
        if (!arg) throw new CliError('backup create needs DIR');
        const b = await call(core, 'backup.create', { dir: resolve(arg) });
        console.log(`Backup written: ${b.file} (${b.sizeBytes} bytes)`);
        return 0;
      }
      case 'backup restore': {
        if (!arg) throw new CliError('backup restore needs FILE');
        await call(core, 'backup.restore', { file: resolve(arg) });
        console.log(`Restored from ${arg}; the previous database was kept beside it`);
        return 0;
      }
      default:
        throw new CliError(`Unknown command: ${key} (see --help)`);
    }
  } finally {
    core.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);

import { basename } from 'node:path';
import { DocRegister, PRINT_REGISTERS, type InputOf } from '../../../shared/contract';
import {
  CliError,
  defineCli,
  need,
  readJsonObject,
  saveFile,
  show,
  SIGNER_OPTIONS,
  signerInput,
  type CliArgs,
  type CliIO,
} from '../cliCommand';

export const docsCli = defineCli([
  {
    name: 'docs register',
    usage: 'docs register --json FILE       register one document from a JSON file (fields in README)',
    async run(io, a) {
      const file = a.args[0];
      if (!file) throw new CliError('docs register needs FILE (a JSON object)');
      const raw = readJsonObject(io, file);
      // `date` is accepted as the short name of documentDate (issue 4's CLI wording).
      const { date, ...rest } = raw;
      const input = { ...(date !== undefined ? { documentDate: date } : {}), ...rest };
      const r = await io.call('docs.register', input as InputOf<'docs.register'>);
      if (r.clockWarning) io.err('warning: the clock is earlier than the latest registered entry');
      show(io, r, () => `Registered ${r.entry.register} ${r.entry.year} no. ${r.entry.number}`);
      return 0;
    },
  },
  {
    name: 'docs list',
    usage:
      'docs list [--json]              the registers, as --user sees them (by clearance); last column: ID',
    run: (io) => listDocs(io, ''),
  },
  {
    name: 'docs search',
    usage: 'docs search QUERY [--json]      ignores diacritics and case ("quyet dinh dien bien")',
    async run(io, a) {
      if (!a.args[0]) throw new CliError('docs search needs QUERY');
      return listDocs(io, a.args[0]);
    },
  },
  {
    name: 'docs print-register',
    usage: `docs print-register --register in|out|secret-in|secret-out|transfer|copy --year Y --out FILE.docx
      [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--volume N]
      a year's register, or the part --from/--to, as a bound book (cover with "Quyển số" N)`,
    options: {
      register: { type: 'string' },
      year: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      volume: { type: 'string' },
    },
    async run(io, a) {
      const register = PRINT_REGISTERS.find((r) => r === a.values.register);
      if (!register) throw new CliError(`docs print-register needs --register ${PRINT_REGISTERS.join('|')}`);
      const year = yearOf(a, 'docs print-register');
      const out = need(a, 'out', 'docs print-register needs --out FILE.docx');
      const day = (name: 'from' | 'to') => {
        const v = a.values[name];
        if (v === undefined) return {};
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
          throw new CliError(`docs print-register --${name} takes YYYY-MM-DD`);
        return { [name]: v };
      };
      const volume = a.values.volume;
      if (volume !== undefined && !/^\d{1,2}$/.test(String(volume)))
        throw new CliError('docs print-register --volume takes the book number, 1 to 99');
      saveFile(
        io,
        out,
        await io.call('docs.printRegister', {
          register,
          year,
          ...day('from'),
          ...day('to'),
          ...(volume !== undefined ? { volume: Number(volume) } : {}),
        }),
      );
      return 0;
    },
  },
  {
    name: 'docs print-overdue',
    usage: `docs print-overdue --out FILE.docx [--signer NAME --signer-title T] [--drafting-unit U]
      the list of entries past their deadline, for the leader`,
    options: SIGNER_OPTIONS,
    async run(io, a) {
      const out = need(a, 'out', 'docs print-overdue needs --out FILE.docx');
      saveFile(io, out, await io.call('docs.printOverdue', signerInput(a)));
      return 0;
    },
  },
  {
    name: 'docs print-year-report',
    usage: `docs print-year-report --year Y --out FILE.docx [--signer NAME --signer-title T]
      [--drafting-unit U] [--sections FILE.json]
      the yearly report on protecting state secrets; FILE.json may give the texts of its
      sections {"situation", "results", "shortcomings", "proposals"} (defaults otherwise)`,
    options: { ...SIGNER_OPTIONS, year: { type: 'string' }, sections: { type: 'string' } },
    async run(io, a) {
      const year = yearOf(a, 'docs print-year-report');
      const out = need(a, 'out', 'docs print-year-report needs --out FILE.docx');
      const file = a.values.sections;
      const sections = typeof file === 'string' ? (readJsonObject(io, file) as Record<string, string>) : {};
      saveFile(io, out, await io.call('docs.printYearReport', { year, ...signerInput(a), sections }));
      return 0;
    },
  },
  {
    name: 'docs print-destruction',
    usage: `docs print-destruction ID --out FILE.docx [--location PLACE]
      the record (biên bản) of destroying entry ID, from its recorded decision and council`,
    options: { location: { type: 'string' } },
    async run(io, a) {
      const id = a.args[0];
      if (!id) throw new CliError('docs print-destruction needs the entry ID');
      const out = need(a, 'out', 'docs print-destruction needs --out FILE.docx');
      const location = typeof a.values.location === 'string' ? { location: a.values.location } : {};
      saveFile(io, out, await io.call('docs.printDestruction', { documentId: id, ...location }));
      return 0;
    },
  },
  {
    name: 'docs print-slip',
    usage: `docs print-slip ID --out FILE.docx
      the slip for handling incoming entry ID (phiếu giải quyết văn bản đến)`,
    async run(io, a) {
      const id = a.args[0];
      if (!id) throw new CliError('docs print-slip needs the entry ID');
      const out = need(a, 'out', 'docs print-slip needs --out FILE.docx');
      saveFile(io, out, await io.call('docs.printHandlingSlip', { documentId: id }));
      return 0;
    },
  },
  {
    name: 'docs import',
    usage: `docs import FILE --register in|out|secret-in|secret-out [--commit] [--keep-pending] [--allow-unusual]
      a legacy register (CSV or XLSX) with its own numbers: previews the rows; --commit
      imports the valid ones, as processed unless --keep-pending; rows of a year after this one
      or numbers over 1,000 beyond the counter are refused unless --allow-unusual`,
    options: {
      register: { type: 'string' },
      commit: { type: 'boolean', default: false },
      'keep-pending': { type: 'boolean', default: false },
      'allow-unusual': { type: 'boolean', default: false },
    },
    async run(io, a) {
      const file = a.args[0];
      const register = DocRegister.safeParse(a.values.register);
      if (!file || !register.success)
        throw new CliError('docs import needs FILE and --register in|out|secret-in|secret-out');
      const p = await io.call('docs.importPreview', {
        register: register.data,
        fileName: basename(file),
        dataBase64: io.readFile(file).toString('base64'),
        allowUnusual: a.values['allow-unusual'] === true,
      });
      for (const r of p.rows.filter((x) => x.status === 'invalid'))
        io.err(`line ${r.line}: ${r.message}${r.detail ? ` (${r.detail})` : ''}`);
      io.out(`${p.counts.valid} valid, ${p.counts.invalid} invalid rows`);
      if (a.values.commit !== true) return 0;
      const c = await io.call('docs.importCommit', {
        previewId: p.previewId,
        markProcessed: a.values['keep-pending'] !== true,
      });
      const next = c.counters.map((x) => `${x.year}: next no. ${x.lastNumber + 1}`).join(', ');
      io.out(`Imported ${c.imported} entries into ${register.data}${next ? ` (${next})` : ''}`);
      return 0;
    },
  },
]);

async function listDocs(io: CliIO, query: string): Promise<number> {
  const r = await io.call('docs.list', { query, limit: 1000 });
  show(io, r.items, () =>
    r.items
      .map(
        (d) =>
          `${d.register}\t${d.year}\t${d.number}\t${d.symbol}\t${d.level}\t${d.restricted ? '(restricted)' : (d.summary ?? '')}\t${d.id}`,
      )
      .join('\n'),
  );
  return 0;
}

function yearOf(a: CliArgs, command: string): number {
  const year = a.values.year;
  if (typeof year !== 'string' || !/^\d{4}$/.test(year)) throw new CliError(`${command} needs --year YYYY`);
  return Number(year);
}

import { basename } from 'node:path';
import {
  CliError,
  defineCli,
  need,
  saveFile,
  show,
  SIGNER_OPTIONS,
  signerInput,
  type CliIO,
} from '../cliCommand';

export const contactsCli = defineCli([
  {
    name: 'contacts import',
    usage: `contacts import FILE [--include-duplicates]
      CSV or XLSX; bad rows are listed and not imported`,
    options: { 'include-duplicates': { type: 'boolean', default: false } },
    async run(io, a) {
      const file = a.args[0];
      if (!file) throw new CliError('contacts import needs FILE');
      const p = await io.call('contacts.importPreview', {
        fileName: basename(file),
        dataBase64: io.readFile(file).toString('base64'),
      });
      for (const r of p.rows.filter((x) => x.status !== 'valid'))
        io.err(`line ${r.line}: ${r.status}: ${r.reason ?? ''}${r.detail ? ` (${r.detail})` : ''}`);
      const c = await io.call('contacts.importCommit', {
        previewId: p.previewId,
        includeDuplicates: a.values['include-duplicates'] === true,
      });
      io.out(
        `Imported ${c.imported} contacts (${c.organizationsCreated} new organizations); ${p.counts.invalid} invalid, ${p.counts.duplicate} duplicate rows`,
      );
      return 0;
    },
  },
  {
    name: 'contacts list',
    usage: 'contacts list [--json]',
    run: (io) => listContacts(io, ''),
  },
  {
    name: 'contacts search',
    usage: 'contacts search QUERY [--json]  ignores diacritics and case ("nguyen van duc")',
    async run(io, a) {
      if (!a.args[0]) throw new CliError('contacts search needs QUERY');
      return listContacts(io, a.args[0]);
    },
  },
  {
    name: 'contacts export',
    usage: 'contacts export --format csv|xlsx --out FILE',
    options: { format: { type: 'string' } },
    async run(io, a) {
      const out = need(a, 'out', 'contacts export needs --out FILE');
      const f = await io.call('contacts.export', { format: a.values.format === 'xlsx' ? 'xlsx' : 'csv' });
      saveFile(io, out, f);
      return 0;
    },
  },
  {
    name: 'contacts print',
    usage: `contacts print --out FILE.docx [--signer NAME --signer-title "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"]
      [--drafting-unit VP]   the directory as an official document, signed by NAME; "|" separates
      the title lines (up to three: "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH")`,
    options: SIGNER_OPTIONS,
    async run(io, a) {
      const out = need(a, 'out', 'contacts print needs --out FILE');
      saveFile(io, out, await io.call('contacts.printDirectory', signerInput(a)));
      return 0;
    },
  },
]);

async function listContacts(io: CliIO, query: string): Promise<number> {
  const r = await io.call('contacts.list', { query, limit: 5000 });
  show(io, r.items, () =>
    r.items
      .map((c) => `${c.fullName}\t${c.position}\t${c.organizationName ?? ''}\t${c.phones.join(', ')}`)
      .join('\n'),
  );
  return 0;
}

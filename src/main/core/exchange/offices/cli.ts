import type { ExchangeOffice, OfficeLevel } from '../../../../shared/contract';
import { CliError, defineCli, need, saveFile, show, type CliArgs, type CliIO } from '../../cliCommand';

/** A repeated option's values (`--group a --group b`). */
function list(a: CliArgs, name: string): string[] | undefined {
  const v = a.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
}

/** --level: a company exchanges as an agency does (the level "Cơ quan, doanh nghiệp"). */
function level(a: CliArgs): OfficeLevel | undefined {
  const v = a.values.level;
  if (v === undefined) return undefined;
  if (v === 'company') return 'agency';
  if (v === 'commune' || v === 'agency') return v;
  throw new CliError(`--level must be commune, company or agency, not "${String(v)}"`);
}

function readText(io: CliIO, file: string): string {
  try {
    return io
      .readFile(file)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function officeByCode(io: CliIO, code: string): Promise<ExchangeOffice> {
  const { offices } = await io.call('exchange.directoryList', {});
  const o = offices.find((x) => x.code === code.toUpperCase());
  if (!o) throw new CliError(`no office ${code} in the directory`);
  return o;
}

const officeLine = (o: ExchangeOffice): string =>
  [
    o.code.padEnd(12),
    o.active ? 'active ' : o.revokedAt ? 'revoked' : 'expired',
    o.level.padEnd(8),
    o.fingerprint,
    o.name,
    o.groups.length ? `[${o.groups.join(', ')}]` : '',
  ]
    .join('  ')
    .trimEnd();

export const exchangeCli = defineCli([
  {
    name: 'keys show',
    usage: `keys show [--json]   this office's public keys and their fingerprint (8 groups of 5 digits)`,
    async run(io) {
      const k = await io.call('exchange.ownKeys', {});
      show(io, k, () =>
        [
          `office       ${k.office}`,
          `fingerprint  ${k.fingerprint}`,
          `signing key  ${k.signingKey}`,
          `age key      ${k.recipient}`,
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'keys export',
    usage: `keys export --out KEYFILE   the public key file this office hands to its province`,
    options: { out: { type: 'string' } },
    async run(io, a) {
      const out = need(a, 'out', 'needs --out KEYFILE');
      saveFile(io, out, await io.call('exchange.exportKeyFile', {}));
      return 0;
    },
  },
  {
    name: 'keys print-form',
    usage: `keys print-form --out F.docx   the key-registration form (keys, fingerprint, QR code) to sign and send`,
    options: { out: { type: 'string' } },
    async run(io, a) {
      const out = need(a, 'out', 'needs --out F.docx');
      saveFile(io, out, await io.call('exchange.printKeyForm', {}));
      return 0;
    },
  },
  {
    name: 'directory add-office',
    usage: `directory add-office --file KEYFILE --fingerprint FP [--level commune|company|agency] [--group G]...
      [--may-send TYPE]... [--may-receive TYPE]...   registers an office from its key file; refused
      unless FP (from its signed printed form) is the fingerprint of the file's keys`,
    options: {
      file: { type: 'string' },
      fingerprint: { type: 'string' },
      level: { type: 'string' },
      group: { type: 'string', multiple: true },
      'may-send': { type: 'string', multiple: true },
      'may-receive': { type: 'string', multiple: true },
    },
    async run(io, a) {
      const file = need(a, 'file', 'needs --file KEYFILE');
      const fingerprint = need(a, 'fingerprint', 'needs --fingerprint FP (40 digits from the printed form)');
      const lvl = level(a);
      const o = await io.call('exchange.addOffice', {
        keyFile: readText(io, file),
        fingerprint,
        level: lvl,
        groups: list(a, 'group') ?? [],
        maySend: list(a, 'may-send') ?? [],
        mayReceive: list(a, 'may-receive') ?? ['*'],
      });
      show(io, o, () => `Added ${officeLine(o)}`);
      return 0;
    },
  },
  {
    name: 'directory list',
    usage: `directory list [--json]   the directory of offices (code, state, level, fingerprint, name, groups)`,
    async run(io) {
      const d = await io.call('exchange.directoryList', {});
      show(io, d, () =>
        [
          ...d.offices.map(officeLine),
          d.province
            ? `province key: ${d.province.office} ${d.province.fingerprint}`
            : 'province key: not pinned',
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'directory revoke',
    usage: `directory revoke CODE --reason R   revokes an office's keys: its packages are refused from now on`,
    options: { reason: { type: 'string' } },
    async run(io, a) {
      const code = a.args[0];
      if (!code) throw new CliError('needs the office CODE');
      const reason = need(a, 'reason', 'needs --reason R');
      const o = await officeByCode(io, code);
      const r = await io.call('exchange.revokeOffice', { id: o.id, version: o.version, reason });
      show(io, r, () => `Revoked ${officeLine(r)}`);
      return 0;
    },
  },
  {
    name: 'directory publish',
    usage: `directory publish --out F   the directory as a package signed by the province, for every office in it`,
    options: { out: { type: 'string' } },
    async run(io, a) {
      const out = need(a, 'out', 'needs --out F');
      const p = await io.call('exchange.publishDirectory', {});
      io.writeFile(out, Buffer.from(p.file.dataBase64, 'base64'));
      const { file: _file, ...rest } = p;
      show(
        io,
        rest,
        () =>
          `Wrote ${out}: sequence ${p.sequence}, ${p.offices} offices, ${p.recipients} recipients, sha256 ${p.hash}`,
      );
      return 0;
    },
  },
  {
    name: 'directory accept',
    usage: `directory accept F [--fingerprint FP]   applies a directory package signed by the province's
      pinned key; the first time, FP (the province's fingerprint from its printed form) pins its key`,
    options: { fingerprint: { type: 'string' } },
    async run(io, a) {
      const file = a.args[0];
      if (!file) throw new CliError('needs the directory package file F');
      let data: Buffer;
      try {
        data = io.readFile(file);
      } catch (e) {
        throw new CliError(
          `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
      }
      const fp = a.values.fingerprint;
      const r = await io.call('exchange.acceptDirectory', {
        dataBase64: data.toString('base64'),
        ...(typeof fp === 'string' ? { fingerprint: fp } : {}),
      });
      show(
        io,
        r,
        () =>
          `Accepted the directory of ${r.province} (sequence ${r.sequence}${r.pinned ? ', province key pinned' : ''}): ` +
          `${r.inserted} new, ${r.updated} updated, ${r.deleted} deleted, ${r.unchanged} unchanged`,
      );
      return 0;
    },
  },
]);

import { resolve } from 'node:path';
import type { AuditAnchor, AuditVerifyOutput } from '../../../shared/contract';
import { CliError, defineCli, type CliIO } from '../cliCommand';
import { ANCHOR_SUFFIX, anchorOf, parseAnchor } from './anchors';

/** --anchor: an anchor file, a hash (64 hex digits) or SEQ:HASH as written down from a report. */
function anchorArg(io: CliIO, value: string): AuditAnchor {
  const m = /^(?:(\d+):)?([0-9a-f]{64})$/i.exec(value.trim());
  if (m) {
    const hash = m[2]!.toLowerCase();
    return { ...(m[1] ? { seq: Number(m[1]) } : {}), hash, source: 'command line' };
  }
  let text: string;
  try {
    text = io.readFile(resolve(value)).toString('utf8');
  } catch {
    throw new CliError(`--anchor ${value}: not a file, a hash or SEQ:HASH`);
  }
  const a = parseAnchor(text, value);
  if (!a) throw new CliError(`--anchor ${value}: not an audit anchor file`);
  return { seq: a.seq, hash: a.hash, mac: a.mac, source: value };
}

function report(io: CliIO, v: AuditVerifyOutput): void {
  if (v.ok) io.out(`Audit chain intact: ${v.count} entries`);
  else io.out(`Audit chain BROKEN at entry ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`);
  if (v.head) io.out(`Head: #${v.head.seq} ${v.head.hash} (${v.head.at}), ${v.head.count} entries`);
  if (v.sealing === 'verified') io.out(`Seals verified (sealed from entry ${v.sealedFrom ?? '-'})`);
  else if (v.sealing === 'not-checked')
    io.out('Seals NOT checked: this user does not hold the audit key (hash chain only)');
  for (const f of v.forks)
    io.out(
      `Restore at #${f.seq}: continues from the backup head #${f.backupHead.seq}; ` +
        (f.replacedHead
          ? `${f.carried} entries of the replaced log (to its head #${f.replacedHead.seq}) carried over`
          : 'the replaced log could not be read') +
        ` (sealing ${f.sealing})`,
    );
  for (const a of v.anchors) io.out(`Anchor ${a.source}: ${a.status} — ${a.detail}`);
}

export const auditCli = defineCli([
  {
    name: 'audit verify',
    usage: `audit verify [--anchor FILE|HASH|SEQ:HASH]
      exit status 1 when the chain is broken or no longer extends an anchored head; the anchors
      beside the backups in the backup folder are always checked`,
    options: { anchor: { type: 'string' } },
    async run(io, a) {
      const anchors = typeof a.values.anchor === 'string' ? [anchorArg(io, a.values.anchor)] : [];
      const v = await io.call('audit.verify', { anchors });
      if (io.json) io.out(JSON.stringify(v, null, 2));
      else report(io, v);
      return v.ok ? 0 : 1;
    },
  },
  {
    name: 'audit head',
    usage: `audit head [--out FILE]
      the last entry's number and hash, to write down or keep apart; --out writes an anchor file
      (${ANCHOR_SUFFIX}) for audit verify --anchor`,
    options: { out: { type: 'string' } },
    async run(io, a) {
      const head = await io.call('audit.head', {});
      if (!head) throw new CliError('The audit log is empty');
      const status = await io.call('vault.status', {});
      if (typeof a.values.out === 'string') {
        const anchor = anchorOf(head, status.office?.code ?? '', 'report', new Date());
        io.writeFile(resolve(a.values.out), Buffer.from(`${JSON.stringify(anchor, null, 2)}\n`));
        io.out(`Wrote ${a.values.out}`);
      }
      if (io.json) io.out(JSON.stringify(head, null, 2));
      else io.out(`Audit head: #${head.seq} ${head.hash} (${head.at}), ${head.count} entries`);
      return 0;
    },
  },
]);

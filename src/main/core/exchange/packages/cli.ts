import type { OutputOf, PackageOutcome } from '../../../../shared/contract';
import { CliError, defineCli, need, show, type CliArgs } from '../../cliCommand';

/**
 * --to: `all`, a group (lower case, as groups are written: `xa`, `vien-thong`) or office codes
 * separated by commas (`UBXA,UBXB`; codes are upper case).
 */
function target(a: CliArgs): { all: true } | { group: string } | { codes: string[] } {
  const to = need(a, 'to', 'needs --to CODES|GROUP|all');
  if (to === 'all') return { all: true };
  if (/^[a-z0-9][a-z0-9-]*$/.test(to)) return { group: to };
  return {
    codes: to
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  };
}

/** --select TYPE:ID,ID (repeatable): chosen records, e.g. ordinary registry entries. */
function selection(a: CliArgs): { type: string; ids: string[] }[] | undefined {
  const v = a.values.select;
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [String(v)]).map((s) => {
    const [type, ids] = s.split(':');
    if (!type || !ids) throw new CliError(`--select takes TYPE:ID,ID, not "${s}"`);
    return { type, ids: ids.split(',').filter(Boolean) };
  });
}

const outcomeLine = (p: PackageOutcome): string =>
  [
    p.result.padEnd(15),
    p.file,
    p.sender ? `from ${p.sender} #${p.sequence}` : '',
    p.reason && p.result !== 'already-applied' ? `${p.reason}: ${p.message}` : '',
  ]
    .filter(Boolean)
    .join('  ');

const forkLine = (q: OutputOf<'exchange.peers'>['quarantine'][number]): string =>
  [
    `#${q.id}`.padEnd(6),
    `${q.office} #${q.sequence}`,
    q.resolution ? `${q.resolution} by ${q.resolvedBy} (${q.resolvedReason})` : 'unresolved',
    q.hash,
    q.detail,
  ].join('  ');

const sentLine = (f: OutputOf<'exchange.packagesExport'>['files'][number]): string =>
  `${f.office.padEnd(12)} #${f.sequence}  ${f.records} record(s)  ${f.size} bytes  ${f.hash}  ${f.path}`;

export const packagesCli = defineCli([
  {
    name: 'packages export',
    usage: `packages export --to CODES|GROUP|all --out DIR [--select TYPE:ID,ID] [--json]
      one package per recipient: every change since the last package to it, or the records chosen`,
    options: { to: { type: 'string' }, out: { type: 'string' }, select: { type: 'string' } },
    async run(io, a) {
      const select = selection(a);
      const r = await io.call('exchange.packagesExport', {
        to: target(a),
        outDir: need(a, 'out', 'needs --out DIR'),
        ...(select ? { select } : {}),
      });
      show(io, r.files, () => r.files.map(sentLine).join('\n'));
      return 0;
    },
  },
  {
    name: 'packages resend',
    usage: `packages resend --to CODE --out DIR [--from SEQ] [--json]
      writes again, unchanged, the packages to one office from SEQ (default: the first it has not
      acknowledged), for a file lost on the way`,
    options: { to: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' } },
    async run(io, a) {
      const from = a.values.from;
      const fromSequence = typeof from === 'string' ? Number(from) : undefined;
      if (fromSequence !== undefined && !(Number.isInteger(fromSequence) && fromSequence >= 1))
        throw new CliError(`--from takes a package number (1, 2, …), not "${String(from)}"`);
      const r = await io.call('exchange.packagesResend', {
        office: need(a, 'to', 'needs --to CODE').toUpperCase(),
        outDir: need(a, 'out', 'needs --out DIR'),
        ...(fromSequence ? { fromSequence } : {}),
      });
      show(io, r.files, () => r.files.map(sentLine).join('\n'));
      return 0;
    },
  },
  {
    name: 'packages import',
    usage: `packages import PATH [--receipts DIR] [--preview] [--json]
      PATH a package or a folder of them; one result per package: applied, already-applied,
      rejected or quarantined with its reason code; --receipts writes a receipt for each sender`,
    options: { receipts: { type: 'string' }, preview: { type: 'boolean' } },
    async run(io, a) {
      const path = a.args[0];
      if (!path) throw new CliError('needs PATH (a package file or a folder)');
      if (a.values.preview) {
        const r = await io.call('exchange.packagesPreview', { path });
        show(io, r.packages, () => r.packages.map(outcomeLine).join('\n'));
        return 0;
      }
      const receiptsDir = a.values.receipts;
      const r = await io.call('exchange.packagesImport', {
        path,
        ...(typeof receiptsDir === 'string' ? { receiptsDir } : {}),
      });
      show(io, r.packages, () =>
        [...r.packages.map(outcomeLine), ...r.receipts.map((f) => `receipt  ${sentLine(f)}`)].join('\n'),
      );
      // Rejected packages are results, not a failure of the command; a script reads --json.
      return 0;
    },
  },
  {
    name: 'packages log',
    usage: `packages log [--office CODE] [--json]   every package sent and received, newest first`,
    options: { office: { type: 'string' } },
    async run(io, a) {
      const office = a.values.office;
      const r = await io.call('exchange.packagesLog', {
        limit: 1000,
        ...(typeof office === 'string' ? { office: office.toUpperCase() } : {}),
      });
      show(io, r.items, () =>
        r.items
          .map((e) =>
            [
              e.at,
              e.direction,
              e.result.padEnd(15),
              e.sender,
              '→',
              e.recipients.join(','),
              `#${e.sequence}`,
              e.reason ?? '',
              e.hash,
            ]
              .join('  ')
              .trimEnd(),
          )
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'packages peers',
    usage: `packages peers [--json]   per office: last package sent, applied and acknowledged; forks held`,
    async run(io) {
      const r = await io.call('exchange.peers', {});
      show(io, r, () =>
        r.peers
          .map(
            (p) =>
              `${p.office.padEnd(12)} sent #${p.sentSeq}  applied #${p.appliedSeq}  acknowledged #${p.ackedSeq}${p.behind > 0 ? `  (${p.behind} not acknowledged)` : ''}`,
          )
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'packages quarantine list',
    usage: `packages quarantine list [--json]   forks held: two different packages for one place in an office's chain`,
    async run(io) {
      const r = await io.call('exchange.peers', {});
      show(io, r.quarantine, () => r.quarantine.map(forkLine).join('\n'));
      return 0;
    },
  },
  {
    name: 'packages quarantine resolve',
    usage: `packages quarantine resolve ID --keep|--restart --reason TEXT [--json]
      --keep: the package applied stays, the other is dismissed; --restart: the sender restored a
      backup, its chain here is rewound to before the fork (import its packages again). Administrators`,
    options: { keep: { type: 'boolean' }, restart: { type: 'boolean' }, reason: { type: 'string' } },
    async run(io, a) {
      const id = Number(a.args[0]);
      if (!Number.isInteger(id) || id < 1)
        throw new CliError('needs ID (a number from `packages quarantine list`)');
      if (Boolean(a.values.keep) === Boolean(a.values.restart))
        throw new CliError('needs one of --keep or --restart');
      const r = await io.call('exchange.quarantineResolve', {
        id,
        action: a.values.keep ? 'keep' : 'restart',
        reason: need(a, 'reason', 'needs --reason TEXT (why, kept in the audit log)'),
      });
      show(io, r, () => forkLine(r));
      return 0;
    },
  },
]);

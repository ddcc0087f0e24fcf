import { exchangeContract } from '../../../../shared/contract';
import { defineHandlers, type CtxOf } from '../../handler';
import type { ExchangeEnv } from './env';
import { packageCandidates } from './candidates';
import { resolveQuarantined } from './forks';
import { removableFolders } from './outputFolder';
import { importPackages, previewPackages } from './receive';
import { exportPackages, resendPackages } from './send';
import { listLog, listPeers, listQuarantine, peerSightings, peerState, unacknowledgedData } from './state';

type Ctx = CtxOf<typeof exchangeContract>;

/** The act's environment; its progress is kept in the core's services for `exchange.packagesProgress`. */
function envOf(ctx: Ctx, job: 'export' | 'import' | 'preview'): ExchangeEnv {
  return {
    db: ctx.db,
    office: ctx.office,
    userName: ctx.user.userName,
    now: ctx.now,
    tx: ctx.tx,
    audit: ctx.audit,
    types: ctx.services.recordTypes,
    onProgress: (done, total) => (ctx.services.packagesProgress = { job, done, total }),
  };
}

/** Runs a long job with its progress shown meanwhile and cleared after, however it ends. */
async function withProgress<T>(
  ctx: Ctx,
  job: 'export' | 'import' | 'preview',
  fn: (env: ExchangeEnv) => Promise<T>,
) {
  ctx.services.packagesProgress = { job, done: 0, total: 0 };
  try {
    return await fn(envOf(ctx, job));
  } finally {
    ctx.services.packagesProgress = null;
  }
}

export const packagesHandlers = defineHandlers(exchangeContract)({
  'exchange.packagesExport': {
    run: async (ctx, input) => ({
      files: await withProgress(ctx, 'export', (env) => exportPackages(env, input)),
    }),
  },
  'exchange.packagesCandidates': {
    run: (ctx, input) => ctx.db.transaction(() => packageCandidates(envOf(ctx, 'export'), input))(),
  },
  'exchange.removableFolders': { run: () => ({ folders: removableFolders() }) },
  'exchange.packagesResend': {
    run: async (ctx, input) => ({ files: await resendPackages(envOf(ctx, 'export'), input) }),
  },
  'exchange.packagesPreview': {
    run: async (ctx, input) => ({
      packages: await withProgress(ctx, 'preview', (env) => previewPackages(env, input)),
    }),
  },
  'exchange.packagesImport': {
    run: (ctx, input) => withProgress(ctx, 'import', (env) => importPackages(env, input)),
  },
  'exchange.packagesProgress': { run: (ctx) => ctx.services.packagesProgress },
  'exchange.packagesLog': { run: (ctx, input) => listLog(ctx.db, input) },
  'exchange.peers': {
    run: (ctx) => {
      const seen = peerSightings(ctx.db);
      const peers = listPeers(ctx.db);
      // An office whose packages were all refused so far has no chain state yet, but is shown.
      for (const office of seen.keys())
        if (!peers.some((p) => p.office === office)) peers.push(peerState(ctx.db, office));
      return {
        peers: peers.map((p) => ({
          office: p.office,
          sentSeq: p.sentSeq,
          sentAt: p.sentAt,
          appliedSeq: p.appliedSeq,
          appliedAt: p.appliedAt,
          ackedSeq: p.ackedSeq,
          ackedAt: p.ackedAt,
          behind: unacknowledgedData(ctx.db, p.office),
          lastSeenAt: seen.get(p.office)?.lastSeenAt ?? null,
          missing: seen.get(p.office)?.missing ?? null,
        })),
        quarantine: listQuarantine(ctx.db),
      };
    },
  },
  'exchange.quarantineResolve': {
    run: (ctx, input) =>
      resolveQuarantined(
        { db: ctx.db, tx: ctx.tx, audit: ctx.audit, now: ctx.now, userName: ctx.user.userName },
        input,
      ),
  },
});

import { auditContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { backupDirOf } from '../vault/dataFolder';
import { readSettings } from '../db/settingsStore';
import { anchorsIn } from './anchors';
import { auditHead, listAudit } from './auditLog';
import { withTargetLabels } from './targetLabels';
import { verifyAudit } from './verifyChain';
import { withholdAbove } from './withheld';

export const auditHandlers = defineHandlers(auditContract)({
  'audit.actions': { run: ({ services }) => [...services.auditActions] },
  'audit.list': {
    run: ({ db, user }, input) =>
      withTargetLabels(db, withholdAbove(db, listAudit(db, input), user.clearance)),
  },
  'audit.head': { run: ({ db }) => auditHead(db) },
  'audit.verify': {
    run: (ctx, input) => {
      // The anchors given, and those written beside the backups in this vault's backup folder.
      const folder = backupDirOf(ctx.vault, readSettings(ctx.db).backupDir);
      const anchors = [...input.anchors, ...anchorsIn(folder, ctx.office.code)];
      const result = verifyAudit(ctx.db, { ring: ctx.keys, sealed: !ctx.vault.isLegacy(), anchors });
      // Recorded after the walk, so the entry is not part of what it checked.
      ctx.tx(() =>
        ctx.audit({
          action: 'audit.verify',
          targetType: 'audit',
          targetId: 'chain',
          outcome: result.ok ? 'ok' : 'failed',
          details: {
            count: result.count,
            firstBroken: result.firstBroken?.seq ?? null,
            sealing: result.sealing,
            anchors: result.anchors.length,
            head: result.head ? { seq: result.head.seq, hash: result.head.hash } : null,
          },
        }),
      );
      return result;
    },
  },
});

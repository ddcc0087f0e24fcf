import { auditContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { listAudit } from './auditLog';
import { verifyAudit } from './verifyChain';

export const auditHandlers = defineHandlers(auditContract)({
  'audit.actions': { run: ({ services }) => [...services.auditActions] },
  'audit.list': { run: ({ db }, input) => listAudit(db, input) },
  'audit.verify': {
    run: (ctx) => {
      const result = verifyAudit(ctx.db, { ring: ctx.keys, sealed: !ctx.vault.isLegacy() });
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
          },
        }),
      );
      return result;
    },
  },
});

import { auditContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { listAudit, verifyAudit } from './auditLog';
import { withTargetLabels } from './targetLabels';

export const auditHandlers = defineHandlers(auditContract)({
  'audit.actions': { run: ({ services }) => [...services.auditActions] },
  'audit.list': { run: ({ db }, input) => withTargetLabels(db, listAudit(db, input)) },
  'audit.verify': {
    run: (ctx) => {
      const result = verifyAudit(ctx.db);
      // Recorded after the walk, so the entry is not part of what it checked.
      ctx.tx(() =>
        ctx.audit({
          action: 'audit.verify',
          targetType: 'audit',
          targetId: 'chain',
          outcome: result.ok ? 'ok' : 'failed',
          details: { count: result.count, firstBroken: result.firstBroken?.seq ?? null },
        }),
      );
      return result;
    },
  },
});

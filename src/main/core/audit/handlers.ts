import { defineHandlers } from '../handler';
import { listAudit, verifyAudit } from './auditLog';

const AUDIT_READERS = ['admin', 'leader'] as const;

export const auditHandlers = defineHandlers({
  'audit.list': { access: AUDIT_READERS, run: ({ db }, input) => listAudit(db, input) },
  'audit.verify': {
    access: AUDIT_READERS,
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

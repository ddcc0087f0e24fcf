import { clearanceRank, type Role } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { AppError } from '../errors';
import {
  getDocumentRow,
  isRestricted,
  listDocuments,
  registerDocument,
  toDocEntry,
  voidDocument,
} from './documentStore';

/** Who keeps the registers; a coordinator may also register ordinary (unclassified) entries. */
export const REGISTRARS: readonly Role[] = ['admin', 'clerk', 'coordinator'];
const SECRET_REGISTRARS: readonly Role[] = ['admin', 'clerk'];

export function checkRegistrar(role: Role, level: string): void {
  if (level !== 'none' && !SECRET_REGISTRARS.includes(role))
    throw new AppError('FORBIDDEN', `Role ${role} may not register classified documents`);
}

export const registryHandlers = defineHandlers({
  'docs.register': {
    access: REGISTRARS,
    run: (ctx, input) => {
      checkRegistrar(ctx.user.role, input.level);
      if (clearanceRank(input.level) > clearanceRank(ctx.user.clearance))
        throw new AppError('FORBIDDEN', 'Your clearance is below the level of this document');
      const { row, clockWarning } = registerDocument(
        ctx.db,
        input,
        ctx.office.code,
        ctx.user.userName,
        new Date(),
        (r) =>
          ctx.audit({
            action: 'docs.register',
            targetType: 'document',
            targetId: r.id,
            details: { register: r.register, year: r.year, number: r.number, level: r.level },
          }),
      );
      return { entry: toDocEntry(row, ctx.user.clearance), clockWarning };
    },
  },
  'docs.list': {
    access: 'signed-in',
    run: ({ db, user }, input) => listDocuments(db, input, user.clearance),
  },
  'docs.get': {
    access: 'signed-in',
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = getDocumentRow(ctx.db, input.id);
        if (row.level !== 'none') {
          // Every view of a classified entry is audited, a refused one as denied.
          ctx.audit({
            action: 'docs.view',
            targetType: 'document',
            targetId: row.id,
            outcome: isRestricted(row, ctx.user.clearance) ? 'denied' : 'ok',
            details: { level: row.level },
          });
        }
        return toDocEntry(row, ctx.user.clearance);
      }),
  },
  'docs.void': {
    access: REGISTRARS,
    run: (ctx, input) =>
      ctx.tx(() => {
        const current = getDocumentRow(ctx.db, input.id);
        checkRegistrar(ctx.user.role, current.level);
        const row = voidDocument(
          ctx.db,
          input.id,
          input.version,
          input.reason,
          ctx.office.code,
          ctx.user.userName,
        );
        ctx.audit({
          action: 'docs.void',
          targetType: 'document',
          targetId: row.id,
          details: { number: row.number, register: row.register, year: row.year },
        });
        return toDocEntry(row, ctx.user.clearance);
      }),
  },
});

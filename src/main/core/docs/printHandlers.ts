import { docsContract, CLEARANCES, clearanceRank } from '../../../shared/contract';
import { fileStamp, vnIsoDate } from '../../../shared/dates';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { DOCX_MIME } from '../print/mime';
import { isRestricted } from './documentStore';
import { overdueRows, registerRows } from './registerRows';

/** Who prints the books: the clerk keeping them, the admin, and the leader who signs them off. */

export const docsPrintHandlers = defineHandlers(docsContract)({
  'docs.printRegister': {
    run: async (ctx, input) => {
      const from = input.from ?? `${input.year}-01-01`;
      const to = input.to ?? `${input.year}-12-31`;
      const rows = registerRows(ctx.db, ctx.office.code, input.register, input.year, from, to);
      const highestRank = rows.reduce((m, r) => Math.max(m, r.levelRank), 0);
      // A bound register is printed whole or not at all: blanking rows would leave a book with holes
      // that looks complete. So the printing user needs clearance for the highest level present in
      // the period, and a secret register needs at least Mật even when the period is empty.
      const secret = input.register === 'secret-in' || input.register === 'secret-out';
      const needed = Math.max(highestRank, secret ? clearanceRank('mat') : 0);
      const details = { register: input.register, year: input.year, from, to, rows: rows.length };
      if (needed > clearanceRank(ctx.user.clearance)) {
        ctx.tx(() =>
          ctx.audit({
            action: 'docs.print',
            targetType: 'register',
            targetId: input.register,
            outcome: 'denied',
            details,
          }),
        );
        throw new AppError(
          'FORBIDDEN',
          `Your clearance is below the ${CLEARANCES[needed]} level of this register`,
        );
      }
      // Loaded on first print: the docx library is large and most sessions never print.
      const { registerLayout } = await import('./registerLayouts');
      const { buildRegisterDocx } = await import('./registerDocx');
      const data = await buildRegisterDocx({
        office: ctx.office,
        layout: registerLayout(input.register),
        year: input.year,
        from,
        to,
        rows,
        highest: CLEARANCES[highestRank] ?? 'none',
      });
      ctx.tx(() =>
        ctx.audit({ action: 'docs.print', targetType: 'register', targetId: input.register, details }),
      );
      return {
        fileName: `so-${input.register}-${input.year}-${fileStamp()}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'docs.printOverdue': {
    run: async (ctx) => {
      const now = ctx.now();
      const rows = overdueRows(ctx.db, ctx.office.code, now).map((r) => ({
        ...r,
        restricted: isRestricted(r, ctx.user.clearance),
      }));
      const { buildOverdueDocx } = await import('./registerDocx');
      const data = await buildOverdueDocx({
        office: ctx.office,
        now,
        today: vnIsoDate(now),
        rows,
        preparedBy: ctx.user.fullName,
      });
      ctx.tx(() =>
        ctx.audit({
          action: 'docs.print',
          targetType: 'register',
          targetId: 'overdue',
          details: { rows: rows.length, restricted: rows.filter((r) => r.restricted).length },
        }),
      );
      return {
        fileName: `van-ban-qua-han-${fileStamp(now)}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
});

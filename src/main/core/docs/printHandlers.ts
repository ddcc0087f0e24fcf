import { docsContract, CLEARANCES, clearanceRank, type DocDecision } from '../../../shared/contract';
import { fileStamp, vnIsoDate } from '../../../shared/dates';
import { AppError } from '../errors';
import { defineHandlers, type CtxOf } from '../handler';
import { DOCX_MIME } from '../print/mime';
import { readSettings } from '../db/settingsStore';
import { getDocumentRow, isRestricted } from './documentStore';
import { entryHistory } from './lifecycle';
import { overdueRows, registerRows } from './registerRows';
import { yearReport } from './reports';

/** Who prints the books: the clerk keeping them, the admin, and the leader who signs them off. */

type DocsCtx = CtxOf<typeof docsContract>;

/** A printout as the channels return it, audited as 'docs.print' in its own transaction. */
function printed(
  ctx: DocsCtx,
  data: Buffer,
  fileName: string,
  audit: { targetType: string; targetId: string; details: Record<string, unknown> },
) {
  ctx.tx(() => ctx.audit({ action: 'docs.print', ...audit }));
  return { fileName, mime: DOCX_MIME, dataBase64: data.toString('base64') };
}

/** One entry of this office, readable by this user, or refused (audited as a denied print). */
function entryToPrint(ctx: DocsCtx, id: string, targetType: string) {
  const row = getDocumentRow(ctx.db, id);
  if (row.originOffice !== ctx.office.code)
    throw new AppError('NOT_FOUND', `No document ${id} of this office`);
  if (isRestricted(row, ctx.user.clearance))
    ctx.deny(
      { action: 'docs.print', targetType, targetId: id, details: {}, level: row.level },
      'Your clearance is below the level of this entry',
    );
  return row;
}

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
      if (needed > clearanceRank(ctx.user.clearance))
        ctx.deny(
          { action: 'docs.print', targetType: 'register', targetId: input.register, details },
          `Your clearance is below the ${CLEARANCES[needed]} level of this register`,
        );
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
        volume: input.volume,
      });
      return printed(ctx, data, `so-${input.register}-${input.year}-${fileStamp(ctx.now())}.docx`, {
        targetType: 'register',
        targetId: input.register,
        details,
      });
    },
  },
  'docs.printOverdue': {
    run: async (ctx, input) => {
      const now = ctx.now();
      // Whether an entry is overdue comes from its deadline and processing, hidden above the
      // reader's clearance: only entries they may read are listed (a restricted row would tell).
      const rows = overdueRows(ctx.db, ctx.office.code, now).filter(
        (r) => !isRestricted(r, ctx.user.clearance),
      );
      const { buildOverdueDocx } = await import('./registerDocx');
      const data = await buildOverdueDocx({
        office: ctx.office,
        now,
        today: vnIsoDate(now),
        rows,
        signerTitle: input.signerTitle,
        signerName: input.signerName || ctx.user.fullName,
        draftingUnit: input.draftingUnit,
      });
      return printed(ctx, data, `van-ban-qua-han-${fileStamp(now)}.docx`, {
        targetType: 'register',
        targetId: 'overdue',
        details: { rows: rows.length },
      });
    },
  },
  'docs.printYearReport': {
    run: async (ctx, input) => {
      const report = yearReport(ctx.db, input.year, readSettings(ctx.db).reportPeriodStart, ctx.office.code);
      const { buildYearReportDocx } = await import('./yearReportDocx');
      const data = await buildYearReportDocx({
        report,
        office: ctx.office,
        sections: input.sections,
        signerTitle: input.signerTitle,
        signerName: input.signerName,
        draftingUnit: input.draftingUnit,
        recipients: input.recipients,
        at: ctx.now(),
      });
      return printed(ctx, data, `bao-cao-bao-ve-bi-mat-${input.year}-${fileStamp(ctx.now())}.docx`, {
        targetType: 'report',
        targetId: `secret-report-${input.year}`,
        details: { from: report.from, to: report.to },
      });
    },
  },
  'docs.printDestruction': {
    run: async (ctx, input) => {
      const row = entryToPrint(ctx, input.documentId, 'destruction-record');
      const decision = entryHistory(ctx.db, row.id).decisions.find((d: DocDecision) => d.kind === 'destroy');
      if (!decision) throw new AppError('CONFLICT', 'No destruction of this entry is recorded');
      const details = decision.details as { council?: string[]; recordRef?: string; method?: string };
      const { buildDestructionDocx } = await import('./entryFormsDocx');
      const data = await buildDestructionDocx({
        office: ctx.office,
        entry: row,
        decision: {
          decidedAt: decision.decidedAt,
          decisionRef: decision.decisionRef,
          decidedBy: decision.decidedBy,
          council: details.council ?? [],
          recordRef: details.recordRef ?? '',
          method: details.method ?? '',
        },
        location: input.location?.trim() || ctx.office.name,
      });
      return printed(ctx, data, `bien-ban-tieu-huy-${row.register}-${row.year}-${row.number}.docx`, {
        targetType: 'destruction-record',
        targetId: row.id,
        details: { register: row.register, year: row.year, number: row.number, level: row.level },
      });
    },
  },
  'docs.printHandlingSlip': {
    run: async (ctx, input) => {
      const row = entryToPrint(ctx, input.documentId, 'handling-slip');
      if (row.direction !== 'in')
        throw new AppError('VALIDATION', 'A handling slip is for an incoming document');
      const { buildHandlingSlipDocx } = await import('./entryFormsDocx');
      const data = await buildHandlingSlipDocx({ office: ctx.office, entry: row });
      return printed(ctx, data, `phieu-giai-quyet-${row.register}-${row.year}-${row.number}.docx`, {
        targetType: 'handling-slip',
        targetId: row.id,
        details: { register: row.register, year: row.year, number: row.number },
      });
    },
  },
});

import { clearanceRank, docsContract, SECRET_REGISTRARS, type DocEntry } from '../../../shared/contract';
import { checkReferences } from '../contacts/references';
import { writerOf } from '../db/recordKernel';
import { defineHandlers, type CtxOf } from '../handler';
import { readSettings } from '../db/settingsStore';
import { fileOut, mayExportAttachments } from '../attachments/exportPermission';
import { addAttachment, getAttachment, listAttachments, openAttachment } from './attachments';
import {
  docView,
  getDocumentRow,
  isRestricted,
  listDocuments,
  registerDocument,
  registerOf,
  toDocEntry,
  voidDocument,
} from './documentStore';
import {
  decide,
  entryHistory,
  getTransferRow,
  recordCopies,
  requireActive,
  returnTransfer,
  setProcessing,
  transferDocument,
} from './lifecycle';
import { expiringDocuments, yearReport } from './reports';

type DocsCtx = CtxOf<typeof docsContract>;
export type DocsAction = DocsCtx extends { audit(e: { action: infer A }): void } ? A : never;
const BELOW_CLEARANCE = 'Your clearance is below the level of this document';

/** What a refused act was about: an entry, or a register (a registration, an import). */
export interface Refused {
  id: string;
  level: string;
  targetType?: 'document' | 'register';
}

/** Refuses an act: the denied attempt is audited with its target and level, never its text. */
export function deny(ctx: DocsCtx, action: DocsAction, doc: Refused, message = BELOW_CLEARANCE): never {
  return ctx.deny(
    {
      action,
      targetType: doc.targetType ?? 'document',
      targetId: doc.id,
      details: { level: doc.level },
    },
    message,
  );
}

/** Coordinators keep ordinary entries only: any act of theirs on a classified one is refused, audited. */
export function checkRegistrar(ctx: DocsCtx, action: DocsAction, doc: Refused): void {
  if (doc.level !== 'none' && !SECRET_REGISTRARS.includes(ctx.user.role))
    deny(ctx, action, doc, `Role ${ctx.user.role} may not keep classified documents`);
}

/**
 * Loads an entry the caller acts on: a registrar for its level, cleared to read it. A refused
 * attempt on a classified entry is audited outside the (rolled-back) transaction of the act, so
 * call it before ctx.tx.
 */
function entryForAct(ctx: DocsCtx, id: string, action: DocsAction) {
  const row = getDocumentRow(ctx.db, id);
  checkRegistrar(ctx, action, row);
  if (isRestricted(row, ctx.user.clearance)) {
    deny(ctx, action, row);
  }
  return row;
}

/** An entry as this user of this office sees it. */
const entryOf = (ctx: DocsCtx, row: Parameters<typeof docView>[1]) =>
  toDocEntry(docView(ctx.db, row, ctx.office.code), ctx.user.clearance);

/** An attachment with its entry, readable by this user (or refused and audited), opened. */
function readableAttachment(ctx: DocsCtx, id: string, action: DocsAction) {
  const stored = getAttachment(ctx.db, id);
  const doc = getDocumentRow(ctx.db, stored.documentId);
  if (isRestricted(doc, ctx.user.clearance)) {
    deny(ctx, action, doc);
  }
  return { att: openAttachment(ctx.db, stored, doc), doc };
}

/**
 * Text typed about an entry (a person, a file name, an authority) goes into its audit entries only
 * for an ordinary entry: the audit log is read by every administrator, cleared or not, and is not
 * sealed. For a classified entry the audit keeps the ids and numbers that point to the sealed record.
 */
function textForAudit(doc: { level: string }, text: Record<string, unknown>): Record<string, unknown> {
  return doc.level === 'none' ? text : {};
}

/**
 * A list that shows classified text is a read of it, as opening the entry (docs.get) is: one audit
 * entry per call naming the entries shown by id, never their text. A list showing none (only
 * ordinary, declassified or restricted entries) is not audited.
 */
export function auditShown(
  ctx: DocsCtx,
  channel: 'docs.list' | 'docs.expiring' | 'docs.findSimilar',
  items: readonly DocEntry[],
): void {
  const shown = items.filter((e) => !e.restricted && e.level !== 'none' && !e.declassifiedAt);
  if (shown.length === 0) return;
  ctx.tx(() =>
    ctx.audit({
      action: 'docs.viewList',
      targetType: 'channel',
      targetId: channel,
      details: { ids: shown.map((e) => e.id) },
    }),
  );
}

export const docsHandlers = defineHandlers(docsContract)({
  'docs.register': {
    run: (ctx, input) => {
      const register = {
        targetType: 'register',
        id: registerOf(input.direction, input.level),
        level: input.level,
      } as const;
      checkRegistrar(ctx, 'docs.register', register);
      if (clearanceRank(input.level) > clearanceRank(ctx.user.clearance))
        deny(ctx, 'docs.register', register);
      checkReferences(ctx.db, [
        { path: 'senderContactId', table: 'contacts', id: input.senderContactId },
        { path: 'organizationId', table: 'organizations', id: input.organizationId },
      ]);
      return ctx.tx(() => {
        const { row, clockWarning } = registerDocument(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'docs.register',
          targetType: 'document',
          targetId: row.id,
          details: { register: row.register, year: row.year, number: row.number, level: row.level },
        });
        return { entry: toDocEntry(row, ctx.user.clearance), clockWarning };
      });
    },
  },
  'docs.list': {
    run: (ctx, input) => {
      const page = listDocuments(ctx.db, input, ctx.user.clearance, ctx.office.code, ctx.now());
      auditShown(ctx, 'docs.list', page.items);
      return page;
    },
  },
  'docs.get': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = getDocumentRow(ctx.db, input.id);
        const restricted = isRestricted(row, ctx.user.clearance);
        if (row.level !== 'none') {
          // Every opening of a classified entry is audited, a refused one as denied.
          ctx.audit({
            action: 'docs.view',
            targetType: 'document',
            targetId: row.id,
            outcome: restricted ? 'denied' : 'ok',
            details: { level: row.level },
          });
        }
        const entry = entryOf(ctx, row);
        if (restricted)
          return {
            entry,
            attachments: [],
            transfers: [],
            copies: [],
            decisions: [],
            mayExportAttachments: false,
          };
        return {
          entry,
          attachments: listAttachments(ctx.db, row),
          ...entryHistory(ctx.db, row.id),
          mayExportAttachments: mayExportAttachments(ctx.db, ctx.user.userName),
        };
      }),
  },
  'docs.void': {
    run: (ctx, input) => {
      entryForAct(ctx, input.id, 'docs.void');
      return ctx.tx(() => {
        const row = voidDocument(ctx.db, input.id, input.version, input.reason, writerOf(ctx));
        ctx.audit({
          action: 'docs.void',
          targetType: 'document',
          targetId: row.id,
          details: { number: row.number, register: row.register, year: row.year },
        });
        return toDocEntry(row, ctx.user.clearance);
      });
    },
  },
  'docs.attach': {
    run: (ctx, input) => {
      const doc = entryForAct(ctx, input.documentId, 'docs.attach');
      requireActive(doc);
      return ctx.tx(() => {
        const meta = addAttachment(
          ctx.db,
          doc,
          input.fileName,
          Buffer.from(input.dataBase64, 'base64'),
          writerOf(ctx),
        );
        ctx.audit({
          action: 'docs.attach',
          targetType: 'document',
          targetId: doc.id,
          details: {
            attachment: meta.id,
            size: meta.size,
            ...textForAudit(doc, { fileName: meta.fileName, sha256: meta.sha256 }),
          },
        });
        return meta;
      });
    },
  },
  'docs.attachmentContent': {
    run: (ctx, input) => {
      const { att, doc } = readableAttachment(ctx, input.id, 'docs.attachment.view');
      if (doc.level !== 'none')
        ctx.tx(() =>
          ctx.audit({
            action: 'docs.attachment.view',
            targetType: 'document',
            targetId: doc.id,
            details: { attachment: att.id, level: doc.level },
          }),
        );
      return fileOut(att);
    },
  },
  'docs.exportAttachment': {
    run: (ctx, input) => {
      const { att, doc } = readableAttachment(ctx, input.id, 'docs.attachment.export');
      if (!mayExportAttachments(ctx.db, ctx.user.userName)) {
        deny(ctx, 'docs.attachment.export', doc, 'You do not have the permission to export attachments');
      }
      // Every export leaves the encrypted store: audited whatever the level.
      ctx.tx(() =>
        ctx.audit({
          action: 'docs.attachment.export',
          targetType: 'document',
          targetId: doc.id,
          details: {
            attachment: att.id,
            level: doc.level,
            ...textForAudit(doc, { fileName: att.fileName, sha256: att.sha256 }),
          },
        }),
      );
      return fileOut(att);
    },
  },
  'docs.transfer': {
    run: (ctx, input) => {
      const doc = entryForAct(ctx, input.documentId, 'docs.transfer');
      return ctx.tx(() => {
        const t = transferDocument(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'docs.transfer',
          targetType: 'document',
          targetId: t.documentId,
          details: {
            transfer: t.id,
            year: t.year,
            number: t.number,
            ...textForAudit(doc, { toPerson: t.toPerson }),
          },
        });
        return t;
      });
    },
  },
  'docs.returnTransfer': {
    run: (ctx, input) => {
      const t = getTransferRow(ctx.db, input.transferId);
      entryForAct(ctx, t.documentId, 'docs.returnTransfer');
      return ctx.tx(() => {
        const r = returnTransfer(ctx.db, t.id, input.note, writerOf(ctx));
        ctx.audit({
          action: 'docs.returnTransfer',
          targetType: 'document',
          targetId: r.documentId,
          details: { transfer: r.id, number: r.number },
        });
        return r;
      });
    },
  },
  'docs.recordCopies': {
    run: (ctx, input) => {
      const doc = entryForAct(ctx, input.documentId, 'docs.recordCopies');
      return ctx.tx(() => {
        const copies = recordCopies(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'docs.recordCopies',
          targetType: 'document',
          targetId: input.documentId,
          details: {
            kind: input.kind,
            ...textForAudit(doc, {
              authorisedBy: input.authorisedBy,
              authorisationRef: input.authorisationRef,
            }),
            numbers: copies.map((c) => c.number),
          },
        });
        return copies;
      });
    },
  },
  'docs.setProcessing': {
    run: (ctx, input) => {
      const doc = getDocumentRow(ctx.db, input.id);
      if (isRestricted(doc, ctx.user.clearance)) {
        deny(ctx, 'docs.setProcessing', doc);
      }
      return ctx.tx(() => {
        const row = setProcessing(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'docs.setProcessing',
          targetType: 'document',
          targetId: row.id,
          details: { processing: row.processing, replyId: row.replyId },
        });
        return toDocEntry(row, ctx.user.clearance);
      });
    },
  },
  'docs.decide': {
    run: (ctx, input) => {
      const doc = entryForAct(ctx, input.documentId, `docs.${input.kind}`);
      return ctx.tx(() => {
        const row = decide(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: `docs.${input.kind}`,
          targetType: 'document',
          targetId: row.id,
          details: {
            ...textForAudit(doc, { decisionRef: input.decisionRef, decidedBy: input.decidedBy }),
            level: row.level,
          },
        });
        return toDocEntry(row, ctx.user.clearance);
      });
    },
  },
  'docs.expiring': {
    run: (ctx, input) => {
      const items = expiringDocuments(
        ctx.db,
        input.withinDays,
        ctx.user.clearance,
        ctx.office.code,
        ctx.now(),
      );
      auditShown(ctx, 'docs.expiring', items);
      return items;
    },
  },
  'docs.yearReport': {
    run: (ctx, input) =>
      yearReport(ctx.db, input.year, readSettings(ctx.db).reportPeriodStart, ctx.office.code),
  },
});

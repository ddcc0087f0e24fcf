/**
 * Entries that look like the one being registered: the same document registered twice (same
 * symbol, sender and date). Only entries within the reader's clearance are compared, so a hidden
 * sender never answers "yes"; voided entries (mistakes) are left out.
 */
import { clearanceRank, docsContract, type DocEntry } from '../../../shared/contract';
import { foldVietnamese } from '../../../shared/text';
import { stmt } from '../db/open';
import { defineHandlers } from '../handler';
import { docView, getDocumentRow, toDocEntry } from './documentStore';
import { auditShown } from './handlers';

/** "15 / QĐ-UBND" and "15/qd-ubnd" are one symbol; "UBND  tỉnh" and "ubnd tinh" one sender. */
export const sameText = (a: string, b: string, spaces = false): boolean => {
  const norm = (s: string) => {
    const f = foldVietnamese(s).trim();
    return spaces ? f.replace(/\s+/g, '') : f.replace(/\s+/g, ' ');
  };
  return norm(a) === norm(b);
};

/** Entries of one document date compared at most (a register holds far fewer per day). */
const MAX_SAME_DAY = 2000;

export const docsSimilarHandlers = defineHandlers(docsContract)({
  'docs.findSimilar': {
    run: (ctx, input): DocEntry[] => {
      if (!input.symbol.trim()) return [];
      const ids = stmt(
        ctx.db,
        `SELECT id FROM documents
          WHERE deleted = 0 AND origin_office = ? AND direction = ? AND document_date = ?
            AND status != 'voided' AND level_rank <= ?
          ORDER BY registered_at DESC LIMIT ${MAX_SAME_DAY}`,
      ).all(ctx.office.code, input.direction, input.documentDate, clearanceRank(ctx.user.clearance)) as {
        id: string;
      }[];
      const similar = ids
        .map(({ id }) =>
          toDocEntry(docView(ctx.db, getDocumentRow(ctx.db, id), ctx.office.code), ctx.user.clearance),
        )
        .filter(
          (e) =>
            !e.restricted &&
            sameText(e.symbol, input.symbol, true) &&
            // An outgoing entry has no sender: the symbol and date name it.
            (!input.sender.trim() || !e.sender?.trim() || sameText(e.sender, input.sender)),
        )
        .slice(0, 10);
      auditShown(ctx, 'docs.findSimilar', similar);
      return similar;
    },
  },
});

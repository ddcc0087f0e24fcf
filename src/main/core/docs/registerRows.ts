/**
 * The rows of a printed register, as text per layout field (dates dd/mm/yyyy, levels in
 * Vietnamese), with each row's secrecy rank so the print can be refused before anything is built.
 */
import {
  type Clearance,
  type CopyKind,
  DOC_TYPE_LABELS_VI,
  type DocType,
  type DocUrgency,
  type PrintRegister,
} from '../../../shared/contract';
import { formatDate, formatDateTime, vnIsoDate } from '../../../shared/dates';
import { stmt, type Db } from '../db/open';

export const LEVEL_VI: Record<Clearance, string> = {
  none: 'Thường',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
};
const URGENCY_VI: Record<DocUrgency, string> = {
  // Only a marked urgency is written in the book; an ordinary document leaves the cell empty.
  none: '',
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
};
const COPY_KIND_VI: Record<CopyKind, string> = { copy: 'Sao, chụp', extract: 'Trích sao' };

export interface PrintRow {
  number: number;
  levelRank: number;
  level: Clearance;
  cells: Record<string, string>;
}

/**
 * The summary as it continues a sentence: its first letter in lower case ("Thành lập ..." →
 * "thành lập ..."), unless the first word is an abbreviation or a name written in capitals (UBND).
 */
function continuing(summary: string): string {
  const first = summary.split(/\s/, 1)[0] ?? '';
  const letters = [...first].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  const upper = letters.filter((ch) => ch === ch.toUpperCase()).length;
  if (upper > 1) return summary;
  return summary.charAt(0).toLowerCase() + summary.slice(1);
}

/**
 * "Tên loại và trích yếu": the type's name, then the summary in normal capitalisation ("Quyết định
 * thành lập ..."), unless the summary already names its type; a letter (công văn) has no type name.
 */
export function typeAndSummary(type: DocType, summary: string): string {
  const label = type === 'CV' || type === 'other' ? '' : DOC_TYPE_LABELS_VI[type];
  if (!label || summary.toLowerCase().startsWith(label.toLowerCase())) return summary;
  return summary ? `${label} ${continuing(summary)}` : label;
}

interface DecisionSql {
  document_id: string;
  kind: string;
  decided_at: string;
  decision_ref: string;
  decided_by: string;
  details: string;
}

/**
 * A decision as the "Ghi chú" of its entry notes it, shortly (the column is narrow): what was decided,
 * then the decision's reference and date.
 */
function decisionNote(d: DecisionSql): string {
  const details = JSON.parse(d.details) as Record<string, unknown>;
  const ref = `${d.decision_ref} ngày ${formatDate(d.decided_at)}`;
  switch (d.kind) {
    case 'recall':
      return `Thu hồi theo ${ref}`;
    case 'extend':
      return `Gia hạn bảo vệ đến ${formatDate(String(details.until))} theo ${ref}`;
    case 'declassify':
      return `Giải mật theo ${ref}`;
    case 'destroy':
      return `Tiêu hủy theo ${ref}${details.recordRef ? `, biên bản số ${String(details.recordRef)}` : ''}`;
    default:
      return '';
  }
}

/** The decisions on this office's entries, by entry, oldest first. */
function decisionNotes(db: Db, office: string): Map<string, string[]> {
  const rows = stmt(
    db,
    `SELECT document_id, kind, decided_at, decision_ref, decided_by, details FROM document_decisions
      WHERE deleted = 0 AND origin_office = ? ORDER BY decided_at, id`,
  ).all(office) as DecisionSql[];
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.document_id, [...(out.get(r.document_id) ?? []), decisionNote(r)]);
  return out;
}

/** The day each entry was first handed on (sổ chuyển giao), for the book's "Ngày chuyển". */
function firstTransfers(db: Db, office: string): Map<string, string> {
  const rows = stmt(
    db,
    `SELECT document_id, min(transferred_at) AS at FROM document_transfers
      WHERE deleted = 0 AND origin_office = ? GROUP BY document_id`,
  ).all(office) as { document_id: string; at: string }[];
  return new Map(rows.map((r) => [r.document_id, r.at]));
}

/** Full names of this vault's users, for "who made the copy" (records name the writer OFFICE/user). */
function userNames(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT user_name, full_name FROM users').all() as {
    user_name: string;
    full_name: string;
  }[];
  return new Map(rows.map((r) => [r.user_name, r.full_name]));
}

const day = (iso: string | null): string => (iso ? formatDate(iso) : '');
const inPeriod = (iso: string, from: string, to: string): boolean => {
  const d = vnIsoDate(new Date(iso));
  return d >= from && d <= to;
};

interface DocSql {
  id: string;
  number: number;
  registered_at: string;
  level: Clearance;
  level_rank: number;
  type: DocType;
  symbol: string;
  document_date: string;
  sender: string;
  recipients: string;
  summary: string;
  urgency: DocUrgency;
  copies: number;
  handler: string;
  deadline: string | null;
  notes: string;
  status: string;
  void_reason: string | null;
  signer: string;
}

function documentRows(
  db: Db,
  office: string,
  register: PrintRegister,
  year: number,
  from: string,
  to: string,
): PrintRow[] {
  const rows = stmt(
    db,
    `SELECT * FROM documents
      WHERE deleted = 0 AND origin_office = ? AND register = ? AND year = ? ORDER BY number`,
  ).all(office, register, year) as DocSql[];
  const decisions = decisionNotes(db, office);
  const transfers = firstTransfers(db, office);
  return rows
    .filter((r) => inPeriod(r.registered_at, from, to))
    .map((r) => ({
      number: r.number,
      levelRank: r.level_rank,
      level: r.level,
      cells: {
        arrivalDate: day(r.registered_at),
        number: String(r.number),
        sender: r.sender,
        symbol: r.symbol,
        documentDate: day(r.document_date),
        symbolAndDate: [r.symbol, day(r.document_date)].filter(Boolean).join('\n'),
        transferDate: day(transfers.get(r.id) ?? null),
        typeAndSummary: typeAndSummary(r.type, r.summary),
        summary: r.summary,
        handler: r.handler,
        signer: r.signer,
        recipients: (JSON.parse(r.recipients) as string[]).join('\n'),
        copies: String(r.copies),
        level: LEVEL_VI[r.level],
        urgency: URGENCY_VI[r.urgency],
        deadline: day(r.deadline),
        // A voided number stays in the book with the reason, as the paper register would show it.
        // Recall, extension, declassification and destruction are noted as the paper book notes them.
        notes: [
          r.notes,
          r.status === 'voided' ? `(Đã hủy số: ${r.void_reason ?? ''})` : '',
          ...(decisions.get(r.id) ?? []),
        ]
          .filter(Boolean)
          .join('\n'),
      },
    }));
}

interface JoinedDoc {
  symbol: string;
  document_date: string;
  level: Clearance;
  level_rank: number;
  summary: string;
}

interface TransferSql extends JoinedDoc {
  number: number;
  transferred_at: string;
  to_person: string;
  to_unit: string;
  purpose: string;
  returned_at: string | null;
  return_note: string;
}

function transferRows(db: Db, office: string, year: number, from: string, to: string): PrintRow[] {
  const rows = stmt(
    db,
    `SELECT t.*, d.symbol, d.document_date, d.level, d.level_rank, d.summary
       FROM document_transfers t JOIN documents d ON d.id = t.document_id
      WHERE t.deleted = 0 AND t.origin_office = ? AND t.year = ? ORDER BY t.number`,
  ).all(office, year) as TransferSql[];
  return rows
    .filter((r) => inPeriod(r.transferred_at, from, to))
    .map((r) => ({
      number: r.number,
      levelRank: r.level_rank,
      level: r.level,
      cells: {
        number: String(r.number),
        transferredAt: formatDateTime(r.transferred_at),
        symbol: r.symbol,
        symbolAndDate: [r.symbol, day(r.document_date)].filter(Boolean).join('\n'),
        level: LEVEL_VI[r.level],
        summary: r.summary,
        toPerson: r.to_person,
        toUnit: r.to_unit,
        toPersonAndUnit: [r.to_person, r.to_unit].filter(Boolean).join('\n'),
        returnedAt: day(r.returned_at),
        notes: [r.purpose, r.return_note].filter(Boolean).join('\n'),
      },
    }));
}

interface CopySql extends JoinedDoc {
  number: number;
  kind: string;
  authorised_by: string;
  authorisation_ref: string;
  made_at: string;
  copy_index: number;
  quantity: number;
  recipient: string;
  updated_by: string;
}

function copyRows(db: Db, office: string, year: number, from: string, to: string): PrintRow[] {
  const rows = stmt(
    db,
    `SELECT c.*, d.symbol, d.document_date, d.level, d.level_rank, d.summary
       FROM document_copies c JOIN documents d ON d.id = c.document_id
      WHERE c.deleted = 0 AND c.origin_office = ? AND c.year = ? ORDER BY c.number`,
  ).all(office, year) as CopySql[];
  const names = userNames(db);
  return rows
    .filter((r) => inPeriod(r.made_at, from, to))
    .map((r) => {
      return {
        number: r.number,
        levelRank: r.level_rank,
        level: r.level,
        cells: {
          // One row per copy: its number in the copy register, then which of the authorised copies it is.
          copyNumbers: `${r.number} (${r.copy_index}/${r.quantity})`,
          madeAt: day(r.made_at),
          symbol: r.symbol,
          docRef: [[r.symbol, day(r.document_date)].filter(Boolean).join(' ngày '), r.summary]
            .filter(Boolean)
            .join('\n'),
          level: LEVEL_VI[r.level],
          copyKind: COPY_KIND_VI[r.kind as CopyKind] ?? r.kind,
          quantity: String(r.quantity),
          authorisedBy: r.authorised_by,
          authorisationRef: r.authorisation_ref,
          authorisation: [r.authorised_by, r.authorisation_ref].filter(Boolean).join('\n'),
          // Who recorded the copy made it: the writer of the record, by full name.
          madeBy: names.get(r.updated_by.slice(r.updated_by.indexOf('/') + 1)) ?? r.updated_by,
          recipient: r.recipient,
        },
      };
    });
}

/** The rows of one of this office's registers for the period, in number order. */
export function registerRows(
  db: Db,
  office: string,
  register: PrintRegister,
  year: number,
  from: string,
  to: string,
): PrintRow[] {
  if (register === 'transfer') return transferRows(db, office, year, from, to);
  if (register === 'copy') return copyRows(db, office, year, from, to);
  return documentRows(db, office, register, year, from, to);
}

export interface OverdueRow {
  register: string;
  number: number;
  level: Clearance;
  levelRank: number;
  symbol: string;
  summary: string;
  handler: string;
  deadline: string;
}

/** This office's entries still awaiting its processing whose deadline passed (before today, Vietnam time). */
export function overdueRows(db: Db, office: string, now: Date): OverdueRow[] {
  return stmt(
    db,
    `SELECT d.register, d.number, d.level, d.level_rank AS levelRank, d.symbol, d.summary, d.handler, d.deadline
       FROM documents d LEFT JOIN document_handling h ON h.document_id = d.id AND h.office = d.origin_office
      WHERE d.deleted = 0 AND d.origin_office = ? AND d.status = 'registered'
        AND coalesce(h.processing, 'pending') != 'done' AND d.deadline IS NOT NULL AND d.deadline < ?
      ORDER BY d.deadline, d.register, d.year, d.number`,
  ).all(office, vnIsoDate(now)) as OverdueRow[];
}

import type { Clearance, DocType, DocUrgency } from '../../../../shared/contract';
import { checkDate, type DateCheck } from '../../../../shared/dates';

/** The register form as typed (dates as dd/mm/yyyy). */
export const EMPTY_REGISTER_FORM = {
  direction: 'in' as 'in' | 'out',
  level: 'none' as Clearance,
  type: 'CV' as DocType,
  symbol: '',
  documentDate: '',
  sender: '',
  recipients: [] as string[],
  summary: '',
  senderConsentToSummary: false,
  urgency: 'none' as DocUrgency,
  copies: 1,
  pages: 1,
  signer: '',
  handler: '',
  deadline: '',
  notes: '',
  /** The drafting unit of an outgoing letter's symbol (08/SKHCN-VP), from the office profile. */
  draftingUnit: '',
};
export type RegisterForm = typeof EMPTY_REGISTER_FORM;

export const SUMMARY_MAX = 2000;
export const SYMBOL_MAX = 100;

/** Whether anything was typed (the defaults alone are not worth asking about). */
export function isFilled(f: RegisterForm): boolean {
  return (
    [f.symbol, f.documentDate, f.sender, f.summary, f.signer, f.handler, f.deadline, f.notes].some((v) =>
      v.trim(),
    ) || f.recipients.length > 0
  );
}

/**
 * What may be kept as a draft across a lock: an ordinary (level 'none') form with something
 * typed; a classified one is never written anywhere outside the encrypted database.
 */
export function draftOf(f: RegisterForm): RegisterForm | null {
  return f.level === 'none' && isFilled(f) ? f : null;
}

export type RegisterProblem =
  | { field: 'documentDate' | 'deadline'; date: DateCheck & { ok: false } }
  | { field: 'summary' | 'symbol'; tooLong: number }
  | { field: 'summary'; needsConsent: true };

/** Every problem of the form at once, each for its field, checked by the core's own rules. */
export function registerProblems(f: RegisterForm): RegisterProblem[] {
  const out: RegisterProblem[] = [];
  const date = checkDate(f.documentDate, true);
  if (!date.ok) out.push({ field: 'documentDate', date });
  const deadline = checkDate(f.deadline);
  if (!deadline.ok) out.push({ field: 'deadline', date: deadline });
  if (f.symbol.length > SYMBOL_MAX) out.push({ field: 'symbol', tooLong: SYMBOL_MAX });
  if (f.summary.length > SUMMARY_MAX) out.push({ field: 'summary', tooLong: SUMMARY_MAX });
  else if (f.level === 'tuyet-mat' && f.summary.trim() && !f.senderConsentToSummary)
    out.push({ field: 'summary', needsConsent: true });
  return out;
}

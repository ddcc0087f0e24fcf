/**
 * A task's deadline as plans word it, read into the plans contract's DeadlineSpec (the one the
 * deadline engine computes due dates from). The text is folded (no diacritics, lower case) first,
 * so "hằng tuần", "hàng tuần" and "HÀNG TUẦN" read alike. The words themselves are kept by the
 * caller (deadlineText), so nothing here carries them. Shared: the import preview re-reads a
 * deadline as the user corrects it, as the core reads it again at commit.
 */
import type { DeadlineSpec, PhaseKey } from './contract/plans';
import { parseDate } from './dates';
import { cleanText, foldVietnamese } from './text';

/** The key day in a plan's words: election day, polling day. */
const KEY_DAY = String.raw`ngay (?:bau cu|bo phieu)`;
const RELATIVE_AFTER = new RegExp(String.raw`\b(truoc|sau) ${KEY_DAY}\s*(\d{1,4}) ngay\b`);
const RELATIVE_BEFORE = new RegExp(String.raw`\b(\d{1,4}) ngay (truoc|sau) ${KEY_DAY}`);
const NUMERIC_DATE = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/g;
const WORDED_DATE = /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/g;
const WEEKDAYS: Record<string, number> = {
  hai: 1,
  '2': 1,
  ba: 2,
  '3': 2,
  tu: 3,
  '4': 3,
  nam: 4,
  '5': 4,
  sau: 5,
  '6': 5,
  bay: 6,
  '7': 6,
};
const WEEKLY = /\b(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat)) (?:hang|moi) tuan\b/;
const CONTINUOUS = /^(?:thuong xuyen|lien tuc)\b/;
const PHASES = new RegExp(
  String.raw`\b((?:truoc|trong|sau)(?:\s*(?:,|va|hoac)\s*(?:truoc|trong|sau))*),? (?:${KEY_DAY}|(?:ky |cuoc )?bau cu)`,
);
const PHASE_WORDS: readonly (readonly [string, PhaseKey])[] = [
  ['truoc', 'before'],
  ['trong', 'during'],
  ['sau', 'after'],
];
/** "trong (suốt) thời gian (diễn ra) bầu cử": the days of the election, the 'during' phase. */
const ELECTION_PERIOD =
  /\btrong (?:suot )?(?:thoi gian|qua trinh|dot) (?:dien ra |to chuc )?(?:ky |cuoc )?bau cu/;

/** The contract's bound on days from the key day. */
const MAX_RELATIVE_DAYS = 1000;
/** A deadline is a phrase: a longer text is kept as written, not searched (the patterns backtrack). */
const MAX_DEADLINE_CHARS = 300;

/** The deadline a text states; null when none of the kinds the plans use is recognised. */
export function parseDeadline(asWritten: string): DeadlineSpec | null {
  const written = cleanText(asWritten);
  if (written.length > MAX_DEADLINE_CHARS) return null;
  const folded = foldVietnamese(written);

  const after = RELATIVE_AFTER.exec(folded);
  const before = RELATIVE_BEFORE.exec(folded);
  if (after || before) {
    const days = Number(after ? after[2] : before?.[1]);
    if (days > MAX_RELATIVE_DAYS) return null;
    // The contract counts from the key day: negative before it.
    const sign = (after ? after[1] : before?.[2]) === 'sau' ? 1 : -1;
    return { kind: 'relative', days: sign * days };
  }

  const date = lastDate(folded);
  if (date) return { kind: 'date', date };

  const weekly = WEEKLY.exec(folded);
  if (weekly) {
    const weekday = weekly[2] ? 7 : (WEEKDAYS[weekly[1] ?? ''] ?? 1);
    return { kind: 'weekly', weekday, phases: ELECTION_PERIOD.test(folded) ? ['during'] : [] };
  }

  // "Thường xuyên trong suốt thời gian diễn ra bầu cử": reported each period of those days only.
  if (CONTINUOUS.test(folded))
    return { kind: 'continuous', phases: ELECTION_PERIOD.test(folded) ? ['during'] : [] };

  const phases = PHASES.exec(folded);
  if (phases) {
    const said = new Set(phases[1]?.match(/truoc|trong|sau/g));
    const found = PHASE_WORDS.filter(([word]) => said.has(word)).map(([, phase]) => phase);
    return { kind: 'phase', phases: found };
  }
  if (ELECTION_PERIOD.test(folded)) return { kind: 'phase', phases: ['during'] };

  return null;
}

/** The last full date in the text ("từ ngày 05/01 đến ngày 14/01/2026" ends on the 14th): YYYY-MM-DD. */
function lastDate(folded: string): string | null {
  let found: string | null = null;
  for (const re of [NUMERIC_DATE, WORDED_DATE]) {
    for (const m of folded.matchAll(re)) found = parseDate(`${m[1]}/${m[2]}/${m[3]}`) ?? found;
    if (found) return found;
  }
  return found;
}

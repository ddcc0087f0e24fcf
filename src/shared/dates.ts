/** Dates for people: dd/mm/yyyy in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function vnParts(iso: string | Date): { d: string; m: string; y: string; hh: string; mm: string } {
  const t = (typeof iso === 'string' ? new Date(iso) : iso).getTime() + VN_OFFSET_MS;
  const v = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    d: pad(v.getUTCDate()),
    m: pad(v.getUTCMonth() + 1),
    y: String(v.getUTCFullYear()),
    hh: pad(v.getUTCHours()),
    mm: pad(v.getUTCMinutes()),
  };
}

export function formatDate(iso: string | Date): string {
  const p = vnParts(iso);
  return `${p.d}/${p.m}/${p.y}`;
}

export function formatDateTime(iso: string | Date): string {
  const p = vnParts(iso);
  return `${p.hh}:${p.mm} ${p.d}/${p.m}/${p.y}`;
}

/**
 * The place-and-date line of Nghị định 30/2020: "Nghệ An, ngày 05 tháng 3 năm 2026". Days 1–9 and
 * the months 1 and 2 take a leading zero ("ngày 28 tháng 02 năm 2026"), other months do not.
 */
export function officialDateLine(place: string, at: string | Date): string {
  const p = vnParts(at);
  const month = Number(p.m);
  return `${place}, ngày ${p.d} tháng ${month <= 2 ? p.m : String(month)} năm ${p.y}`;
}

/** Years a document, deadline or register date can fall in: anything else is a typing error. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** "yyyy-mm-dd" when y-m-d is a day of the calendar (no 30 February) within the years above; else null. */
function calendarDay(y: number, mo: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whether "yyyy-mm-dd" names a real calendar day (the contract checks every date with this). */
export function isIsoCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/**
 * Parses a date as people type it: "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", or ISO
 * "yyyy-mm-dd"; returns "yyyy-mm-dd" or null when it is not a real calendar day.
 */
export function parseDate(input: string): string | null {
  const s = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (!m) return null;
  return calendarDay(Number(m[4]), Number(m[3]), Number(m[1]));
}

/** Why a typed date is refused, for a message that names the rule it breaks. */
export type DateCheck =
  | { ok: true; iso: string | null }
  | { ok: false; problem: 'required' | 'format' | 'year-range' }
  | { ok: false; problem: 'no-such-day'; day: string };

/**
 * Checks a typed date (the forms of parseDate): empty is null unless required; "31/02/2026" is a
 * day that does not exist (named back as dd/mm/yyyy), "2026/13" is not a date, 1850 is out of range.
 */
export function checkDate(input: string, required = false): DateCheck {
  const s = input.trim();
  if (!s) return required ? { ok: false, problem: 'required' } : { ok: true, iso: null };
  const iso = parseDate(s);
  if (iso) return { ok: true, iso };
  const isoForm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const vnForm = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  const parts = isoForm
    ? { y: Number(isoForm[1]), m: Number(isoForm[2]), d: Number(isoForm[3]) }
    : vnForm
      ? { y: Number(vnForm[4]), m: Number(vnForm[3]), d: Number(vnForm[1]) }
      : null;
  if (!parts || parts.m < 1 || parts.m > 12 || parts.d < 1 || parts.d > 31)
    return { ok: false, problem: 'format' };
  if (parts.y < MIN_YEAR || parts.y > MAX_YEAR) return { ok: false, problem: 'year-range' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ok: false, problem: 'no-such-day', day: `${pad(parts.d)}/${pad(parts.m)}/${parts.y}` };
}

/** "yyyy-mm-dd" → "dd/mm/yyyy" as typed in the forms (no time zone: a calendar day). */
export function isoToTyped(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Compact local stamp for file names: 20260315-0830. */
export function fileStamp(at: Date = new Date()): string {
  const p = vnParts(at);
  return `${p.y}${p.m}${p.d}-${p.hh}${p.mm}`;
}

/** Calendar year in Vietnam (registers restart on 1 January local time). */
export function vnYear(at: Date): number {
  return Number(vnParts(at).y);
}

/** "yyyy-mm-dd" of the Vietnamese calendar day (for deadlines and "overdue"). */
export function vnIsoDate(at: Date): string {
  const p = vnParts(at);
  return `${p.y}-${p.m}-${p.d}`;
}

/** YYYY-MM-DD plus whole years; 29/02 becomes 28/02 in a common year (the period never overruns). */
export function addYearsIso(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** YYYY-MM-DD plus whole days. */
export function addDaysIso(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Recognising a plan (Kế hoạch) in its text: the header, the title, the legal bases, the numbered
 * sections and the tasks with their fields, the recipients, the signer and the appendices. Two
 * layouts of tasks are read (seeds 000 and 001): a numbered heading followed by its fields,
 * lettered ("a) Nội dung: ... b) Cơ quan chủ trì: ...") or bulleted ("- Cơ quan thực hiện: ...",
 * "- Nhiệm vụ:" with "+" items). Labels are compared folded, so diacritics and case do not matter.
 */
import type { AppError } from '../../errors';
import { importInvalid, refuse } from '../../import/limits';
import { parseDate } from '../../../../shared/dates';
import { cleanText, foldVietnamese } from '../../../../shared/text';
import { parseDeadline } from '../../../../shared/deadlineText';
import type {
  PlanAppendix,
  PlanDraft,
  PlanDuty,
  PlanHeader,
  PlanLineRef,
  PlanSectionDraft,
  PlanSigner,
  PlanSubItem,
  PlanTaskDraft,
  PlanTaskIssue,
} from './types';

/** The title sits in the first lines of a plan, under the header block. */
const TITLE_SEARCH_LINES = 30;
/** A subject longer than this many lines is the body, not the title. */
const MAX_SUBJECT_LINES = 4;

/**
 * The text of a plan of 500 tasks is about 250,000 characters; beyond this bound a text is refused
 * rather than read for seconds.
 */
export const MAX_PLAN_TEXT_CHARS = 2_000_000;
/** Header lines (office, number, place and date) are short: longer ones are not read as such. */
const MAX_HEADER_LINE = 300;

type Line = PlanLineRef;

function invalid(message: string, vi: string): AppError {
  return importInvalid(refuse(message, vi));
}

const fold = (s: string) =>
  foldVietnamese(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A line without the Markdown marks a plan copied as text may carry (#, **, *...*). */
function cleanLine(raw: string): string {
  const text = raw
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*([^*\s](?:[^*]*[^*\s])?)\*(?=[\s).,;:]|$)/g, '$1$2');
  const clean = cleanText(text);
  // Rules drawn with dashes or underscores under a heading carry nothing.
  return /^[-_=*.\s]+$/.test(clean) ? '' : clean;
}

/**
 * The plan recognised in `text`, or AppError IMPORT_INVALID with the reason it is not one: no
 * KẾ HOẠCH title near the top, or no task recognised.
 */
export function parsePlanText(text: string): PlanDraft {
  if (text.length > MAX_PLAN_TEXT_CHARS) {
    throw invalid(
      `The text is longer than ${MAX_PLAN_TEXT_CHARS} characters, far more than a plan: split it into several files.`,
      `Văn bản dài hơn ${MAX_PLAN_TEXT_CHARS} ký tự, vượt xa một kế hoạch: hãy chia thành nhiều tệp.`,
    );
  }
  const lines: Line[] = [];
  text.split(/\r\n?|\n/).forEach((raw, i) => {
    const clean = cleanLine(raw);
    if (clean) lines.push({ line: i + 1, text: clean });
  });
  if (lines.length === 0) throw invalid('The text is empty.', 'Văn bản trống.');

  const titleAt = lines.slice(0, TITLE_SEARCH_LINES).findIndex((l) => isPlanTitle(l.text));
  if (titleAt < 0) {
    throw invalid(
      'Not a plan: no KẾ HOẠCH title was found at the top of the document.',
      'Không phải kế hoạch: không thấy tiêu đề "KẾ HOẠCH" ở đầu văn bản.',
    );
  }
  const titleLine = lines[titleAt]!;
  const subjectLines: string[] = [];
  // "KẾ HOẠCH Bảo đảm ..." in one paragraph: the subject follows the type name.
  const sameLine = titleLine.text.replace(/^KẾ HOẠCH\s*/u, '');
  if (sameLine) subjectLines.push(sameLine);
  let at = titleAt + 1;
  while (at < lines.length && subjectLines.length < MAX_SUBJECT_LINES && !startsBody(lines[at]!.text))
    subjectLines.push(lines[at++]!.text);

  const rest = lines.slice(at);
  const recipientsAt = rest.findIndex((l) => /^noi nhan\b/.test(fold(l.text)));
  const afterRecipients = recipientsAt < 0 ? 0 : recipientsAt;
  const appendixFrom = rest.findIndex((l, i) => i >= afterRecipients && isAppendixTitle(l.text));
  const tailAt = firstOf(recipientsAt, appendixFrom, rest.length);
  const closingAt = rest.findIndex((l, i) => i < tailAt && isClosing(l.text));
  const bodyEnd = firstOf(closingAt, tailAt, rest.length);

  const outline = buildOutline(rest.slice(0, bodyEnd));
  const draft: PlanDraft = {
    header: readHeader(lines.slice(0, titleAt)),
    title: { line: titleLine.line, subject: subjectLines.join(' ') },
    legalBases: outline.preamble.filter((l) => /^(can cu|thuc hien)\b/.test(fold(l.text))),
    preamble: outline.preamble.filter((l) => !/^(can cu|thuc hien)\b/.test(fold(l.text))),
    purpose: [],
    requirements: [],
    sections: outline.nodes.map(({ label, title, level, line }) => ({ label, title, level, line })),
    tasks: [],
    budget: null,
    duties: [],
    closing: closingAt < 0 ? [] : rest.slice(closingAt, tailAt),
    recipients: [],
    signer: null,
    appendices: [],
  };
  readBody(outline.nodes, draft);

  const appendixAt = appendixFrom < 0 ? rest.length : appendixFrom;
  let signerFrom = bodyEnd;
  if (recipientsAt >= 0) {
    const { recipients, next } = readRecipients(rest, recipientsAt, appendixAt);
    draft.recipients = recipients;
    signerFrom = next;
  }
  draft.signer = readSigner(rest.slice(signerFrom, appendixAt));
  draft.appendices = readAppendices(rest.slice(appendixAt));

  if (draft.tasks.length === 0) {
    throw invalid(
      'No tasks recognised: the plan has no numbered item with a lead organisation (chủ trì / thực hiện), ' +
        'a deadline (thời gian) or an expected product (sản phẩm).',
      'Không nhận ra nhiệm vụ nào: không có mục đánh số nào ghi cơ quan chủ trì / thực hiện, thời gian hoặc sản phẩm.',
    );
  }
  return draft;
}

/** The smallest index that was found (not -1), else `fallback`. */
function firstOf(a: number, b: number, fallback: number): number {
  return Math.min(...[a, b, fallback].filter((i) => i >= 0));
}

function isPlanTitle(text: string): boolean {
  return fold(text) === 'ke hoach' || /^KẾ HOẠCH\s+\p{Lu}/u.test(text);
}

function isUpperLine(l: Line): boolean {
  const letters = l.text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

function startsBody(text: string): boolean {
  return (
    /^(can cu|thuc hien|theo|de|nham|tren co so)\b/.test(fold(text)) ||
    heading(text) !== null ||
    /[:;]$/.test(text)
  );
}

function isAppendixTitle(text: string): boolean {
  return /^PHỤ LỤC\b/u.test(text) || /^Phụ lục( \S{1,5})?$/u.test(text);
}

function isClosing(text: string): boolean {
  return /^(tren day la|trong qua trinh (trien khai |to chuc )?(thuc hien|trien khai))\b/.test(fold(text));
}

// --- Header

function readHeader(lines: readonly Line[]): PlanHeader {
  const header: PlanHeader = {
    parentBody: null,
    office: null,
    numberAndSymbol: null,
    number: null,
    symbol: null,
    place: null,
    date: null,
    dateAsWritten: null,
  };
  const caps: string[] = [];
  for (const { text } of lines) {
    if (text.length > MAX_HEADER_LINE) continue; // a header line is short; long ones are body text
    const folded = fold(text);
    const number = /^Số\s*[:.]?\s*(.*)$/iu.exec(text);
    const date = /^(.*?),?\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/iu.exec(text);
    if (number && /\//.test(number[1] ?? '')) {
      const written = (number[1] ?? '').replace(/\s+/g, '');
      const parts = /^(\d+)?\/(.+)$/.exec(written);
      header.numberAndSymbol = written;
      header.number = parts?.[1] ? Number(parts[1]) : null;
      header.symbol = parts?.[2] ?? null;
    } else if (date) {
      header.place = date[1]?.replace(/,$/, '').trim() || null;
      header.date = date[2] && date[3] ? parseDate(`${date[2]}/${date[3]}/${date[4]}`) : null;
      header.dateAsWritten = text;
    } else if (/^(cong hoa xa hoi chu nghia|doc lap tu do)/.test(folded)) {
      continue;
    } else if (isUpperLine({ line: 0, text })) caps.push(text);
  }
  header.office = caps[caps.length - 1] ?? null;
  header.parentBody = caps.length >= 2 ? (caps[caps.length - 2] ?? null) : null;
  return header;
}

// --- Outline

interface Node extends PlanSectionDraft {
  body: Line[];
  /** Whether a field ("Nội dung:", "Cơ quan chủ trì:") is among its lines. */
  hasField: boolean;
  /** The outermost heading it sits under ("II. NỘI DUNG"); null for an outermost one. */
  top: Node | null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** A numbered heading's label, level and text; null for any other line. */
function heading(text: string): { label: string; level: number; title: string } | null {
  const roman = /^([IVX]{1,5})[.)]\s*(\p{Lu}.*)$/u.exec(text);
  if (roman && ROMAN.includes(roman[1]!)) return { label: roman[1]!, level: 1, title: roman[2]! };
  const nested = /^(\d{1,2}(?:\.\d{1,3}){1,3})\.?\s+(\p{L}.*)$/u.exec(text);
  if (nested) return { label: nested[1]!, level: 1 + nested[1]!.split('.').length, title: nested[2]! };
  const single = /^(\d{1,2})[.)]\s+(\p{L}.*)$/u.exec(text);
  if (single) return { label: single[1]!, level: 2, title: single[2]! };
  return null;
}

const LETTER = /^([a-zđ])\)\s*(.*)$/u;
const BULLET = /^[-–—+•·*]\s*(.*)$/u;

/** The numbered headings of the body, each with the lines under it; what precedes the first is preamble. */
function buildOutline(lines: readonly Line[]): { preamble: Line[]; nodes: Node[] } {
  const preamble: Line[] = [];
  const nodes: Node[] = [];
  const stack: Node[] = [];
  for (const l of lines) {
    let h = heading(l.text);
    const current = stack[stack.length - 1];
    // A lettered line is a field ("a) Nội dung:"), an item under an open field, or else a heading.
    const letter = LETTER.exec(l.text);
    const field = fieldOf(unmarked(l.text).text) !== null;
    if (!h && letter && !field && !current?.hasField)
      h = { label: letter[1]!, level: 6, title: letter[2] ?? '' };
    if (!h) {
      if (current) {
        current.body.push(l);
        current.hasField ||= field;
      } else preamble.push(l);
      continue;
    }
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    const parent = stack[stack.length - 1];
    const top = parent ? (parent.top ?? parent) : null;
    const node: Node = { ...h, line: l.line, body: [], hasField: false, top };
    nodes.push(node);
    stack.push(node);
  }
  return { preamble, nodes };
}

type SectionKind = 'purpose' | 'budget' | 'duties' | 'content';

function sectionKind(title: string): SectionKind {
  const t = fold(title);
  if (/\bmuc dich\b|\byeu cau\b/.test(t)) return 'purpose';
  if (/\bkinh phi\b/.test(t)) return 'budget';
  if (/\bto chuc thuc hien\b|\btrach nhiem\b/.test(t)) return 'duties';
  return 'content';
}

function readBody(nodes: readonly Node[], draft: PlanDraft): void {
  for (const node of nodes) {
    const top = node.top ?? node;
    const kind = sectionKind(top.title);
    const items = node.body.map((l) => unmarked(l.text).text);
    if (kind === 'purpose') {
      const requirements = node !== top && /\byeu cau\b/.test(fold(node.title));
      if (requirements) draft.requirements = draft.requirements.concat(items);
      else draft.purpose = draft.purpose.concat(items);
    } else if (kind === 'budget') {
      if (items.length) draft.budget = [draft.budget, ...items].filter(Boolean).join('\n');
    } else if (kind === 'duties') {
      if (node !== top) draft.duties.push(duty(node, items));
    } else {
      const task = readTask(node, node.top ? `${node.top.label}. ${node.top.title}` : null);
      if (task) draft.tasks.push(task);
    }
  }
}

function duty(node: Node, items: string[]): PlanDuty {
  const unit = node.title.replace(/^kính đề nghị\s+/iu, '').replace(/[:.]$/, '');
  return { unit, line: node.line, items };
}

// --- Tasks

type Field = 'content' | 'lead' | 'coordinating' | 'deadline' | 'product';

const FIELD_LABELS: readonly (readonly [Field, RegExp])[] = [
  ['content', /^(noi dung|nhiem vu)( cong viec| nhiem vu| thuc hien)?$/],
  [
    'lead',
    /^((co quan|don vi|bo phan)( don vi)? )?(chu tri|thuc hien|chiu trach nhiem)( thuc hien| chinh)?$/,
  ],
  ['coordinating', /^((co quan|don vi|bo phan)( don vi)? )?phoi hop( thuc hien)?$/],
  ['deadline', /^(thoi gian|thoi han|tien do)( thuc hien| hoan thanh)?$/],
  ['product', /^(san pham|ket qua)( du kien| dau ra)?$/],
];

/** "Cơ quan chủ trì: Sở ..." → the field and the text after the colon. */
function fieldOf(text: string): { field: Field; value: string } | null {
  const colon = text.indexOf(':');
  if (colon < 0 || colon > 60) return null;
  const label = fold(text.slice(0, colon));
  const found = FIELD_LABELS.find(([, re]) => re.test(label));
  return found ? { field: found[0], value: text.slice(colon + 1).trim() } : null;
}

/** A line without its list mark ("a)", "-", "+"), and whether it had one. */
function unmarked(text: string): { text: string; marked: boolean } {
  const m = LETTER.exec(text) ?? BULLET.exec(text);
  return m ? { text: (m[2] ?? m[1] ?? '').trim(), marked: true } : { text, marked: false };
}

function readTask(node: Node, section: string | null): PlanTaskDraft | null {
  const task: PlanTaskDraft = {
    number: node.label,
    title: node.title.replace(/[:.]$/, ''),
    section,
    line: node.line,
    content: '',
    subItems: [],
    lead: [],
    coordinating: [],
    deadline: null,
    deadlineText: '',
    product: null,
    lines: {},
    unrecognised: [],
    issues: [],
  };
  const content: string[] = [];
  let deadlineText = '';
  let open: Field | null = null;
  for (const l of node.body) {
    const { text, marked } = unmarked(l.text);
    const f = fieldOf(text);
    if (f) {
      open = f.field;
      task.lines[f.field] ??= l.line;
      if (f.value) addValue(f.field, f.value);
      continue;
    }
    if (open === null || open === 'content') {
      if (marked) task.subItems.push(subItem(l.line, text));
      else content.push(text);
    } else if (open === 'lead' || open === 'coordinating') {
      if (marked || task[open].length === 0) addValue(open, text);
      else task.unrecognised.push(l);
    } else if (open === 'deadline' && !deadlineText) addValue(open, text);
    else if (open === 'product' && !task.product) addValue(open, text);
    else task.unrecognised.push(l);
  }

  function addValue(field: Field, value: string): void {
    if (field === 'content') content.push(value);
    else if (field === 'lead' || field === 'coordinating')
      task[field] = task[field].concat(organisations(value));
    else if (field === 'deadline') deadlineText = deadlineText ? `${deadlineText} ${value}` : value;
    else task.product = task.product ? `${task.product} ${value}` : value.replace(/(?<!\.)\.$/, '');
  }

  const fields = Object.keys(task.lines).filter((k) => k !== 'content');
  if (fields.length === 0) return null;
  task.content = content.join('\n');
  const stated = deadlineText
    ? { deadline: parseDeadline(deadlineText), deadlineText: cleanText(deadlineText) }
    : inlineDeadline(task.content);
  task.deadline = stated.deadline;
  task.deadlineText = stated.deadlineText;
  task.issues = taskIssues(task);
  return task;
}

function taskIssues(task: PlanTaskDraft): PlanTaskIssue[] {
  const issues: PlanTaskIssue[] = [];
  if (task.lead.length === 0) issues.push('no-lead');
  if (!task.deadlineText) issues.push('no-deadline');
  else if (!task.deadline) issues.push('deadline-not-understood');
  if (!task.content && task.subItems.length === 0) issues.push('no-content');
  return issues;
}

function subItem(line: number, text: string): PlanSubItem {
  return { line, text, ...inlineDeadline(text) };
}

/**
 * A deadline stated by an item's last sentence: "... Hoàn thành trước ngày 14/01/2026." Only one
 * that is understood counts: a sentence merely starting like one is part of the text.
 */
function inlineDeadline(text: string): Pick<PlanSubItem, 'deadline' | 'deadlineText'> {
  const none = { deadline: null, deadlineText: '' };
  const last = text.split(/(?<=[.;])\s+/).pop() ?? '';
  if (!/^(hoan thanh|thoi han|thoi gian|cham nhat|truoc ngay)\b/.test(fold(last))) return none;
  const words = cleanText(last.replace(/[.;]$/, ''));
  const deadline = parseDeadline(words);
  return deadline ? { deadline, deadlineText: words } : none;
}

/** Capitalised words that start an organisation's name, where a comma separates two of them. */
const ORG_START =
  /^(Phòng|Văn phòng|Sở|Ban|Cục|Chi cục|Trung tâm|UBND|Ủy ban|Uỷ ban|Công an|Bộ|Đài|Báo|Bưu điện|Viễn thông|VNPT|Viettel|MobiFone|Các|Tổ|Hội|Đoàn|Mặt trận|Viện|Trường|Chi nhánh|Công ty|Tổng công ty|Đảng ủy|HĐND|Hội đồng|Thường trực|Lãnh đạo|Doanh nghiệp)\b/u;
/** A unit then the body it belongs to ("Trung tâm ..., Sở Khoa học và Công nghệ"): one organisation. */
const CHILD = /^(Trung tâm|Phòng|Cục|Chi cục|Viện|Văn phòng|Tổ|Đội)\b/u;
const PARENT = /^(Sở|Bộ|Ban)\b/u;

/**
 * Organisations in a field's text: ";" always separates; "," only before a capitalised name that is
 * not the parent body of the one before, so "UBND các xã, phường" stays one.
 */
function organisations(text: string): string[] {
  const orgs: string[] = [];
  for (const part of text.split(';')) {
    let current = '';
    for (const piece of part.split(',').map((p) => p.trim())) {
      if (!piece) continue;
      const separate = current && ORG_START.test(piece) && !(PARENT.test(piece) && CHILD.test(current));
      if (!current || separate) {
        if (current) orgs.push(current);
        current = piece;
      } else current = `${current}, ${piece}`;
    }
    if (current) orgs.push(current);
  }
  return orgs.map((o) => o.replace(/[.;,]+$/, '').trim()).filter(Boolean);
}

// --- Recipients, signer, appendices

function readRecipients(
  lines: readonly Line[],
  from: number,
  end: number,
): { recipients: PlanLineRef[]; next: number } {
  const recipients: PlanLineRef[] = [];
  const entry = (line: number, text: string) => {
    const clean = text.replace(/[;.]+$/, '').trim();
    if (clean) recipients.push({ line, text: clean });
  };
  const first = lines[from]!;
  const inline = first.text.replace(/^[^:]*:?\s*/, '');
  if (inline) entry(first.line, unmarked(inline).text);
  let i = from + 1;
  for (; i < end; i++) {
    const l = lines[i]!;
    const m = BULLET.exec(l.text);
    if (!m) break;
    entry(l.line, m[1] ?? '');
  }
  return { recipients, next: i };
}

/** The signature block: authority lines in capitals ("KT. GIÁM ĐỐC"), then the signer's name. */
function readSigner(lines: readonly Line[]): PlanSigner | null {
  const start = lines.findIndex((l) => isUpperLine(l) || /^(TM|KT|TL|TUQ|Q)\.\s/u.test(l.text));
  if (start < 0) return null;
  const authority: string[] = [];
  let name: string | null = null;
  for (const l of lines.slice(start)) {
    if (/^\(.*\)$/.test(l.text)) continue; // "(Đã ký)", "(ký, ghi rõ họ tên)"
    if (isUpperLine(l) && name === null) authority.push(l.text);
    else {
      name = l.text;
      break;
    }
  }
  return { authority, name, line: lines[start]!.line };
}

function readAppendices(lines: readonly Line[]): PlanAppendix[] {
  const appendices: PlanAppendix[] = [];
  for (const l of lines) {
    const last = appendices[appendices.length - 1];
    if (isAppendixTitle(l.text) || !last) appendices.push({ title: l.text, line: l.line, lines: [] });
    else last.lines.push(l);
  }
  return appendices;
}

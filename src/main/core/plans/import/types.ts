/**
 * A plan read from its text, before anything is saved: what was recognised, with the line each
 * part came from (1-based, in the text as read: one line per paragraph), so a preview can show it.
 */
import type { DeadlineSpec, PlanImportIssue } from '../../../../shared/contract/plans';

export interface PlanLineRef {
  line: number;
  text: string;
}

export interface PlanHeader {
  /** The body above the issuing office ("UBND TỈNH NGHỆ AN"), when the header names two. */
  parentBody: string | null;
  /** The issuing office ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"). */
  office: string | null;
  /** "05/KH-SKHCN" as written; "/KH-SKHCN" when the number is left for the registry. */
  numberAndSymbol: string | null;
  number: number | null;
  /** "KH-SKHCN". */
  symbol: string | null;
  /** "Nghệ An", from "Nghệ An, ngày 05 tháng 01 năm 2026". */
  place: string | null;
  /** YYYY-MM-DD when day, month and year are all filled in. */
  date: string | null;
  dateAsWritten: string | null;
}

/** A numbered heading: "II. NỘI DUNG KẾ HOẠCH" (level 1), "2.1. Công tác truyền thông" (level 3), "a) ..." (6). */
export interface PlanSectionDraft {
  label: string;
  title: string;
  level: number;
  line: number;
}

export interface PlanSubItem {
  line: number;
  text: string;
  /** A deadline the item states itself ("... Hoàn thành trước ngày 14/01/2026."). */
  deadline: DeadlineSpec | null;
  /** Its words ("Hoàn thành trước ngày 14/01/2026"); '' when the item states none. */
  deadlineText: string;
}

export type PlanTaskIssue = PlanImportIssue;

export interface PlanTaskDraft {
  /** Its heading's number: "2.1". */
  number: string;
  /** Its heading's text: "Công tác truyền thông". */
  title: string;
  /** The top section it sits in: "II. NỘI DUNG KẾ HOẠCH". */
  section: string | null;
  line: number;
  /** The content (nội dung / nhiệm vụ) paragraphs, joined; sub-items apart. */
  content: string;
  subItems: PlanSubItem[];
  /** Lead organisations (chủ trì / thực hiện), as written: matched to the directory later. */
  lead: string[];
  /** Coordinating organisations (phối hợp), as written. */
  coordinating: string[];
  /** Null when the plan states none or it is not understood (deadlineText tells which). */
  deadline: DeadlineSpec | null;
  /** The deadline as written; '' when the task states none. */
  deadlineText: string;
  /** Expected product (sản phẩm dự kiến). */
  product: string | null;
  /** The line of each field found. */
  lines: Partial<Record<'content' | 'lead' | 'coordinating' | 'deadline' | 'product', number>>;
  /** Lines under the task that fit no field. */
  unrecognised: PlanLineRef[];
  issues: PlanTaskIssue[];
}

/** Duties of one unit (tổ chức thực hiện). */
export interface PlanDuty {
  unit: string;
  line: number;
  items: string[];
}

export interface PlanSigner {
  /** Authority and role lines: "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  authority: string[];
  name: string | null;
  line: number;
}

export interface PlanAppendix {
  title: string;
  line: number;
  lines: PlanLineRef[];
}

export interface PlanDraft {
  header: PlanHeader;
  /** The title line (KẾ HOẠCH) and the subject under it. */
  title: { line: number; subject: string };
  /** "Căn cứ ..." and "Thực hiện ..." paragraphs. */
  legalBases: PlanLineRef[];
  /** Other paragraphs between the title and the first section. */
  preamble: PlanLineRef[];
  purpose: string[];
  requirements: string[];
  sections: PlanSectionDraft[];
  tasks: PlanTaskDraft[];
  budget: string | null;
  duties: PlanDuty[];
  /** "Trên đây là Kế hoạch ..." and what follows it before the recipients. */
  closing: PlanLineRef[];
  /** Nơi nhận, one entry a line, without the dash and the closing ";" or ".". */
  recipients: PlanLineRef[];
  signer: PlanSigner | null;
  appendices: PlanAppendix[];
}

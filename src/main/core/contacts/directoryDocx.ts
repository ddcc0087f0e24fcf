/**
 * The printed contacts directory ("DANH BẠ ĐẦU MỐI"): a landscape official document whose table
 * lists the focal points organisation by organisation, as offices hand it to the election committee.
 */
import type { OfficeProfile } from '../../../shared/contract';
import { formatPhone } from '../../../shared/phone';
import { draftingUnitOf, issuer } from '../print/office';
import {
  buildOfficialDocx,
  signerOf,
  type TableColumn,
  type TableRowSpec,
  type TextSpan,
  textWidthMm,
} from '../print/officialDocx';

export interface DirectoryOrganization {
  name: string;
  /** "Doanh nghiệp viễn thông"; '' when the kind is unset (printed without a bracket). */
  kindLabel: string;
  address: string;
  switchboard: string;
}

export interface DirectoryContact {
  fullName: string;
  position: string;
  /** Normalised numbers ("0912345678"); printed grouped, one a line. */
  phones: string[];
  email: string;
  rolesLabel: string;
}

export interface DirectoryData {
  office: Pick<OfficeProfile, 'name' | 'code' | 'parentOffice' | 'province'> &
    Partial<Pick<OfficeProfile, 'placeName' | 'draftingUnits'>>;
  /** Unit in "Lưu: VT, <unit>."; the office's first drafting unit when omitted. */
  draftingUnit?: string;
  generatedAt: Date;
  /** Subtitle under "DANH BẠ ĐẦU MỐI", e.g. "Bảo đảm thông tin liên lạc phục vụ bầu cử"; may be ''. */
  title: string;
  /** A null organisation gathers the contacts attached to none. */
  groups: { organization: DirectoryOrganization | null; contacts: DirectoryContact[] }[];
  /**
   * "GIÁM ĐỐC", or one line per level: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
   * "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" ("|" also separates lines).
   */
  signerTitle: string;
  signerName: string;
}

/** Widths in mm; they fill the 252 mm between the landscape margins. */
const COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 11, align: 'center' },
  { header: 'Họ và tên', widthMm: 44 },
  { header: 'Chức vụ', widthMm: 38 },
  { header: 'Cơ quan/đơn vị', widthMm: 54 },
  { header: 'Số điện thoại', widthMm: 34, align: 'center' },
  { header: 'Email', widthMm: 45 },
  { header: 'Vai trò', widthMm: 26 },
];

const ROMAN: readonly [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Groups are numbered I, II, III like the sections of an official table. */
function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/**
 * An e-mail address may wrap only before "@" and after a ".", never inside a word: zero-width
 * spaces mark the places (they print as nothing).
 */
export function breakableEmail(email: string): string {
  return email.replace(/@/g, '\u200b@').replace(/\.(?=.)/g, '.\u200b');
}

/** Switchboards may be stored normalised or as typed; only the normalised form is regrouped. */
function phoneText(value: string): string {
  return /^0\d{9,10}$/.test(value) ? formatPhone(value) : value;
}

function groupSpans(index: number, org: DirectoryOrganization | null): TextSpan[] {
  if (!org) return [{ text: `${roman(index)}. Chưa gắn cơ quan/đơn vị` }];
  const out: TextSpan[] = [{ text: `${roman(index)}. ${org.name}` }];
  if (org.kindLabel) out.push({ text: ` (${org.kindLabel})` });
  if (org.switchboard) out.push({ text: ` - Tổng đài: ${phoneText(org.switchboard)}` });
  if (org.address) out.push({ text: ` - Địa chỉ: ${org.address}`, bold: false });
  return out;
}

function tableRows(groups: DirectoryData['groups']): TableRowSpec[] {
  const rows: TableRowSpec[] = [];
  let counter = 0;
  let groupNo = 0;
  for (const g of groups) {
    if (!g.organization && g.contacts.length === 0) continue;
    groupNo += 1;
    rows.push({ kind: 'group', text: groupSpans(groupNo, g.organization) });
    for (const c of g.contacts) {
      counter += 1;
      rows.push([
        String(counter),
        c.fullName,
        c.position,
        g.organization?.name ?? '',
        c.phones.map(formatPhone).join('\n'),
        breakableEmail(c.email),
        c.rolesLabel,
      ]);
    }
  }
  if (rows.length === 0) rows.push({ kind: 'group', text: [{ text: 'Chưa có đầu mối nào.', bold: false }] });
  return rows;
}

export async function buildDirectoryDocx(data: DirectoryData): Promise<Buffer> {
  const widthMm = COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  // A wrong total would leave a gap or run off the page; caught here rather than on paper.
  if (widthMm !== textWidthMm('landscape')) throw new Error(`Directory columns total ${widthMm} mm`);
  const office = { placeName: '', draftingUnits: [], level: 'province' as const, ...data.office };
  return buildOfficialDocx({
    orientation: 'landscape',
    ...issuer(office),
    numberSymbol: '',
    date: data.generatedAt,
    typeName: 'DANH BẠ ĐẦU MỐI',
    titleLines: data.title ? [data.title] : [],
    body: [{ kind: 'table', columns: COLUMNS, rows: tableRows(data.groups) }],
    recipients: ['Các cơ quan, đơn vị có tên trong danh bạ'],
    archiveUnit: draftingUnitOf(office, data.draftingUnit),
    signer: signerOf(data.signerTitle, data.signerName),
  });
}

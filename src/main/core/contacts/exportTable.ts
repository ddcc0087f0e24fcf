/**
 * The contacts directory as a CSV or XLSX file, without the database. Headers are the import's
 * Vietnamese headers, so an exported file can be edited and imported back.
 */
import ExcelJS from 'exceljs';
import type { ContactRole } from '../../../shared/contract';
import { formatPhone } from '../../../shared/phone';
import { IMPORT_HEADERS_VI } from './importParse';
import { formatContactRolesVi } from './roleLabels';

export interface ExportRow {
  fullName: string;
  position: string;
  organization: string;
  organizationKindLabel: string;
  area: string;
  /** Normalised numbers ("0912345678"); written grouped ("0912 345 678"). */
  phones: string[];
  email: string;
  roles: ContactRole[];
  notes: string;
}

interface Column {
  header: string;
  width: number;
  value: (r: ExportRow) => string;
}

/** Columns the import ignores (kind, area) sit beside the ones it reads; order matches print-outs. */
const COLUMNS: readonly Column[] = [
  { header: IMPORT_HEADERS_VI.fullName, width: 26, value: (r) => r.fullName },
  { header: IMPORT_HEADERS_VI.position, width: 22, value: (r) => r.position },
  { header: IMPORT_HEADERS_VI.organization, width: 34, value: (r) => r.organization },
  { header: 'Loại cơ quan', width: 22, value: (r) => r.organizationKindLabel },
  { header: 'Địa bàn', width: 18, value: (r) => r.area },
  { header: IMPORT_HEADERS_VI.phones, width: 30, value: (r) => r.phones.map(formatPhone).join('; ') },
  { header: IMPORT_HEADERS_VI.email, width: 28, value: (r) => r.email },
  { header: IMPORT_HEADERS_VI.roles, width: 22, value: (r) => formatContactRolesVi(r.roles) },
  { header: IMPORT_HEADERS_VI.notes, width: 40, value: (r) => r.notes },
];

function csvCell(value: string): string {
  // Excel runs a CSV cell starting with = + - @ as a formula; a leading ' stops it (the import drops it).
  const guarded = /^[=+\-@]/.test(value) ? `'${value}` : value;
  // ";" is quoted too, for readers that take it as the delimiter (Vietnamese-locale Excel does).
  return /[",;\r\n]/.test(guarded) || guarded !== guarded.trim()
    ? `"${guarded.replace(/"/g, '""')}"`
    : guarded;
}

/** UTF-8 with a byte-order mark (Excel otherwise guesses the Windows code page), comma, CRLF. */
export function exportContactsCsv(rows: readonly ExportRow[]): Buffer {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows)
    lines.push(COLUMNS.map((c) => csvCell(c.value(row).replace(/\r\n?/g, '\n'))).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

export async function exportContactsXlsx(rows: readonly ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TTLL Desk';
  const sheet = wb.addWorksheet('Danh bạ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  for (const row of rows) sheet.addRow(COLUMNS.map((c) => c.value(row)));

  const phoneCol = sheet.getColumn(COLUMNS.findIndex((c) => c.header === IMPORT_HEADERS_VI.phones) + 1);
  // Text format, so numbers typed in later keep their leading 0.
  phoneCol.numFmt = '@';
  const notesCol = sheet.getColumn(COLUMNS.length);
  notesCol.alignment = { wrapText: true, vertical: 'top' };

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}

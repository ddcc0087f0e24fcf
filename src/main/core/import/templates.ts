/**
 * Blank XLSX files to fill in for each import: the headers the import reads, cells formatted as
 * text (so 0912… and 05/01/2026 stay as typed), and a "Hướng dẫn" sheet saying what goes where.
 * No example row in the table itself: a forgotten example would be imported.
 */
import ExcelJS from 'exceljs';
import type { FileOut } from '../../../shared/contract';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TemplateColumn {
  header: string;
  width: number;
  help: string;
  example: string;
}

export async function templateXlsx(sheetName: string, columns: readonly TemplateColumn[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TTLL Desk';
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', width: 24 },
    { header: 'Ghi gì', width: 70 },
    { header: 'Ví dụ', width: 36 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.help, c.example]);
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  help.addRow([
    'Lưu ý',
    'Mỗi dòng một mục, từ dòng 2 của trang đầu. Lưu tệp dạng .xlsx (hoặc CSV); có thể đổi thứ tự cột.',
    '',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template as a file to save. */
export async function templateFile(
  fileName: string,
  sheetName: string,
  columns: readonly TemplateColumn[],
): Promise<FileOut> {
  const data = await templateXlsx(sheetName, columns);
  return { fileName, mime: XLSX_MIME, dataBase64: data.toString('base64') };
}

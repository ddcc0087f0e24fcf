/**
 * How large an import file may be, checked before anything is built from it: beyond a bound the
 * file is refused with one line naming the bound, never truncated. The caps sit well above any
 * province's directory or yearly register and well below what would strain the app's memory
 * (tests/unit/import-bounds.test.ts measures both sides).
 */
import { AppError } from '../errors';

/** More rows than any one province's directory or yearly register; beyond it the file is refused, not truncated. */
export const MAX_IMPORT_ROWS = 20_000;
/** Columns read, in a CSV line or an Excel sheet: a register has about 16. */
export const MAX_IMPORT_COLUMNS = 200;

// XLSX: the ZIP archive, checked from its central directory and again while inflating.
/** Parts in the archive: a workbook has a dozen or two, a few hundred with many images. */
export const MAX_XLSX_ENTRIES = 1000;
/** Bytes the archive unpacks to, all parts together: a full 20,000-row register is about 25 MB. */
export const MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** Unpacked ÷ packed size of one part: XML compresses 5 to 20 times, a zip bomb about 1000 times. */
export const MAX_XLSX_RATIO = 100;
/** Parts smaller than this unpacked are not held to the ratio (tiny repetitive parts compress well). */
export const XLSX_RATIO_FREE_BYTES = 1024 * 1024;

// XLSX: the sheets, scanned in the XML before exceljs builds an object per cell.
/** The last row a cell, a declared size or a range may reach (header and title lines sit above the data). */
export const MAX_XLSX_ROW = 100_000;
/** <row> elements in all sheets. */
export const MAX_XLSX_ROWS = 100_000;
/** <c> elements in all sheets: 20,000 rows of 20 columns; exceljs needs up to about 700 bytes a cell. */
export const MAX_XLSX_CELLS = 400_000;
/** Merged ranges: exceljs checks each against every other (2,000 take about a second, 5,000 seven). */
export const MAX_XLSX_MERGES = 2_000;
/** Cells covered by merged ranges, which exceljs creates one by one (about 350 bytes each). */
export const MAX_XLSX_MERGED_CELLS = 100_000;
/**
 * Cells covered by data validations and absolute defined names (a filter, a print area), which
 * exceljs also expands one by one (about 150 bytes each): a filter and a print area over 20,000
 * rows of 15 columns.
 */
export const MAX_XLSX_RANGE_CELLS = 600_000;
/** Excel's own last column: a column setting beyond it is not Excel's. */
export const EXCEL_MAX_COLUMN = 16_384;

/** The issue code that carries a refusal's Vietnamese wording to the UI. */
export const IMPORT_FILE_ISSUE = 'import-file';

/**
 * The refusal of a file: VALIDATION, one English line for the CLI and logs, and the same in
 * Vietnamese for the app (issue `import-file`); the importers word it as IMPORT_INVALID.
 */
export function refuse(message: string, vi: string): AppError {
  const line = (s: string) => s.replace(/\s+/g, ' ').trim();
  return new AppError('VALIDATION', line(message), [
    { path: 'file', message: line(vi), code: IMPORT_FILE_ISSUE },
  ]);
}

/** An importer's refusal of the whole file, keeping the Vietnamese wording when there is one. */
export function importInvalid(e: unknown): AppError {
  const issues = e instanceof AppError ? e.issues : undefined;
  return new AppError('IMPORT_INVALID', (e as Error).message, issues);
}

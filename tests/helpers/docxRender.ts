/**
 * Test helpers for printed documents: read the XML parts of a .docx, and render it through
 * LibreOffice to PDF (text, page size) and PNG, so tests check what would come out of the printer.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);

/** The named parts of a .docx ("word/document.xml", "word/styles.xml", ...) as text. */
export async function docxParts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir && name.endsWith('.xml')) out[name] = await file.async('string');
  }
  return out;
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts with soffice; each call uses its own LibreOffice profile, as two instances sharing
 * one profile make the second exit silently without a PDF. A failed run is tried once more with a
 * new profile: under the load of the whole suite, soffice starting on an empty profile now and then
 * aborts ("Unspecified Application Error", seen once in a full `npm test` on a fresh machine).
 */
export async function docxToPdf(
  docx: Buffer,
  outDir = mkdtempSync(join(tmpdir(), 'ttll-print-')),
): Promise<string> {
  const src = join(outDir, 'document.docx');
  writeFileSync(src, docx);
  const convert = async () => {
    const profile = mkdtempSync(join(tmpdir(), 'ttll-soffice-'));
    try {
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          src,
        ],
        { timeout: 50_000 },
      );
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  await convert().catch(convert);
  const pdf = join(outDir, basename(src, '.docx') + '.pdf');
  if (!readdirSync(outDir).includes(basename(pdf))) throw new Error(`soffice produced no PDF in ${outDir}`);
  return pdf;
}

export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
  return stdout;
}

export interface PdfInfo {
  pages: number;
  /** Size of the first page in points (A4 portrait is 595.28 × 841.89). */
  width: number;
  height: number;
}

export async function pdfInfo(pdf: string): Promise<PdfInfo> {
  const { stdout } = await run('pdfinfo', [pdf]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
  const pages = /Pages:\s+(\d+)/.exec(stdout);
  if (!size || !pages) throw new Error(`Unexpected pdfinfo output:\n${stdout}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** One PNG a page ("<prefix>-1.png", ...), for looking at the layout; returns their paths. */
export async function pdfToPng(pdf: string, outDir: string, dpi = 60): Promise<string[]> {
  const prefix = join(outDir, basename(pdf, '.pdf'));
  await run('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix]);
  return readdirSync(outDir)
    .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
}

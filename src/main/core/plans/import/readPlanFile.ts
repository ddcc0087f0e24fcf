/**
 * Reading a plan's file (Word .docx, or plain text) into its text, one line per paragraph. The
 * bytes stay in memory from the caller's buffer to the returned string: nothing is written to disk.
 */
import mammoth from 'mammoth';
import { AppError } from '../../errors';
import { importInvalid, refuse } from '../../import/limits';
import { readZipEntry, zipEntries, type ArchiveKind } from '../../import/zipGuard';

const MB = 1024 * 1024;
/** A plan of a few dozen pages is well under 1 MB; scanned appendices as pictures make it larger. */
export const MAX_PLAN_FILE_BYTES = 20 * MB;
/** Parts in the .docx archive: a document has a dozen or two, a few hundred with many pictures. */
export const MAX_DOCX_ENTRIES = 1000;
/** Bytes the .docx unpacks to, all parts together: pictures hardly compress and stay near the file cap. */
export const MAX_DOCX_UNPACKED_BYTES = 64 * MB;
/**
 * mammoth builds the document's XML into a tree of objects, up to about 900 bytes of memory per
 * tag (measured: 200,000 tags of short paragraphs take 175 MB; 8 MB of XML in long paragraphs,
 * 40 MB), so the XML parts are bounded by tags and by bytes. A plan of 2,000 tasks written with
 * the docx library fits; Word's heavier markup leaves room for fewer (700 or so, estimated).
 */
export const MAX_DOCX_XML_TAGS = 200_000;
export const MAX_DOCX_XML_BYTES = 8 * MB;
/** Unpacked ÷ packed size of one part: Word XML compresses 5 to 20 times, a zip bomb about 1000 times. */
export const MAX_DOCX_RATIO = 100;
const DOCX_RATIO_FREE_BYTES = MB;

/** A plan file's text and what it was read from. */
export interface PlanSource {
  format: 'docx' | 'text';
  /** One line per paragraph (a line break inside a paragraph starts a new line). */
  text: string;
}

function invalid(message: string, vi: string): AppError {
  return importInvalid(refuse(message, vi));
}

function notADocx(): AppError {
  return refuse(
    'The file could not be read as a Word document (.docx): it may be damaged or of another type.',
    'Không đọc được tệp Word (.docx): tệp có thể bị hỏng hoặc không phải tệp Word.',
  );
}

const WORD_DOCUMENT: ArchiveKind = {
  en: 'Word document',
  vi: 'tệp Word',
  damaged: notADocx,
  maxEntries: MAX_DOCX_ENTRIES,
  maxUnpackedBytes: MAX_DOCX_UNPACKED_BYTES,
  tooLargeAdvice: {
    en: 'remove large pictures, or save the plan as plain text (.txt).',
    vi: 'hãy xóa bớt hình ảnh lớn hoặc lưu kế hoạch dạng văn bản thuần (.txt).',
  },
  maxRatio: MAX_DOCX_RATIO,
  ratioFreeBytes: DOCX_RATIO_FREE_BYTES,
};

/**
 * The text of a plan file, or AppError IMPORT_INVALID with one English line (and the Vietnamese
 * wording as issue `import-file`): too large, empty, not a .docx or a damaged one, a zip bomb,
 * binary data named .txt, another file type.
 */
export async function readPlanFile(bytes: Buffer, fileName: string): Promise<PlanSource> {
  if (bytes.length > MAX_PLAN_FILE_BYTES) {
    throw invalid(
      `The file is larger than ${MAX_PLAN_FILE_BYTES / MB} MB (${Math.ceil(bytes.length / MB)} MB): ` +
        'remove large pictures, or save the plan as plain text (.txt).',
      `Tệp lớn hơn ${MAX_PLAN_FILE_BYTES / MB} MB: hãy xóa bớt hình ảnh lớn hoặc lưu kế hoạch dạng văn bản thuần (.txt).`,
    );
  }
  if (bytes.length === 0) throw invalid('The file is empty.', 'Tệp trống.');
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  let source: PlanSource;
  if (ext === 'docx') source = { format: 'docx', text: await docxText(bytes) };
  else if (ext === 'txt') source = { format: 'text', text: plainText(bytes) };
  else if (ext === 'doc') {
    throw invalid(
      'Old Word .doc files are not supported: save the plan as .docx (Word Document).',
      'Không đọc được tệp Word cũ (.doc): trong Word chọn Lưu thành (Save As) → "Word Document (.docx)".',
    );
  } else {
    throw invalid(
      `Unsupported file type "${ext ? '.' + ext : fileName}": import a Word .docx file or a plain text .txt file.`,
      `Không nhận loại tệp "${ext ? '.' + ext : fileName}": hãy chọn tệp Word .docx hoặc tệp văn bản .txt.`,
    );
  }
  if (source.text.trim() === '') {
    throw invalid(
      'The file has no text (a scanned plan is a picture: type it or convert it to text first).',
      'Tệp không có chữ (kế hoạch scan là hình ảnh: cần gõ lại hoặc chuyển thành văn bản trước).',
    );
  }
  return source;
}

async function docxText(bytes: Buffer): Promise<string> {
  try {
    // Every part is inflated once, measured and thrown away, so mammoth (jszip) then opens only
    // what was measured: declared sizes cannot lie, and no part unpacks past the bounds.
    const xml = { bytes: 0, tags: 0 };
    for (const e of zipEntries(bytes, WORD_DOCUMENT)) {
      let isXml: boolean | null = null;
      await readZipEntry(bytes, e, WORD_DOCUMENT, (chunk) => {
        isXml ??= startsLikeXml(chunk);
        if (isXml) measureXml(chunk, xml);
      });
    }
  } catch (e) {
    throw importInvalid(e);
  }
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw importInvalid(notADocx());
  }
  // mammoth ends each paragraph with a blank line and a line break inside one with a single newline.
  return raw.replace(/\r\n?/g, '\n').split('\n\n').join('\n');
}

/** Whether a part's first bytes open XML (pictures do not; an SVG does, and is counted too). */
function startsLikeXml(chunk: Buffer): boolean | null {
  let i = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  while (
    i < chunk.length &&
    (chunk[i] === 0x20 || chunk[i] === 0x0a || chunk[i] === 0x0d || chunk[i] === 0x09)
  )
    i++;
  return i < chunk.length ? chunk[i] === 0x3c : null;
}

function measureXml(chunk: Buffer, xml: { bytes: number; tags: number }): void {
  xml.bytes += chunk.length;
  for (let i = chunk.indexOf(0x3c); i >= 0; i = chunk.indexOf(0x3c, i + 1)) xml.tags++;
  if (xml.bytes > MAX_DOCX_XML_BYTES || xml.tags > MAX_DOCX_XML_TAGS) {
    throw refuse(
      `The Word document's text and layout exceed what an import reads (${MAX_DOCX_XML_BYTES / MB} MB of XML, ` +
        `${MAX_DOCX_XML_TAGS} tags): split the plan into several files, or save it as plain text (.txt).`,
      'Tệp Word quá lớn hoặc quá phức tạp để nhập: hãy chia kế hoạch thành nhiều tệp hoặc lưu dạng văn bản thuần (.txt).',
    );
  }
}

function plainText(bytes: Buffer): string {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) {
    throw invalid(
      'This file is a Word document or another ZIP archive named .txt: rename it to .docx.',
      'Tệp này là tệp Word (hoặc tệp nén) nhưng mang đuôi .txt: hãy đổi đuôi thành .docx.',
    );
  }
  const text = utf8(bytes);
  if (text === null || text.includes('\u0000')) {
    throw invalid(
      'The file is not UTF-8 text (it may be binary, or saved in an old encoding): save the plan as .docx, or as "Plain text, UTF-8".',
      'Tệp không phải văn bản UTF-8 (có thể là tệp nhị phân hoặc mã cũ): hãy lưu kế hoạch dạng .docx hoặc văn bản thuần UTF-8.',
    );
  }
  return text.replace(/\r\n?/g, '\n');
}

function utf8(bytes: Buffer): string | null {
  try {
    // The decoder drops a UTF-8 byte-order mark itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

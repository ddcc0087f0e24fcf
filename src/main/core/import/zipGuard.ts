/**
 * Checks a ZIP archive (an .xlsx workbook, a .docx document) before a reader built on jszip opens
 * it: jszip inflates whatever a part's headers claim, so a 10 KB file can ask for gigabytes.
 *
 * The ZIP is read the way jszip reads it — last end-of-central-directory record, central
 * directory sizes, data after the local header — and anything it could read differently (ZIP64,
 * prepended data, overlapping parts, other compression) is refused, so that what the reader loads
 * is what was checked here.
 */
import { createInflateRaw } from 'node:zlib';
import type { AppError } from '../errors';
import { refuse } from './limits';

/** What an archive of one kind may hold, and how its refusals name it. */
export interface ArchiveKind {
  /** The archive in an English sentence: "workbook", "Word document". */
  en: string;
  /** The same in Vietnamese, in lower case: "tệp Excel", "tệp Word". */
  vi: string;
  /** The refusal of a file that is not such an archive, or a damaged one. */
  damaged(): AppError;
  maxEntries: number;
  /** Bytes all parts together unpack to, as declared. */
  maxUnpackedBytes: number;
  /** What to do with a file beyond maxUnpackedBytes. */
  tooLargeAdvice: { en: string; vi: string };
  /** Unpacked ÷ packed size of one part: XML compresses 5 to 20 times, a zip bomb about 1000 times. */
  maxRatio: number;
  /** Parts smaller than this unpacked are not held to the ratio (tiny repetitive parts compress well). */
  ratioFreeBytes: number;
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  packedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

const SIG_END = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const MB = 1024 * 1024;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function zip64(kind: ArchiveKind): Error {
  return refuse(
    `The ${kind.en} is a ZIP64 archive (over 4 GB or 65535 parts), far beyond what an import reads.`,
    `${capital(kind.vi)} quá lớn (trên 4 GB hoặc 65535 phần), vượt xa giới hạn nhập.`,
  );
}

/** A part's name as it may appear in a message: printable, short. */
function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

/** The parts of the archive with their declared sizes, each checked against the bounds before any is inflated. */
export function zipEntries(data: Buffer, kind: ArchiveKind): ZipEntry[] {
  // The end record is the last of its signature, within the 64 KiB a trailing comment allows.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - MAX16); i--) {
    if (data.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw kind.damaged();
  const disk = data.readUInt16LE(end + 4);
  const centralDisk = data.readUInt16LE(end + 6);
  const onDisk = data.readUInt16LE(end + 8);
  const count = data.readUInt16LE(end + 10);
  const centralSize = data.readUInt32LE(end + 12);
  const centralOffset = data.readUInt32LE(end + 16);
  if ([disk, centralDisk, onDisk, count].includes(MAX16) || [centralSize, centralOffset].includes(MAX32))
    throw zip64(kind);
  if (disk !== 0 || centralDisk !== 0 || onDisk !== count) throw kind.damaged();
  if (count > kind.maxEntries) {
    throw refuse(
      `The ${kind.en} has more than ${kind.maxEntries} parts (an import reads at most ${kind.maxEntries}): it is not an ordinary ${kind.en}.`,
      `${capital(kind.vi)} có hơn ${kind.maxEntries} phần bên trong: không phải ${kind.vi} thông thường.`,
    );
  }
  // No data before the archive or between the directory and its end record: offsets mean the same to every reader.
  if (centralOffset + centralSize !== end) throw kind.damaged();

  const entries: ZipEntry[] = [];
  let declared = 0;
  for (let p = centralOffset; p < end;) {
    if (p + 46 > end || data.readUInt32LE(p) !== SIG_CENTRAL) throw kind.damaged();
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const packedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    const diskStart = data.readUInt16LE(p + 34);
    const localOffset = data.readUInt32LE(p + 42);
    if (next > end) throw kind.damaged();
    const name = data.toString('latin1', p + 46, p + 46 + nameLength);
    p = next;

    if (packedSize === MAX32 || size === MAX32 || localOffset === MAX32 || diskStart === MAX16)
      throw zip64(kind);
    // Encrypted parts and other compression methods: jszip cannot read them either.
    if (flags & 1 || (method !== 0 && method !== 8) || (method === 0 && packedSize !== size))
      throw kind.damaged();
    declared += size;
    if (localOffset + 30 > centralOffset || data.readUInt32LE(localOffset) !== SIG_LOCAL)
      throw kind.damaged();
    const dataStart =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataStart + packedSize > centralOffset) throw kind.damaged();
    entries.push({ name, method, packedSize, size, localOffset, dataStart });
  }
  if (entries.length !== count) throw kind.damaged();
  if (declared > kind.maxUnpackedBytes) {
    throw refuse(
      `The ${kind.en} unpacks to more than ${kind.maxUnpackedBytes / MB} MB (${Math.ceil(declared / MB)} MB declared): ` +
        kind.tooLargeAdvice.en,
      `${capital(kind.vi)} giải nén ra hơn ${kind.maxUnpackedBytes / MB} MB: ${kind.tooLargeAdvice.vi}`,
    );
  }
  for (const e of entries) {
    if (e.size > kind.ratioFreeBytes && e.size > e.packedSize * kind.maxRatio) {
      throw refuse(
        `The ${kind.en} part "${shown(e.name)}" is compressed ${Math.floor(e.size / Math.max(e.packedSize, 1))} times, ` +
          `more than the ${kind.maxRatio} times of any real ${kind.en}: refused as a possible zip bomb.`,
        `Một phần của ${kind.vi} bị nén bất thường (hơn ${kind.maxRatio} lần): tệp bị từ chối vì có thể là tệp độc hại.`,
      );
    }
  }

  // Parts sharing bytes are how the densest zip bombs are made; no writer of documents does it.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (byOffset[i]!.localOffset < prev.dataStart + prev.packedSize) throw kind.damaged();
  }
  return entries;
}

/** One part's bytes, chunk by chunk, inflated when compressed and never past the size it declares. */
export async function readZipEntry(
  data: Buffer,
  entry: ZipEntry,
  kind: ArchiveKind,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const packed = data.subarray(entry.dataStart, entry.dataStart + entry.packedSize);
  if (entry.method === 0) {
    for (let i = 0; i < packed.length; i += 64 * 1024) onChunk(packed.subarray(i, i + 64 * 1024));
  } else if (packed.length > 0) {
    await inflateCounted(packed, entry, kind, onChunk);
  }
}

/**
 * Inflates one part chunk by chunk, never past the size it declares: a part that lies about its
 * size is refused as soon as it says more, so the bound holds whatever the headers claim.
 */
function inflateCounted(
  packed: Buffer,
  entry: ZipEntry,
  kind: ArchiveKind,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let out = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      out += chunk.length;
      if (out > entry.size) {
        fail(
          refuse(
            `The ${kind.en} part "${shown(entry.name)}" unpacks to more than it declares (${entry.size} bytes): ` +
              'the file is damaged or forged.',
            `Một phần của ${kind.vi} giải nén ra nhiều hơn khai báo: tệp bị hỏng hoặc bị làm giả.`,
          ),
        );
        return;
      }
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err as Error);
      }
    });
    inflater.on('error', () => fail(kind.damaged()));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      if (out === entry.size) resolve();
      else reject(kind.damaged());
    });
    inflater.end(packed);
  });
}

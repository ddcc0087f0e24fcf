/**
 * The package file: a ZIP archive of stored (uncompressed) entries, `envelope.json` and
 * `b/<sha256 hex>` blobs, nothing else. Written and read here over a buffer, not with yazl/yauzl:
 * only this program writes packages, so the reader can demand the one exact layout the writer
 * makes (entries back to back from offset 0, no extra fields, comments, data descriptors or
 * ZIP64, end record at the very end) and refuse anything else from the central directory's sizes
 * alone, before a byte of an entry is hashed or decrypted. Nothing is ever inflated, so a
 * compression bomb cannot exist past the header check; xlsxGuard.ts reads workbooks the same way.
 */
import { crc32 } from 'node:zlib';
import { PackageError } from './codes';
import { MAX_BLOB_BYTES, MAX_ENTRIES, MAX_ENVELOPE_BYTES, MAX_PACKAGE_BYTES } from './limits';

export const ENVELOPE_ENTRY = 'envelope.json';
export const blobEntry = (sha256: string): string => `b/${sha256}`;
const ALLOWED_NAME = /^(?:envelope\.json|b\/[0-9a-f]{64})$/;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const LOCAL_LEN = 30;
const CENTRAL_LEN = 46;
const END_LEN = 22;
/** Version 1.0 (stored entries), made on MS-DOS: external attributes carry no Unix file type. */
const VERSION = 10;
/** 1980-01-01 00:00: no time in the archive, so the same package is the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Flag bit 11: the name is UTF-8 (ours are ASCII anyway). */
const FLAG_UTF8 = 0x0800;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

export interface ContainerEntry {
  name: string;
  data: Uint8Array;
}

/** The archive of the entries, in the order given. */
export function writeContainer(entries: readonly ContainerEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(LOCAL_LEN);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(CENTRAL_LEN);
    head.writeUInt32LE(SIG_CENTRAL, 0);
    head.writeUInt16LE(VERSION, 4);
    head.writeUInt16LE(VERSION, 6);
    local.copy(head, 8, 6, 30); // flags … name length, as in the local header
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.length));
    central.push(head, name);
    offset += LOCAL_LEN + name.length + e.data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(END_LEN);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}

/**
 * Reads and checks a package archive; every refusal is a PackageError with its reason code. The
 * entries come back in the file's order, their data views into `file`, not copies.
 */
export function readContainer(file: Buffer): { name: string; data: Buffer }[] {
  if (file.length > MAX_PACKAGE_BYTES) throw new PackageError('PKG_TOO_LARGE', `${file.length} bytes`);
  if (file.length < END_LEN || file.readUInt32LE(0) !== SIG_LOCAL) throw new PackageError('PKG_NOT_ZIP');
  const end = file.length - END_LEN;
  if (file.readUInt32LE(end) !== SIG_END) {
    // An end record further back means bytes were appended (or a comment added); none: not a ZIP.
    const at = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), end);
    throw new PackageError(at >= 0 ? 'PKG_TRAILING_DATA' : 'PKG_NOT_ZIP');
  }
  const disk = file.readUInt16LE(end + 4);
  const centralDisk = file.readUInt16LE(end + 6);
  const onDisk = file.readUInt16LE(end + 8);
  const count = file.readUInt16LE(end + 10);
  const centralSize = file.readUInt32LE(end + 12);
  const centralOffset = file.readUInt32LE(end + 16);
  if (disk !== 0 || centralDisk !== 0 || onDisk !== count || count === MAX16 || centralOffset === MAX32)
    throw new PackageError('PKG_NOT_ZIP', 'multi-disk or ZIP64 archive');
  if (count > MAX_ENTRIES) throw new PackageError('PKG_TOO_MANY_ENTRIES', `${count} entries`);
  if (centralOffset + centralSize > end)
    throw new PackageError('PKG_NOT_ZIP', 'central directory out of bounds');
  if (centralOffset + centralSize < end)
    throw new PackageError('PKG_TRAILING_DATA', 'bytes before the end record');

  const entries: { name: string; data: Buffer; crc: number }[] = [];
  const names = new Set<string>();
  // Entries lie back to back from offset 0 in the central directory's order: no gaps where data
  // could hide, no two entries sharing bytes.
  let expectedLocal = 0;
  let p = centralOffset;
  for (let i = 0; i < count; i++) {
    const head = p;
    if (p + CENTRAL_LEN > end || file.readUInt32LE(p) !== SIG_CENTRAL)
      throw new PackageError('PKG_NOT_ZIP', 'bad central directory');
    const madeBy = file.readUInt16LE(p + 4);
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const crc = file.readUInt32LE(p + 16);
    const packed = file.readUInt32LE(p + 20);
    const size = file.readUInt32LE(p + 24);
    const nameLength = file.readUInt16LE(p + 28);
    const extraLength = file.readUInt16LE(p + 30);
    const commentLength = file.readUInt16LE(p + 32);
    const diskStart = file.readUInt16LE(p + 34);
    const external = file.readUInt32LE(p + 38);
    const localOffset = file.readUInt32LE(p + 42);
    if (p + CENTRAL_LEN + nameLength > end) throw new PackageError('PKG_NOT_ZIP', 'bad central directory');
    const name = file.toString('latin1', p + CENTRAL_LEN, p + CENTRAL_LEN + nameLength);
    p += CENTRAL_LEN + nameLength + extraLength + commentLength;

    // The name first: a zip-slip path, a directory or a stray file is refused as such.
    if (!ALLOWED_NAME.test(name)) throw new PackageError('PKG_ENTRY_FORBIDDEN', `entry "${shown(name)}"`);
    // The writer sets no file attributes; any (a Unix link or special file type, a directory bit)
    // could make an extracting tool write something other than a plain file.
    if (madeBy !== VERSION || external !== 0)
      throw new PackageError('PKG_ENTRY_FORBIDDEN', `entry "${name}" has file attributes (link, directory…)`);
    if (names.has(name)) throw new PackageError('PKG_ENTRY_DUPLICATE', `entry "${name}"`);
    names.add(name);
    if (method !== 0 || flags & 1 || packed !== size)
      throw new PackageError('PKG_ENTRY_COMPRESSED', `entry "${name}" (method ${method})`);
    const cap = name === ENVELOPE_ENTRY ? MAX_ENVELOPE_BYTES : MAX_BLOB_BYTES;
    if (size > cap) throw new PackageError('PKG_ENTRY_TOO_LARGE', `entry "${name}": ${size} bytes`);
    if (flags & ~FLAG_UTF8 || extraLength !== 0 || commentLength !== 0 || diskStart !== 0)
      throw new PackageError('PKG_NOT_ZIP', `entry "${name}" has fields this format does not use`);
    if (localOffset !== expectedLocal)
      throw new PackageError('PKG_NOT_ZIP', `entry "${name}" is out of place`);
    const dataStart = localOffset + LOCAL_LEN + nameLength;
    if (dataStart + size > centralOffset)
      throw new PackageError('PKG_NOT_ZIP', `entry "${name}" out of bounds`);
    // The local header must say what the central one says (version needed … extra length, then
    // the name): readers that trust either one see the same entry.
    if (
      file.readUInt32LE(localOffset) !== SIG_LOCAL ||
      file.compare(file, head + 6, head + 32, localOffset + 4, localOffset + 30) !== 0 ||
      file.toString('latin1', localOffset + LOCAL_LEN, dataStart) !== name
    )
      throw new PackageError('PKG_NOT_ZIP', `entry "${name}": local header differs`);
    entries.push({ name, data: file.subarray(dataStart, dataStart + size), crc });
    expectedLocal = dataStart + size;
  }
  if (p !== end) throw new PackageError('PKG_NOT_ZIP', 'central directory size mismatch');
  if (expectedLocal !== centralOffset)
    throw new PackageError('PKG_TRAILING_DATA', 'bytes between entries and directory');
  // Only now, with every header checked against the caps, are the entries' bytes read.
  for (const e of entries)
    if (crc32(e.data) !== e.crc) throw new PackageError('PKG_NOT_ZIP', `entry "${e.name}" is damaged (CRC)`);
  return entries.map(({ name, data }) => ({ name, data }));
}

/** A name as it may appear in a message: printable, short. */
function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

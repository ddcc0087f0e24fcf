/**
 * The package file: a ZIP archive of stored (uncompressed) entries, `envelope.json` and
 * `b/<sha256 hex>` blobs, nothing else. Written and read here, not with yazl/yauzl: only this
 * program writes packages, so the reader can demand the one exact layout the writer makes
 * (entries back to back from offset 0, no extra fields, comments, data descriptors or ZIP64, end
 * record at the very end) and refuse anything else from the central directory's sizes alone,
 * before a byte of an entry is hashed or decrypted. Nothing is ever inflated, so a compression
 * bomb cannot exist past the header check; xlsxGuard.ts reads workbooks the same way.
 *
 * Both ways stream: the writer takes each entry's data in chunks after its headers, and the
 * reader works from positional reads of a Source (a file handle, or a buffer for small packages),
 * reading the headers at known places and each entry only when asked, in chunks of CHUNK bytes.
 */
import { readSync } from 'node:fs';
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

/** An entry as the headers give it: where its data lies in the file, its size and CRC-32. */
export interface EntryRef {
  name: string;
  offset: number;
  size: number;
  crc: number;
}

/**
 * Where the archive's bytes are written: a buffer being built or a file. The writer needs each
 * entry's size and CRC before its data (the layout has no data descriptors), so a large entry is
 * written first, in the room left for it, and passed over when the headers are (`skip`,
 * package.ts).
 */
export interface ContainerSink {
  write(bytes: Uint8Array): Promise<void>;
  /** Passes over `size` bytes already in place (a file sink only). */
  skip?(size: number): void;
}

/** An entry's data already written where it belongs (ContainerSink.skip). */
export const IN_PLACE = Symbol('in place');

/** Bytes from an entry's start to its data: the local header and the name. */
export const dataOffset = (name: string): number => LOCAL_LEN + Buffer.byteLength(name, 'utf8');

/** The headers of an entry: its local header and name, and its central directory record. */
function headers(
  name: string,
  size: number,
  crc: number,
  offset: number,
): { local: Buffer; central: Buffer } {
  const n = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(LOCAL_LEN);
  local.writeUInt32LE(SIG_LOCAL, 0);
  local.writeUInt16LE(VERSION, 4);
  local.writeUInt16LE(FLAG_UTF8, 6);
  local.writeUInt16LE(0, 8); // stored
  local.writeUInt16LE(0, 10); // time
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(size, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(n.length, 26);
  local.writeUInt16LE(0, 28);
  const head = Buffer.alloc(CENTRAL_LEN);
  head.writeUInt32LE(SIG_CENTRAL, 0);
  head.writeUInt16LE(VERSION, 4);
  head.writeUInt16LE(VERSION, 6);
  local.copy(head, 8, 6, 30); // flags … name length, as in the local header
  head.writeUInt32LE(offset, 42);
  return { local: Buffer.concat([local, n]), central: Buffer.concat([head, n]) };
}

/** Writes the archive entry by entry: headers, then the data the caller streams in, then the directory. */
export class ContainerWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  constructor(private readonly sink: ContainerSink) {}

  /**
   * An entry whose `size` bytes of CRC `crc` `data` yields, refused at its end when they are not;
   * or whose data is already in place, its size and CRC those of the bytes put there.
   */
  async add(
    name: string,
    size: number,
    crc: number,
    data: AsyncIterable<Uint8Array> | Uint8Array | typeof IN_PLACE,
  ): Promise<void> {
    if (this.central.length >= MAX_ENTRIES) throw new Error('too many entries for a package');
    const h = headers(name, size, crc, this.offset);
    await this.sink.write(h.local);
    if (data === IN_PLACE) {
      if (!this.sink.skip) throw new Error(`entry ${name}: this sink has no data in place`);
      this.sink.skip(size);
    } else await this.stream(name, size, crc, data);
    this.central.push(h.central);
    this.offset += h.local.length + size;
    if (this.offset > MAX_PACKAGE_BYTES) throw new Error('the package would exceed its size cap');
  }

  private async stream(
    name: string,
    size: number,
    crc: number,
    data: AsyncIterable<Uint8Array> | Uint8Array,
  ) {
    let written = 0;
    let sum = 0;
    for await (const chunk of data instanceof Uint8Array ? [data] : data) {
      await this.sink.write(chunk);
      written += chunk.length;
      sum = crc32(chunk, sum);
    }
    if (written !== size) throw new Error(`entry ${name}: ${written} bytes written, ${size} declared`);
    if (sum !== crc) throw new Error(`entry ${name}: its data is not the CRC declared`);
  }

  /** The central directory and the end record. */
  async finish(): Promise<void> {
    await this.sink.write(directory(this.central, this.offset));
  }
}

/** The central directory of the entries' records, then the end record. */
function directory(central: readonly Buffer[], centralOffset: number): Buffer {
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(END_LEN);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([centralBytes, end]);
}

/** The archive of the entries, in the order given, in memory (a small package, or a test's forgery). */
export function writeContainer(entries: readonly ContainerEntry[]): Buffer {
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const h = headers(e.name, e.data.length, crc32(e.data), offset);
    parts.push(h.local, e.data);
    central.push(h.central);
    offset += h.local.length + e.data.length;
  }
  return Buffer.concat([...parts, directory(central, offset)]);
}

/**
 * Positional reads of a package: a file or a buffer, never the whole file at once. Reads are
 * synchronous and small (headers, or one CHUNK): the passes over a large file give the event loop
 * a turn between chunks (entryChunks).
 */
export interface Source {
  size: number;
  read(offset: number, length: number): Buffer;
}

export const bufferSource = (file: Buffer): Source => ({
  size: file.length,
  read: (offset, length) => file.subarray(offset, offset + length),
});

/** An open file as a source; each read is its own buffer. */
export const fileSource = (fd: number, size: number): Source => ({
  size,
  read(offset, length) {
    const buf = Buffer.alloc(length);
    if (readSync(fd, buf, 0, length, offset) !== length)
      throw new PackageError('PKG_NOT_ZIP', 'the file changed while it was read');
    return buf;
  },
});

/** A turn for the event loop between chunks of a long pass (the window stays responsive). */
export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The size of the chunks an entry is read in (hashing, copying, decrypting). */
export const CHUNK = 1024 * 1024;

/** An entry's bytes in chunks of at most CHUNK, checked against its CRC-32 at the end. */
export async function* entryChunks(src: Source, e: EntryRef): AsyncGenerator<Buffer> {
  let crc = 0;
  for (let at = 0; at < e.size; at += CHUNK) {
    await yieldTurn();
    const chunk = src.read(e.offset + at, Math.min(CHUNK, e.size - at));
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (crc !== e.crc) throw new PackageError('PKG_NOT_ZIP', `entry "${e.name}" is damaged (CRC)`);
}

/** An entry whole (a small one: the envelope, the records), checked against its CRC-32. */
export function entryBytes(src: Source, e: EntryRef): Buffer {
  const data = src.read(e.offset, e.size);
  if (crc32(data) !== e.crc) throw new PackageError('PKG_NOT_ZIP', `entry "${e.name}" is damaged (CRC)`);
  return data;
}

/**
 * Reads and checks a package archive's layout from its headers alone (a few reads at known
 * places); every refusal is a PackageError with its reason code. The entries come back in the
 * file's order, as places in the file: no entry's data is read here.
 */
export function readEntries(src: Source): EntryRef[] {
  if (src.size > MAX_PACKAGE_BYTES) throw new PackageError('PKG_TOO_LARGE', `${src.size} bytes`);
  if (src.size < END_LEN || src.read(0, 4).readUInt32LE(0) !== SIG_LOCAL)
    throw new PackageError('PKG_NOT_ZIP');
  const end = src.size - END_LEN;
  const tail = src.read(end, END_LEN);
  if (tail.readUInt32LE(0) !== SIG_END) {
    // An end record further back means bytes were appended (or a comment added); none: not a ZIP.
    const back = Math.max(0, end - 65_536);
    const at = src.read(back, src.size - back).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), end - back);
    throw new PackageError(at >= 0 ? 'PKG_TRAILING_DATA' : 'PKG_NOT_ZIP');
  }
  const disk = tail.readUInt16LE(4);
  const centralDisk = tail.readUInt16LE(6);
  const onDisk = tail.readUInt16LE(8);
  const count = tail.readUInt16LE(10);
  const centralSize = tail.readUInt32LE(12);
  const centralOffset = tail.readUInt32LE(16);
  if (disk !== 0 || centralDisk !== 0 || onDisk !== count || count === MAX16 || centralOffset === MAX32)
    throw new PackageError('PKG_NOT_ZIP', 'multi-disk or ZIP64 archive');
  if (count > MAX_ENTRIES) throw new PackageError('PKG_TOO_MANY_ENTRIES', `${count} entries`);
  if (centralOffset + centralSize > end)
    throw new PackageError('PKG_NOT_ZIP', 'central directory out of bounds');
  if (centralOffset + centralSize < end)
    throw new PackageError('PKG_TRAILING_DATA', 'bytes before the end record');
  // The directory is small (MAX_ENTRIES records of an allowed name, nothing else): read it at once.
  if (centralSize > MAX_ENTRIES * (CENTRAL_LEN + 66))
    throw new PackageError('PKG_NOT_ZIP', 'central directory larger than its entries may make it');
  const dir = src.read(centralOffset, centralSize);

  const entries: EntryRef[] = [];
  const names = new Set<string>();
  // Entries lie back to back from offset 0 in the central directory's order: no gaps where data
  // could hide, no two entries sharing bytes.
  let expectedLocal = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    const head = p;
    if (p + CENTRAL_LEN > dir.length || dir.readUInt32LE(p) !== SIG_CENTRAL)
      throw new PackageError('PKG_NOT_ZIP', 'bad central directory');
    const madeBy = dir.readUInt16LE(p + 4);
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const crc = dir.readUInt32LE(p + 16);
    const packed = dir.readUInt32LE(p + 20);
    const size = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const diskStart = dir.readUInt16LE(p + 34);
    const external = dir.readUInt32LE(p + 38);
    const localOffset = dir.readUInt32LE(p + 42);
    if (p + CENTRAL_LEN + nameLength > dir.length)
      throw new PackageError('PKG_NOT_ZIP', 'bad central directory');
    const name = dir.toString('latin1', p + CENTRAL_LEN, p + CENTRAL_LEN + nameLength);
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
    const local = src.read(localOffset, LOCAL_LEN + nameLength);
    if (
      local.readUInt32LE(0) !== SIG_LOCAL ||
      local.compare(dir, head + 6, head + 32, 4, 30) !== 0 ||
      local.toString('latin1', LOCAL_LEN) !== name
    )
      throw new PackageError('PKG_NOT_ZIP', `entry "${name}": local header differs`);
    entries.push({ name, offset: dataStart, size, crc });
    expectedLocal = dataStart + size;
  }
  if (p !== dir.length) throw new PackageError('PKG_NOT_ZIP', 'central directory size mismatch');
  if (expectedLocal !== centralOffset)
    throw new PackageError('PKG_TRAILING_DATA', 'bytes between entries and directory');
  return entries;
}

/**
 * Reads and checks a package archive held in memory (a small package: the directory's, or a test's
 * forgery); the entries come back with their data (views into `file`), every CRC checked.
 */
export function readContainer(file: Buffer): { name: string; data: Buffer }[] {
  const src = bufferSource(file);
  const refs = readEntries(src);
  // Only now, with every header checked against the caps, are the entries' bytes read.
  return refs.map((e) => ({ name: e.name, data: entryBytes(src, e) }));
}

/** A name as it may appear in a message: printable, short. */
function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

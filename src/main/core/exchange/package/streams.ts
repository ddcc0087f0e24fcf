/**
 * The file side of packages: chunks of a file read in, hashed as they pass, and files written so
 * that a reader never sees half of one (a temporary name beside the final one, fsync, rename).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { syncDir } from '../../vault/keyfile';
import { CHUNK } from './container';

/** A file as it was seen: what fileChunks checks it is still, before and after reading it. */
export interface FileState {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export async function fileState(path: string): Promise<FileState> {
  const { size, mtimeMs, ctimeMs } = await stat(path);
  return { size, mtimeMs, ctimeMs };
}

/**
 * A file's bytes in pieces of CHUNK, each a new buffer; opened when first read (an error then
 * has its reader). Refused unless the file is as it was `seen` both when opened and once read: a
 * user saving over an attachment while its package is made fails the build instead of sending a
 * mixture of two versions.
 */
export async function* fileChunks(path: string, seen: FileState): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    const unchanged = async () => {
      const now = await fh.stat();
      if (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs || now.ctimeMs !== seen.ctimeMs)
        throw new Error(`${path} changed while it was read`);
    };
    await unchanged();
    for (let at = 0; ;) {
      const piece = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await fh.read(piece, 0, CHUNK, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      yield piece.subarray(0, bytesRead);
    }
    await unchanged();
  } finally {
    await fh.close();
  }
}

/**
 * A file read at once in pieces of CHUNK: one this program wrote a moment ago (the page cache has
 * it), read back inside a transaction or to check its hash. Every piece is the same buffer, so a
 * large file leaves no garbage behind: use each before asking for the next.
 */
export function* filePiecesNow(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  const piece = Buffer.allocUnsafe(CHUNK);
  try {
    for (let at = 0; ;) {
      const got = readSync(fd, piece, 0, CHUNK, at);
      if (got === 0) return;
      at += got;
      yield piece.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
}

/** What passed through a `tally`: its SHA-256 (hex), CRC-32 and size. */
export interface Tally {
  sha256: string;
  crc: number;
  size: number;
}

/**
 * The chunks unchanged; `done()` gives what passed once they are all through. Without `withCrc`
 * its crc is 0 (a reader whose chunks are CRC-checked already, entryChunks).
 */
export function tally(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  withCrc = true,
): {
  chunks: AsyncGenerator<Uint8Array>;
  done(): Tally;
} {
  const hash = createHash('sha256');
  let crc = 0;
  let size = 0;
  let over = false;
  return {
    chunks: (async function* () {
      for await (const c of chunks) {
        hash.update(c);
        if (withCrc) crc = crc32(c, crc);
        size += c.length;
        yield c;
      }
      over = true;
    })(),
    done() {
      if (!over) throw new Error('tally read before its chunks were');
      return { sha256: hash.digest('hex'), crc, size };
    },
  };
}

/**
 * Where a streamed file is written: at a cursor that appends, with a few writes in flight while
 * the caller makes the next chunks; `seek` moves it (a writer leaving room to fill later).
 */
export interface Appender {
  write(chunk: Uint8Array): Promise<void>;
  /** Where the next write goes. */
  readonly position: number;
  seek(position: number): void;
  /**
   * Bytes already written, read back once the writes in flight are done, at most CHUNK: in one
   * buffer reused by the next read (reading a large file back leaves no garbage behind).
   */
  read(position: number, length: number): Promise<Buffer>;
}

/** Writes in flight at once: the disk works on them while the CPU encrypts or hashes the next. */
const IN_FLIGHT = 4;
/**
 * Bytes written between two background flushes to disk: the final fsync then waits for the last
 * of them only, not for the whole file (0.3 s of idle CPU for a 500 MB file here).
 */
const FLUSH_EVERY = 64 * 1024 * 1024;

/**
 * Writes `path` from `fill` under a temporary name beside it, made durable and renamed into place
 * only when `fill` succeeds; on any failure the temporary file is removed and nothing is at `path`.
 * `beforeRename` runs once the file is durable under its temporary name (a sender recording what
 * it is about to publish); if it fails, nothing is at `path` either.
 */
export async function writeFileStreamed<T>(
  path: string,
  fill: (out: Appender) => Promise<T>,
  beforeRename?: (result: T) => void,
): Promise<T> {
  const tmp = `${path}.part-${process.pid}`;
  const fh = await open(tmp, 'wx+', 0o600);
  const out = appender(fh);
  try {
    const result = await fill(out);
    await out.flush();
    await fh.sync();
    await fh.close();
    beforeRename?.(result);
    await rename(tmp, path);
    syncDir(dirname(path));
    return result;
  } catch (err) {
    await out.flush().catch(() => undefined);
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Appends every chunk. */
export async function writeChunks(out: Appender, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const c of chunks) await out.write(c);
}

/**
 * Positional appends with up to IN_FLIGHT outstanding (positions keep them in order whatever order
 * the thread pool runs them in), and a flush to disk in the background every FLUSH_EVERY bytes. A
 * failed write or flush fails the next call: none is left unobserved.
 */
function appender(fh: FileHandle): Appender & { flush(): Promise<void> } {
  let at = 0;
  let failed: unknown = null;
  const inFlight: Promise<void>[] = [];
  let written = 0;
  let flushedAt = 0;
  let flushing: Promise<void> | null = null;
  let readBack: Buffer | undefined;
  const check = () => {
    if (failed !== null) throw failed;
  };
  const record = (p: Promise<unknown>): Promise<void> =>
    p.then(
      () => undefined,
      (err: unknown) => void (failed ??= err),
    );
  const flush = async () => {
    await Promise.all([...inFlight.splice(0), flushing]);
    check();
  };
  return {
    async write(chunk) {
      check();
      inFlight.push(record(fh.write(chunk, 0, chunk.length, at)));
      at += chunk.length;
      written += chunk.length;
      if (!flushing && written - flushedAt >= FLUSH_EVERY) {
        flushedAt = written;
        flushing = record(fh.datasync()).finally(() => (flushing = null));
      }
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      check();
    },
    get position() {
      return at;
    },
    seek(position) {
      at = position;
    },
    async read(position, length) {
      await Promise.all(inFlight.splice(0));
      check();
      // Read at once, not through the thread pool: what was just written is in the page cache.
      readBack ??= Buffer.allocUnsafe(CHUNK);
      return readBack.subarray(0, readSync(fh.fd, readBack, 0, Math.min(length, CHUNK), position));
    },
    flush,
  };
}

/**
 * The file side of packages: chunks of a file read in, hashed as they pass, and files written so
 * that a reader never sees half of one (a temporary name beside the final one, fsync, rename).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { syncDir } from '../../vault/keyfile';
import { CHUNK } from './container';

/** A file's bytes in chunks of CHUNK; opened when first read (an error then has its reader). */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  yield* createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
}

/** What passed through a `tally`: its SHA-256 (hex), CRC-32 and size. */
export interface Tally {
  sha256: string;
  crc: number;
  size: number;
}

/** The chunks unchanged; `done()` gives what passed once they are all through. */
export function tally(chunks: AsyncIterable<Uint8Array>): {
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
        crc = crc32(c, crc);
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

/** Where a streamed file is written: appends, a few in flight while the caller makes the next chunks. */
export interface Appender {
  write(chunk: Uint8Array): Promise<void>;
}

/** Writes in flight at once: the disk works on them while the CPU encrypts or hashes the next. */
const IN_FLIGHT = 4;

/**
 * Writes `path` from `fill` under a temporary name beside it, made durable and renamed into place
 * only when `fill` succeeds; on any failure the temporary file is removed and nothing is at `path`.
 */
export async function writeFileStreamed<T>(path: string, fill: (out: Appender) => Promise<T>): Promise<T> {
  const tmp = `${path}.part-${process.pid}`;
  const fh = await open(tmp, 'wx', 0o600);
  const out = appender(fh);
  try {
    const result = await fill(out);
    await out.flush();
    await fh.sync();
    await fh.close();
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
 * the thread pool runs them in). A failed write fails the next call: none is left unobserved.
 */
function appender(fh: FileHandle): Appender & { flush(): Promise<void> } {
  let at = 0;
  let failed: unknown = null;
  const inFlight: Promise<void>[] = [];
  const check = () => {
    if (failed !== null) throw failed;
  };
  return {
    async write(chunk) {
      check();
      inFlight.push(
        fh.write(chunk, 0, chunk.length, at).then(
          () => undefined,
          (err: unknown) => void (failed ??= err),
        ),
      );
      at += chunk.length;
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      check();
    },
    async flush() {
      await Promise.all(inFlight.splice(0));
      check();
    },
  };
}

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

/** A file's bytes in chunks of CHUNK. */
export function fileChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: CHUNK });
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

/**
 * Writes `path` from `fill` under a temporary name beside it, made durable and renamed into place
 * only when `fill` succeeds; on any failure the temporary file is removed and nothing is at `path`.
 */
export async function writeFileStreamed<T>(path: string, fill: (fh: FileHandle) => Promise<T>): Promise<T> {
  const tmp = `${path}.part-${process.pid}`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    const out = await fill(fh);
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    syncDir(dirname(path));
    return out;
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Appends every chunk to the file. */
export async function writeChunks(fh: FileHandle, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const c of chunks) await fh.write(c);
}

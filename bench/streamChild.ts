/**
 * The 500 MB attachment of issue 12, alone in its own process (forked by bench/run.ts, section
 * `exchange-stream`) so its peak resident memory is its own: a file generated on disk, built into
 * a package (encrypted and signed), opened (one hash pass, signature) and decrypted to a file
 * through the project's own code, beside the raw speed of Node's ChaCha20-Poly1305 and SHA-256 on
 * this machine. Prints one JSON line; everything it writes is under the folder it is given.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encrypterTo } from '../src/main/core/exchange/package/encryption';
import { newOfficeKeys, publicKeysOf, signingKeyId } from '../src/main/core/exchange/package/keys';
import { buildPackageFile, openPackageFile } from '../src/main/core/exchange/package/package';

const MB = 2 ** 20;
const SIZE = Number(process.env.TTLL_STREAM_MB || 500) * MB;

async function main(dir: string): Promise<void> {
  // The file: 1 MiB of random bytes, over and over (the cipher's speed does not depend on them).
  const block = randomBytes(MB);
  const file = join(dir, 'ghi-hinh.bin');
  const fd = openSync(file, 'w');
  for (let at = 0; at < SIZE; at += MB) writeSync(fd, block);
  // On disk before the clock starts: an attachment is a file already saved, not one being flushed;
  // and what the bench's earlier sections wrote is flushed too, not written back meanwhile.
  fsyncSync(fd);
  closeSync(fd);
  if (process.platform !== 'win32') execFileSync('sync');

  const [p, a] = await Promise.all([newOfficeKeys('TINH'), newOfficeKeys('XA-01')]);
  const stages: Record<string, number> = {};
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    stages[name] = performance.now() - t;
  };

  const pkg = join(dir, 'TINH-XA-01-000001.ttllpkg');
  await time('build', () =>
    buildPackageFile(
      {
        sender: p,
        recipients: [publicKeysOf(a)],
        sequence: 1,
        prevHash: null,
        createdAt: '2026-11-28T08:00:00.000Z',
        auditHead: { count: 1, hash: '0'.repeat(64) },
        ack: null,
        records: [],
        attachments: [{ contentType: 'video/mp4', path: file }],
      },
      pkg,
    ),
  );
  let opened: Awaited<ReturnType<typeof openPackageFile>> | null = null;
  await time('verify', async () => {
    opened = await openPackageFile(pkg, {
      us: a,
      senderKey: (office, keyId) =>
        office === 'TINH' && keyId === signingKeyId(p.signingKey)
          ? { signingKey: p.signingKey, revoked: false }
          : undefined,
    });
  });
  const o = opened as Awaited<ReturnType<typeof openPackageFile>> | null;
  if (!o?.ok) throw new Error(`the package did not open: ${o && !o.ok ? o.message : ''}`);
  const out = join(dir, 'giai-ma.bin');
  await time('decrypt', () => o.attachments[0]!.writeTo(out));
  if (statSync(out).size !== SIZE) throw new Error('the decrypted file is not the original size');

  // The pipeline's peak memory, before the raw figures below (which make garbage at memory speed).
  const maxRssMb = peakRssMb();

  // The age STREAM layer alone (native ChaCha20-Poly1305 in 64 KiB chunks), memory to nowhere.
  await time('age', async () => {
    const chunks = (async function* () {
      for (let at = 0; at < SIZE; at += MB) yield block;
    })();
    for await (const _ of (await encrypterTo([publicKeysOf(a).recipient])).encrypt(chunks));
  });

  // The same machine's native primitives over the same bytes, in the same 1 MiB steps.
  await time('node-chacha', async () => {
    const c = createCipheriv('chacha20-poly1305', randomBytes(32), randomBytes(12), { authTagLength: 16 });
    for (let at = 0; at < SIZE; at += MB) c.update(block);
    c.final();
  });
  await time('node-sha256', async () => {
    const h = createHash('sha256');
    for (let at = 0; at < SIZE; at += MB) h.update(block);
    h.digest();
  });
  process.stdout.write(
    JSON.stringify({
      mb: SIZE / MB,
      packageMb: statSync(pkg).size / MB,
      stages,
      maxRssMb,
    }) + '\n',
  );
}

/**
 * This process's peak resident memory. On Linux the kernel's high-water mark of this program's own
 * memory (VmHWM): getrusage's maxRSS also counts the forked copy of the bench that started it.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

main(process.argv[2] ?? '.').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { scrypt, scryptSync, type ScryptOptions } from 'node:crypto';

/** scrypt (memory-hard) parameters, stored beside each wrapped key so they can change later. */
export interface KdfParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
}

const MIN_LOG_N = 14; // 16 MiB: the floor even for tests
const MAX_LOG_N = 20; // 1 GiB

const options = (params: KdfParams): ScryptOptions => ({
  N: params.N,
  r: params.r,
  p: params.p,
  maxmem: 256 * params.N * params.r,
});

/** Blocks the thread: for setup, the one-time upgrade and offline tools, never a sign-in. */
export function deriveKey(password: string, salt: Buffer, params: KdfParams): Buffer {
  return scryptSync(password.normalize('NFC'), salt, 32, options(params));
}

/**
 * The same key, derived in libuv's thread pool: sign-ins, password checks and new slots wait for
 * it without freezing the event loop (the host keeps answering during a burst of guesses).
 */
export function deriveKeyAsync(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, options(params), (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Doubles N until one derivation takes at least targetMs on this machine (ARCHITECTURE.md asks
 * 0.5–1 s on the office PC), so the cost follows the hardware instead of a guess.
 */
export function calibrateKdf(targetMs: number): KdfParams {
  const salt = Buffer.alloc(16, 7);
  let logN = MIN_LOG_N;
  for (; logN < MAX_LOG_N; logN++) {
    const params: KdfParams = { alg: 'scrypt', N: 2 ** logN, r: 8, p: 1 };
    const t0 = performance.now();
    deriveKey('calibration', salt, params);
    const ms = performance.now() - t0;
    // Doubling N roughly doubles the time: stop when the next step would overshoot twice the target.
    if (ms >= targetMs || ms * 2 > targetMs * 1.5) break;
  }
  return { alg: 'scrypt', N: 2 ** logN, r: 8, p: 1 };
}

/** Target for calibration: 700 ms, or TTLL_KDF_TARGET_MS (50–5000) for tests and benchmarks. */
export function kdfTargetMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.TTLL_KDF_TARGET_MS);
  return Number.isFinite(v) && v >= 50 && v <= 5000 ? v : 700;
}

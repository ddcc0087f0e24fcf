import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../src/main/core/vault/aead';

describe('AES-256-GCM sealing (vault/aead.ts)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and nothing altered, under another key or for another place', () => {
    const sealed = seal(key, Buffer.from('Trích yếu mật'), 'documents/1/text');
    expect(open(key, sealed, 'documents/1/text')?.toString()).toBe('Trích yếu mật');
    expect(open(randomBytes(32), sealed, 'documents/1/text')).toBeNull();
    expect(open(key, sealed, 'documents/2/text')).toBeNull();
    for (const at of [0, 11, 12, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 1;
      expect(open(key, bad, 'documents/1/text')).toBeNull();
    }
    expect(open(key, sealed.subarray(0, 27), 'documents/1/text')).toBeNull();
  });

  it('never hands out a nonce twice, across the blocks nonces are cut from', () => {
    // 3,000 seals cross several 512-nonce blocks; the same value sealed again must differ each time.
    const sealed = Array.from({ length: 3_000 }, () => seal(key, Buffer.from('x'), 'a'));
    const nonces = new Set(sealed.map((s) => s.subarray(0, 12).toString('hex')));
    expect(nonces.size).toBe(sealed.length);
    // Values sealed from an earlier block still open: a block is never reused in place.
    expect(sealed.every((s) => open(key, s, 'a')?.toString() === 'x')).toBe(true);
  });
});

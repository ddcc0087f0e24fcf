import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a printed key is read back without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as 8 groups of 4 characters: "7K3M-…". */
export function generateRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

/** Accepts what a person types: any case, spaces or dashes, O/I/L read as 0/1/1. */
export function normalizeRecoveryKey(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 32 || [...s].some((ch) => !ALPHABET.includes(ch))) return null;
  return s;
}

/** The recovery key has full entropy: HKDF is enough, no slow KDF needed. */
export function recoveryWrappingKey(normalized: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(normalized, 'ascii'), salt, 'ttll-recovery/1', 32));
}

/** Keyed slot id so the key file does not list user names in clear. */
export function slotId(vaultSalt: Buffer, userName: string): string {
  return createHmac('sha256', vaultSalt).update(`user:${userName}`).digest('hex').slice(0, 32);
}

import { randomBytes } from 'node:crypto';
import { open, seal } from './aead';
import { deriveKey, type KdfParams } from './kdf';
import type { KeyFile, Slot } from './keyfile';
import { normalizeRecoveryKey, recoveryWrappingKey, slotId } from './recoveryKey';

// The AAD binds each wrap to its slot, so a wrap moved onto another user's slot does not open.
const aadFor = (slot: { kind: string; id: string }) => `ttll-slot/1|${slot.kind}|${slot.id}`;

export function passwordSlot(
  kf: Pick<KeyFile, 'vaultSalt'>,
  userName: string,
  password: string,
  dataKey: Buffer,
  kdf: KdfParams,
): Slot {
  const id = slotId(Buffer.from(kf.vaultSalt, 'base64'), userName);
  const salt = randomBytes(16);
  const wrapped = seal(deriveKey(password, salt, kdf), dataKey, aadFor({ kind: 'password', id }));
  return { kind: 'password', id, salt: salt.toString('base64'), kdf, wrapped: wrapped.toString('base64') };
}

export function recoverySlot(recoveryKey: string, dataKey: Buffer): Slot {
  const normalized = normalizeRecoveryKey(recoveryKey);
  if (!normalized) throw new Error('malformed recovery key');
  const salt = randomBytes(16);
  const wrapped = seal(
    recoveryWrappingKey(normalized, salt),
    dataKey,
    aadFor({ kind: 'recovery', id: 'recovery' }),
  );
  return {
    kind: 'recovery',
    id: 'recovery',
    salt: salt.toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** Replaces (or adds) the user's slot; other slots are untouched. */
export function withSlot(kf: KeyFile, slot: Slot): KeyFile {
  return { ...kf, slots: [...kf.slots.filter((s) => s.id !== slot.id), slot] };
}

export function hasPasswordSlot(kf: KeyFile, userName: string): boolean {
  const id = slotId(Buffer.from(kf.vaultSalt, 'base64'), userName);
  return kf.slots.some((s) => s.kind === 'password' && s.id === id);
}

/** The data key, or null for an unknown user or a wrong password (indistinguishable on purpose). */
export function unwrapWithPassword(kf: KeyFile, userName: string, password: string): Buffer | null {
  const id = slotId(Buffer.from(kf.vaultSalt, 'base64'), userName);
  const slot = kf.slots.find((s) => s.kind === 'password' && s.id === id);
  if (!slot || slot.kind !== 'password') {
    // Spend the same time as a real attempt so user names cannot be probed by timing.
    deriveKey(
      password,
      randomBytes(16),
      kf.slots.find((s) => s.kind === 'password')?.kdf ?? { alg: 'scrypt', N: 16384, r: 8, p: 1 },
    );
    return null;
  }
  const key = deriveKey(password, Buffer.from(slot.salt, 'base64'), slot.kdf);
  return open(key, Buffer.from(slot.wrapped, 'base64'), aadFor(slot));
}

export function unwrapWithRecovery(kf: KeyFile, recoveryKey: string): Buffer | null {
  const normalized = normalizeRecoveryKey(recoveryKey);
  const slot = kf.slots.find((s) => s.kind === 'recovery');
  if (!normalized || !slot) return null;
  return open(
    recoveryWrappingKey(normalized, Buffer.from(slot.salt, 'base64')),
    Buffer.from(slot.wrapped, 'base64'),
    aadFor(slot),
  );
}

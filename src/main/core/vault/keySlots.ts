import { createHmac, randomBytes } from 'node:crypto';
import { open, seal } from './aead';
import { deriveKey, deriveKeyAsync, type KdfParams } from './kdf';
import type { KeyFileV1, KeyFileV2, LegacySlot, Slot } from './keyfile';
import { normalizeRecoveryKey, recoveryWrappingKey, slotId as legacySlotId } from './recoveryKey';
import type { KeyPair } from './x25519';

/**
 * Password slots of key file version 2. One scrypt per sign-in: the master key comes from the
 * user name and password together, and both the slot's id and its wrapping key come from the
 * master. Nothing public maps a name to a slot: a wrong name and a wrong password both find no
 * slot, at the same cost.
 */
export function masterKey(
  kf: Pick<KeyFileV2, 'vaultSalt' | 'kdf'>,
  userName: string,
  password: string,
): Buffer {
  return deriveKey(masterInput(userName, password), Buffer.from(kf.vaultSalt, 'base64'), kf.kdf);
}

/** The same master key off the event loop (sign-in, password checks, new slots). */
export function masterKeyAsync(
  kf: Pick<KeyFileV2, 'vaultSalt' | 'kdf'>,
  userName: string,
  password: string,
): Promise<Buffer> {
  return deriveKeyAsync(masterInput(userName, password), Buffer.from(kf.vaultSalt, 'base64'), kf.kdf);
}

const masterInput = (userName: string, password: string) => `${userName.normalize('NFC')}\u0000${password}`;

const mac = (master: Buffer, label: string) => createHmac('sha256', master).update(label).digest();
export const slotIdOf = (master: Buffer) => mac(master, 'ttll-slot-id').toString('hex').slice(0, 32);
const wrapKeyOf = (master: Buffer) => mac(master, 'ttll-slot-wrap');
const slotAad = (id: string) => `ttll-slot/2|${id}`;

/** A slot wrapping the user's private key under their master key. */
export function passwordSlot(master: Buffer, pair: KeyPair): Slot {
  const id = slotIdOf(master);
  const wrapKey = wrapKeyOf(master);
  const wrapped = seal(wrapKey, pair.privateDer, slotAad(id)).toString('base64');
  wrapKey.fill(0);
  return { id, pub: pair.publicDer, wrapped };
}

/** The slot this master key opens and the private key in it, or null. */
export function openPasswordSlot(
  kf: Pick<KeyFileV2, 'slots'>,
  master: Buffer,
): { slot: Slot; privateDer: Buffer } | null {
  const id = slotIdOf(master);
  const slot = kf.slots.find((s) => s.id === id);
  if (!slot) return null;
  const wrapKey = wrapKeyOf(master);
  const privateDer = open(wrapKey, Buffer.from(slot.wrapped, 'base64'), slotAad(id));
  wrapKey.fill(0);
  return privateDer ? { slot, privateDer } : null;
}

const recoveryAad = 'ttll-recovery/2';

/** The recovery slot: the recovery X25519 private key, wrapped under the recovery key. */
export function recoverySlot(recoveryKey: string, pair: KeyPair): KeyFileV2['recovery'] {
  const normalized = normalizeRecoveryKey(recoveryKey);
  if (!normalized) throw new Error('malformed recovery key');
  const salt = randomBytes(16);
  const wrapped = seal(recoveryWrappingKey(normalized, salt), pair.privateDer, recoveryAad);
  return { salt: salt.toString('base64'), pub: pair.publicDer, wrapped: wrapped.toString('base64') };
}

export function openRecoverySlot(kf: Pick<KeyFileV2, 'recovery'>, recoveryKey: string): Buffer | null {
  const normalized = normalizeRecoveryKey(recoveryKey);
  if (!normalized) return null;
  const { salt, wrapped } = kf.recovery;
  return open(
    recoveryWrappingKey(normalized, Buffer.from(salt, 'base64')),
    Buffer.from(wrapped, 'base64'),
    recoveryAad,
  );
}

// Version 1 slots (kept until each user's next sign-in after the upgrade).

const v1Aad = (slot: { kind: string; id: string }) => `ttll-slot/1|${slot.kind}|${slot.id}`;

export function legacyIdOf(vaultSalt: string, userName: string): string {
  return legacySlotId(Buffer.from(vaultSalt, 'base64'), userName);
}

/**
 * The data key from a version 1 slot, or null. Spends one scrypt whether or not the user has a
 * slot, so a name is not confirmed by timing.
 */
export async function openLegacySlot(
  slots: readonly LegacySlot[],
  vaultSalt: string,
  fallbackKdf: KdfParams,
  userName: string,
  password: string,
): Promise<{ slot: LegacySlot; dataKey: Buffer } | null> {
  const id = legacyIdOf(vaultSalt, userName);
  const slot = slots.find((s) => s.id === id);
  if (!slot) {
    await deriveKeyAsync(password, randomBytes(16), slots[0]?.kdf ?? fallbackKdf);
    return null;
  }
  const dataKey = open(
    await deriveKeyAsync(password, Buffer.from(slot.salt, 'base64'), slot.kdf),
    Buffer.from(slot.wrapped, 'base64'),
    v1Aad(slot),
  );
  return dataKey ? { slot, dataKey } : null;
}

export function openLegacyRecovery(kf: KeyFileV1, recoveryKey: string): Buffer | null {
  const normalized = normalizeRecoveryKey(recoveryKey);
  const slot = kf.slots.find((s) => s.kind === 'recovery');
  if (!normalized || !slot) return null;
  return open(
    recoveryWrappingKey(normalized, Buffer.from(slot.salt, 'base64')),
    Buffer.from(slot.wrapped, 'base64'),
    v1Aad(slot),
  );
}

export function legacySlotsOf(kf: KeyFileV1): LegacySlot[] {
  return kf.slots.filter((s): s is LegacySlot => s.kind === 'password');
}

/**
 * Pure edits of a version 2 key file: who holds which key, slots in and out, rotation. The
 * session (vaultSession.ts) decides when, writes the result atomically, and re-seals data.
 */
import { randomBytes } from 'node:crypto';
import type { Grant, KeyFileV2, KeyName, Slot } from './keyfile';
import { KEY_NAMES } from './keyfile';
import { LEVELS, newKey, retire, sealGrant, type KeyRing, type LevelName } from './keyRing';
import { holderOf } from './x25519';

export const RECOVERY = 'recovery';

export function newGeneration(): string {
  return randomBytes(16).toString('hex');
}

/** The public key of a holder (a slot's, or the recovery's), if it is in the file. */
export function pubOf(kf: KeyFileV2, holder: string): string | null {
  if (holder === RECOVERY) return kf.recovery.pub;
  return kf.slots.find((s) => holderOf(s.pub) === holder)?.pub ?? null;
}

/** The keys granted to a holder at their current epoch. */
export function heldBy(kf: KeyFileV2, holder: string): Set<KeyName> {
  return new Set(kf.grants.filter((g) => g.to === holder && g.epoch === kf.epochs[g.key]).map((g) => g.key));
}

/** Adds a user's slot; a slot of the same holder is replaced. */
export function withSlot(kf: KeyFileV2, slot: Slot): KeyFileV2 {
  const holder = holderOf(slot.pub);
  return { ...kf, slots: [...kf.slots.filter((s) => holderOf(s.pub) !== holder), slot] };
}

/** Removes a holder entirely: its slot and every grant to it. */
export function withoutHolder(kf: KeyFileV2, holder: string): KeyFileV2 {
  return {
    ...kf,
    slots: kf.slots.filter((s) => holderOf(s.pub) !== holder),
    grants: kf.grants.filter((g) => g.to !== holder),
  };
}

/** Removes version 1 slots by id (a user converted, reset or disabled). */
export function withoutLegacy(kf: KeyFileV2, ids: readonly string[]): KeyFileV2 {
  const legacySlots = kf.legacySlots.filter((s) => !ids.includes(s.id));
  const { legacySalt: _salt, ...rest } = kf;
  return legacySlots.length ? { ...kf, legacySlots } : { ...rest, legacySlots };
}

/**
 * Grants to a holder the named keys this ring holds at their current epoch; returns the names
 * it could not grant (not held by the ring, or the holder has no public key here).
 */
export function withGrants(
  kf: KeyFileV2,
  holder: string,
  ring: KeyRing,
  names: readonly KeyName[],
): { kf: KeyFileV2; missing: KeyName[] } {
  const pub = pubOf(kf, holder);
  const missing: KeyName[] = [];
  const added: Grant[] = [];
  const held = heldBy(kf, holder);
  for (const name of names) {
    if (held.has(name)) continue;
    const k = ring.current(name);
    if (!pub || !k || k.epoch !== kf.epochs[name]) {
      missing.push(name);
      continue;
    }
    added.push(sealGrant(holder, pub, name, k.epoch, k.key));
  }
  const grants = kf.grants.filter((g) => !(g.to === holder && added.some((a) => a.key === g.key)));
  return { kf: { ...kf, grants: [...grants, ...added] }, missing };
}

/** Removes the named keys from a holder; the level keys among them are due for rotation. */
export function withoutGrants(kf: KeyFileV2, holder: string, names: readonly KeyName[]): KeyFileV2 {
  const removed = kf.grants.filter((g) => g.to === holder && names.includes(g.key));
  if (removed.length === 0) return kf;
  return dueForRotation(
    { ...kf, grants: kf.grants.filter((g) => !removed.includes(g)) },
    removed.map((g) => g.key),
  );
}

/** Marks level keys (only: the data and audit keys are not rotated here) for rotation. */
export function dueForRotation(kf: KeyFileV2, names: readonly KeyName[]): KeyFileV2 {
  const levels = names.filter((n): n is LevelName => (LEVELS as readonly string[]).includes(n));
  const rotate = [...new Set([...kf.rotate, ...levels])];
  return rotate.length === kf.rotate.length ? kf : { ...kf, rotate };
}

/**
 * A new epoch of a key: a fresh random key granted to every holder of the current epoch still
 * in the file (and always to the recovery key), the old epoch wrapped under the new one. The
 * ring must hold the current epoch; it receives the new key as current.
 */
export function rotated(kf: KeyFileV2, ring: KeyRing, name: KeyName): KeyFileV2 {
  const cur = ring.current(name);
  if (!cur || cur.epoch !== kf.epochs[name]) throw new Error(`key ${name} not held at its current epoch`);
  const next = newKey();
  const epoch = cur.epoch + 1;
  const holders = new Set(kf.grants.filter((g) => g.key === name && g.epoch === cur.epoch).map((g) => g.to));
  holders.add(RECOVERY);
  const fresh: Grant[] = [];
  for (const to of holders) {
    const pub = pubOf(kf, to);
    if (pub) fresh.push(sealGrant(to, pub, name, epoch, next));
  }
  const out: KeyFileV2 = {
    ...kf,
    epochs: { ...kf.epochs, [name]: epoch },
    grants: [...kf.grants.filter((g) => g.key !== name), ...fresh],
    retired: [...kf.retired, retire(name, cur.epoch, cur.key, next)],
    rotate: kf.rotate.filter((n) => n !== name),
  };
  ring.put(name, epoch, next, true);
  next.fill(0);
  return out;
}

export const FIRST_EPOCHS = Object.fromEntries(KEY_NAMES.map((n) => [n, 1])) as Record<KeyName, number>;

import type { KdfParams } from './kdf';
import type { AnyKeyFile, KeyFileV2, Slot } from './keyfile';
import { KeyRing, ringFrom } from './keyRing';
import { legacySlotsOf, masterKeyAsync, openLegacySlot, openPasswordSlot } from './keySlots';
import { holderOf, type KeyPair } from './x25519';

/** The KDF of version 1 slots, which did not record theirs. */
const DEFAULT_KDF: KdfParams = { alg: 'scrypt', N: 16384, r: 8, p: 1 };

/** How a password (or the recovery key) opened the key file. */
export type Credential =
  | { kind: 'slot'; kf: KeyFileV2; slot: Slot; holder: string; pair: KeyPair; ring: KeyRing }
  | { kind: 'legacy'; kf: AnyKeyFile; legacyId: string; dataKey: Buffer; master: Buffer | null }
  | { kind: 'recovery'; kf: KeyFileV2; ring: KeyRing };

/** The keys a session opens with: its ring, and the user's holder id and key pair (none on a version 1 vault). */
export interface SessionKeys {
  ring: KeyRing;
  holder: string | null;
  pair: KeyPair | null;
  /** Set when this sign-in made a new recovery key, to show once. */
  recoveryKey?: string;
}

/** One scrypt (two while version 1 slots remain); null for a wrong name or password alike. */
export async function openWithPassword(
  kf: AnyKeyFile,
  userName: string,
  password: string,
): Promise<Credential | null> {
  if (kf.format === 'ttll-vault/1') {
    const r = await openLegacySlot(legacySlotsOf(kf), kf.vaultSalt, DEFAULT_KDF, userName, password);
    return r ? { kind: 'legacy', kf, legacyId: r.slot.id, dataKey: r.dataKey, master: null } : null;
  }
  const master = await masterKeyAsync(kf, userName, password);
  const s = openPasswordSlot(kf, master);
  if (s) {
    master.fill(0);
    const pair = { publicDer: s.slot.pub, privateDer: s.privateDer };
    const holder = holderOf(s.slot.pub);
    return {
      kind: 'slot',
      kf,
      slot: s.slot,
      holder,
      pair,
      ring: ringFrom(kf, holder, s.privateDer, s.slot.pub),
    };
  }
  if (kf.legacySlots.length === 0 || !kf.legacySalt) {
    master.fill(0);
    return null;
  }
  const r = await openLegacySlot(kf.legacySlots, kf.legacySalt, kf.kdf, userName, password);
  if (!r) {
    master.fill(0);
    return null;
  }
  return { kind: 'legacy', kf, legacyId: r.slot.id, dataKey: r.dataKey, master };
}

/** The database key a credential opened, or null when it holds none. */
export function dataKeyOf(cred: Credential): Buffer | null {
  return cred.kind === 'legacy' ? cred.dataKey : (cred.ring.current('data')?.key ?? null);
}

/** A session on a version 1 vault: it reads and writes as before, classified text in clear. */
export function legacyKeys(dataKey: Buffer): { ring: KeyRing; holder: null; pair: null } {
  const ring = new KeyRing(true);
  ring.put('data', 1, dataKey, true);
  return { ring, holder: null, pair: null };
}

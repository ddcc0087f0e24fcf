import { randomBytes } from 'node:crypto';
import { CLEARANCES, clearanceRank, type Clearance } from '../../../shared/contract';
import { open, seal } from './aead';
import type { Grant, KeyFileV2, KeyName } from './keyfile';
import { openFrom, sealTo } from './x25519';

/** The secrecy levels that have a key of their own, lowest first. */
export type LevelName = Exclude<Clearance, 'none'>;
export const LEVELS: readonly LevelName[] = ['mat', 'toi-mat', 'tuyet-mat'];

/** The level keys a clearance reaches: Tối mật holds the Mật and Tối mật keys. */
export function levelsUpTo(c: Clearance): LevelName[] {
  return LEVELS.filter((l) => clearanceRank(l) <= clearanceRank(c));
}

/** Every key a user of this role and clearance should hold (none for a disabled user). */
export function keysFor(u: { role: string; clearance: Clearance; disabled: boolean }): KeyName[] {
  if (u.disabled) return [];
  return ['data', ...levelsUpTo(u.clearance), ...(u.role === 'admin' ? (['audit'] as const) : [])];
}

/**
 * The keys one session holds, by name and epoch. The current epoch of each is what new data is
 * sealed under; older epochs (reached through the retired chain) read data not yet re-sealed and
 * old backups. `legacy` marks a session on a version 1 vault: classified text is still in clear.
 */
export class KeyRing {
  private readonly keys = new Map<string, Buffer>();
  private readonly epochs = new Map<KeyName, number>();

  constructor(readonly legacy = false) {}

  put(name: KeyName, epoch: number, key: Buffer, current: boolean): void {
    this.keys.set(`${name}#${epoch}`, Buffer.from(key));
    if (current) this.epochs.set(name, epoch);
  }

  /** The key of that name at that epoch, if held. */
  get(name: KeyName, epoch: number): Buffer | null {
    return this.keys.get(`${name}#${epoch}`) ?? null;
  }

  /** The current epoch of a key, if this ring holds it. */
  current(name: KeyName): { key: Buffer; epoch: number } | null {
    const epoch = this.epochs.get(name);
    const key = epoch === undefined ? undefined : this.keys.get(`${name}#${epoch}`);
    return key && epoch !== undefined ? { key, epoch } : null;
  }

  has(name: KeyName): boolean {
    return this.current(name) !== null;
  }

  /** The key of a secrecy level (current epoch), or null when this session does not hold it. */
  level(level: LevelName): Buffer | null {
    return this.current(level)?.key ?? null;
  }

  /** The audit key (administrators and the recovery key only), or null. */
  audit(): Buffer | null {
    return this.current('audit')?.key ?? null;
  }

  /** The names held at their current epoch. */
  names(): KeyName[] {
    return [...this.epochs.keys()].filter((n) => this.has(n));
  }

  /** Every (name, epoch) held, current or older. */
  entries(): { name: KeyName; epoch: number; key: Buffer }[] {
    return [...this.keys].map(([k, key]) => {
      const [name, epoch] = k.split('#') as [KeyName, string];
      return { name, epoch: Number(epoch), key };
    });
  }

  /** The highest clearance whose level keys (and all below) this ring holds. */
  reach(): Clearance {
    let c: Clearance = 'none';
    for (const l of LEVELS) {
      if (!this.has(l)) break;
      c = l;
    }
    return c;
  }

  /** A copy holding only the named keys (every epoch of each). */
  only(names: readonly KeyName[]): KeyRing {
    const r = new KeyRing(this.legacy);
    for (const e of this.entries())
      if (names.includes(e.name)) r.put(e.name, e.epoch, e.key, this.epochs.get(e.name) === e.epoch);
    return r;
  }

  zero(): void {
    for (const k of this.keys.values()) k.fill(0);
    this.keys.clear();
    this.epochs.clear();
  }
}

/** The effective clearance of a session: what the user is cleared for and holds the keys of. */
export function effectiveClearance(clearance: Clearance, ring: KeyRing): Clearance {
  if (ring.legacy) return clearance;
  const reach = ring.reach();
  return CLEARANCES[Math.min(clearanceRank(clearance), clearanceRank(reach))] ?? 'none';
}

const GRANTS = { info: 'ttll-grant/1', bindKeys: true };
const grantAad = (g: Pick<Grant, 'to' | 'key' | 'epoch'>) => `ttll-grant/1|${g.to}|${g.key}|${g.epoch}`;
const retiredAad = (key: KeyName, epoch: number) => `ttll-retired/1|${key}|${epoch}`;

/** Seals one key to one holder's public key; the associated data binds recipient, name and epoch. */
export function sealGrant(to: string, pub: string, key: KeyName, epoch: number, bytes: Buffer): Grant {
  return { to, key, epoch, ...sealTo(pub, bytes, grantAad({ to, key, epoch }), GRANTS) };
}

export function openGrant(privateDer: Buffer, pub: string, g: Grant): Buffer | null {
  return openFrom(privateDer, pub, g.eph, g.sealed, grantAad(g), GRANTS);
}

/** An older epoch of a key, wrapped under its successor. */
export function retire(key: KeyName, epoch: number, old: Buffer, next: Buffer) {
  return { key, epoch, wrapped: seal(next, old, retiredAad(key, epoch)).toString('base64') };
}

/**
 * The ring of one holder: every grant addressed to it, then each key's older epochs down the
 * retired chain (so data not yet re-sealed, and old backups, still read).
 */
export function ringFrom(kf: KeyFileV2, holder: string, privateDer: Buffer, pub: string): KeyRing {
  const ring = new KeyRing();
  for (const g of kf.grants) {
    if (g.to !== holder) continue;
    const key = openGrant(privateDer, pub, g);
    if (key) {
      ring.put(g.key, g.epoch, key, kf.epochs[g.key] === g.epoch);
      key.fill(0);
    }
  }
  openRetired(kf, ring);
  return ring;
}

/** Walks each held key's retired chain down to epoch 1. */
export function openRetired(kf: Pick<KeyFileV2, 'retired'>, ring: KeyRing): void {
  for (const { name, epoch, key } of ring.entries()) {
    let e = epoch;
    let k: Buffer | null = key;
    while (k && e > 1 && !ring.get(name, e - 1)) {
      const r = kf.retired.find((x) => x.key === name && x.epoch === e - 1);
      if (!r) break;
      k = open(k, Buffer.from(r.wrapped, 'base64'), retiredAad(name, e - 1));
      if (k) ring.put(name, e - 1, k, false);
      e--;
    }
  }
}

export function newKey(): Buffer {
  return randomBytes(32);
}

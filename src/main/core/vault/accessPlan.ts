import type { Clearance, Role } from '../../../shared/contract';
import { heldBy, rotated, withGrants, withoutGrants, withoutHolder, withoutLegacy } from './keyFileOps';
import type { KeyFileV2, KeyName } from './keyfile';
import { keysFor, type KeyRing } from './keyRing';
import { legacyIdOf } from './keySlots';
import { rowAccess, type UserRow } from './userRows';

/*
 * Who holds which key: a user's grants brought in line with their role, clearance and state,
 * computed on a key file in memory; the session writes the result under the write lock.
 */

/** What a change of a user's access did to the key file. */
export interface AccessChange {
  granted: KeyName[];
  revoked: KeyName[];
  /** Keys the user should hold but this session could not grant (not held, or no slot yet). */
  missing: KeyName[];
}

export interface AccessPlan {
  kf: KeyFileV2;
  change: AccessChange;
}

/**
 * What bringing a user's grants in line with their role, clearance and state does: grants what
 * they should hold and the ring holds, removes the rest (a disabled user's slot and legacy slot
 * too). Level keys removed from someone are marked due for rotation by withoutGrants.
 */
export function planAccess(
  kf0: KeyFileV2,
  ring: KeyRing,
  row: { userName: string; role: Role; clearance: Clearance; disabled: boolean; keyHolder: string | null },
): AccessPlan {
  let kf = kf0;
  const needed = keysFor(row);
  const held = row.keyHolder ? heldBy(kf, row.keyHolder) : new Set<KeyName>();
  const revoked = [...held].filter((k) => !needed.includes(k));
  let missing: KeyName[] = [];
  if (row.keyHolder) {
    kf = withoutGrants(kf, row.keyHolder, revoked);
    if (row.disabled) kf = withoutHolder(kf, row.keyHolder);
    else {
      const r = withGrants(kf, row.keyHolder, ring, needed);
      kf = r.kf;
      missing = r.missing;
    }
  } else if (!row.disabled) missing = needed.filter((k) => k !== 'data');
  if (row.disabled && kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, row.userName)]);
  const granted = needed.filter((k) => !held.has(k) && !missing.includes(k));
  return { kf, change: { granted, revoked, missing } };
}

/** Rotates the keys due for rotation that the ring holds (new epochs in the key file). */
export function rotateDue(kf: KeyFileV2, ring: KeyRing): KeyFileV2 {
  let out = kf;
  for (const name of kf.rotate) {
    const cur = ring.current(name);
    if (cur && cur.epoch === out.epochs[name]) out = rotated(out, ring, name);
  }
  return out;
}

/**
 * Grants follow the users table (a disabled user's slot and grants go, grants above a clearance
 * go: repairs an act interrupted between the database and the key file), then the keys due for
 * rotation that the ring holds are rotated.
 */
export function reconcileGrants(kf0: KeyFileV2, rows: readonly UserRow[], ring: KeyRing): KeyFileV2 {
  let kf = kf0;
  for (const r of rows) {
    const access = rowAccess(r);
    if (r.key_holder) {
      const extra = [...heldBy(kf, r.key_holder)].filter((k) => !keysFor(access).includes(k));
      kf = withoutGrants(kf, r.key_holder, extra);
      if (access.disabled) kf = withoutHolder(kf, r.key_holder);
    }
    if (access.disabled && kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, r.user_name)]);
  }
  return rotateDue(kf, ring);
}

import { existsSync, renameSync, rmSync } from 'node:fs';
import { crashPoint } from '../crashPoint';
import { isBusy, AppError } from '../errors';
import { stmt, truncateWal, type Db } from '../db/open';
import { getSetting, putSetting } from '../db/settingsStore';
import { KEY_FILE } from './dataFolder';
import { calibrateKdf, type KdfParams } from './kdf';
import { withoutHolder, withoutLegacy, withSlot } from './keyFileOps';
import { GENERATION_SETTING, type KeyFileStore } from './keyFileStore';
import { KEY_NAMES, syncDir, writeKeyFile, type KeyFileV1 } from './keyfile';
import { keysFor, KeyRing, newKey, sealGrant } from './keyRing';
import { legacyIdOf, legacySlotsOf, passwordSlot } from './keySlots';
import type { Credential } from './credentials';
import { firstKeyFile } from './newVault';
import type { AuditPort } from './ports';
import { generateRecoveryKey } from './recoveryKey';
import type { SealedData } from './sealedValue';
import { setKeyHolder, type UserRow } from './userRows';
import { holderOf, newKeyPair, openFrom, sealTo, type KeyPair } from './x25519';

/*
 * From key file version 1 (one data key, wrapped per user) to version 2 (level keys, key pairs,
 * grants): the upgrade at an administrator's first sign-in, the recovery key it makes, and the
 * conversion of the other users' version 1 slots as they sign in.
 */

const PENDING_RECOVERY = { info: 'ttll-pending-recovery/1', bindKeys: true };

/** What an upgrade works on. */
export interface UpgradeDeps {
  dataDir: string;
  keys: KeyFileStore;
  audit: AuditPort;
  sealed: readonly SealedData[];
  kdfTargetMs: number;
}

/**
 * The upgrade of a version 1 vault, at the first sign-in of an administrator: level keys and an
 * audit key are made, the classified data in clear is sealed under them, the key file becomes
 * version 2. All or nothing: the new key file is written beside the old one first, the database
 * commits (naming its generation), then the new file replaces the old (KeyFileStore.settle).
 * The recovery key changes (the old one can only open the data key): it is returned to show once,
 * and kept sealed to this administrator in the key file until then.
 */
function upgrade(
  deps: UpgradeDeps,
  db: Db,
  kf1: KeyFileV1,
  legacyId: string,
  row: UserRow,
  password: string,
  dataKey: Buffer,
  flags: { recovery?: boolean },
): { ring: KeyRing; holder: string; pair: KeyPair; recoveryKey: string } {
  const { keys } = deps;
  const kdf =
    (getSetting(db, 'vault.kdf') as KdfParams | null) ??
    legacySlotsOf(kf1)[0]?.kdf ??
    calibrateKdf(deps.kdfTargetMs);
  const full = new KeyRing();
  full.put('data', 1, dataKey, true);
  for (const name of KEY_NAMES) if (name !== 'data') full.put(name, 1, newKey(), true);
  const recoveryKey = generateRecoveryKey();
  const pair = newKeyPair();
  const holder = holderOf(pair.publicDer);
  const disabled = new Set(
    (stmt(db, 'SELECT user_name FROM users WHERE disabled = 1').all() as { user_name: string }[]).map((u) =>
      legacyIdOf(kf1.vaultSalt, u.user_name),
    ),
  );
  // The administrator's own version 1 slot goes (converted), and those of disabled users.
  const legacySlots = legacySlotsOf(kf1).filter(
    (s) => s.id !== legacyId && s.id !== legacyIdOf(kf1.vaultSalt, row.user_name) && !disabled.has(s.id),
  );
  const mine = keysFor({ role: row.role, clearance: row.clearance, disabled: false });
  let kf = firstKeyFile(
    {
      cipher: kf1.cipher,
      kdf,
      auditSealKey: kf1.auditSealKey,
      legacySlots,
      ...(legacySlots.length ? { legacySalt: kf1.vaultSalt } : {}),
    },
    full,
    recoveryKey,
    { userName: row.user_name, password, pair, keys: mine },
  );
  kf = {
    ...kf,
    pendingRecoveryKey: {
      to: holder,
      ...sealTo(
        pair.publicDer,
        Buffer.from(recoveryKey),
        `ttll-pending-recovery/1|${holder}`,
        PENDING_RECOVERY,
      ),
    },
  };

  db.transaction(() => {
    // Under the write lock: no other process is upgrading, or settling a .next file, meanwhile.
    if (keys.read().format !== 'ttll-vault/1')
      throw new AppError(
        'BUSY',
        'The vault was upgraded by another sign-in at the same moment; sign in again',
      );
    writeKeyFile(keys.nextPath, kf);
    try {
      crashPoint('upgrade-after-next');
      const sealed = deps.sealed.reduce((n, s) => n + s.sealClear(db, full), 0);
      setKeyHolder(db, row.user_name, holder);
      putSetting(db, GENERATION_SETTING, kf.generation);
      // Sealing of the log begins with the upgrade's entry (the audit key is new).
      const audit = full.current('audit');
      if (audit && !deps.audit.sealing(db)) deps.audit.startSegment(db, audit);
      deps.audit.append(db, {
        actor: row.user_name,
        action: 'vault.upgrade',
        targetType: 'vault',
        targetId: KEY_FILE,
        outcome: 'ok',
        details: {
          from: 'ttll-vault/1',
          to: 'ttll-vault/2',
          sealedRows: sealed,
          legacySlotsKept: legacySlots.length,
          disabledSlotsRemoved: legacySlotsOf(kf1).filter((s) => disabled.has(s.id)).length,
          viaRecoveryKey: flags.recovery === true,
        },
      });
    } catch (e) {
      rmSync(keys.nextPath, { force: true });
      full.zero();
      throw e;
    }
  }).immediate();
  crashPoint('upgrade-after-commit');
  truncateWal(db);
  // Another process may have promoted it already (KeyFileStore.settle, under the lock).
  if (existsSync(keys.nextPath)) renameSync(keys.nextPath, keys.path);
  syncDir(deps.dataDir);
  // Shown now, like the recovery key of a new vault; kept sealed only for a crash before this.
  const { pendingRecoveryKey: _shown, ...rest } = kf;
  keys.write(rest);
  const ring = full.only(mine);
  full.zero();
  return { ring, holder, pair, recoveryKey };
}

/** The upgrade, or null (audited, the vault left as it was) when it failed: the user still signs in. */
export function tryUpgrade(...args: Parameters<typeof upgrade>): ReturnType<typeof upgrade> | null {
  const [deps, db, , , row] = args;
  try {
    return upgrade(...args);
  } catch (e) {
    if (isBusy(e) || (e instanceof AppError && e.code === 'BUSY')) throw e;
    console.error(`[vault] upgrade of the key file failed: ${(e as Error).message}`);
    db.transaction(() =>
      deps.audit.append(db, {
        actor: row.user_name,
        action: 'vault.upgrade',
        targetType: 'vault',
        targetId: KEY_FILE,
        outcome: 'failed',
        details: { error: (e as Error).message },
      }),
    )();
    return null;
  }
}

/** The recovery key sealed to this user by an upgrade interrupted before it was shown, once. */
export function takePendingRecoveryKey(
  keys: KeyFileStore,
  holder: string,
  privateDer: Buffer,
): string | undefined {
  const kf = keys.read();
  const p = kf.format === 'ttll-vault/2' ? kf.pendingRecoveryKey : undefined;
  if (kf.format !== 'ttll-vault/2' || !p || p.to !== holder) return undefined;
  const pub = kf.slots.find((s) => holderOf(s.pub) === holder)?.pub ?? '';
  const key = openFrom(
    privateDer,
    pub,
    p.eph,
    p.sealed,
    `ttll-pending-recovery/1|${holder}`,
    PENDING_RECOVERY,
  );
  const { pendingRecoveryKey: _shown, ...rest } = kf;
  keys.write(rest);
  return key?.toString('utf8');
}

/**
 * A user with a version 1 slot signs in after the upgrade: they get a key pair and a version 2
 * slot with the data key. Level keys need an administrator to confirm the clearance
 * (users.update): until then the user reads as uncleared (pendingClearance in users.list).
 */
export function convertLegacySlot(
  keys: KeyFileStore,
  db: Db,
  cred: Extract<Credential, { kind: 'legacy' }>,
  row: UserRow,
): { ring: KeyRing; holder: string; pair: KeyPair } {
  const pair = newKeyPair();
  const holder = holderOf(pair.publicDer);
  const master = cred.master ?? Buffer.alloc(0);
  let next = withSlot(keys.v2(), passwordSlot(master, pair));
  master.fill(0);
  next = withoutLegacy(next, [cred.legacyId]);
  if (row.key_holder) next = withoutHolder(next, row.key_holder);
  const ring = new KeyRing();
  ring.put('data', next.epochs.data, cred.dataKey, true);
  next = {
    ...next,
    grants: [...next.grants, sealGrant(holder, pair.publicDer, 'data', next.epochs.data, cred.dataKey)],
  };
  db.transaction(() => setKeyHolder(db, row.user_name, holder))();
  keys.write(next);
  return { ring, holder, pair };
}

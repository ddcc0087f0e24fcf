import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { Clearance, OfficeProfile, SessionUser } from '../../../shared/contract';
import { applyMigrations, type SchemaStep } from '../db/migrations';
import { openEncrypted, type Cipher, type Db } from '../db/open';
import { putSetting } from '../db/settingsStore';
import type { Credential } from './credentials';
import { calibrateKdf } from './kdf';
import { FIRST_EPOCHS, newGeneration, RECOVERY, withGrants, withSlot } from './keyFileOps';
import { GENERATION_SETTING } from './keyFileStore';
import { KEY_NAMES, type KeyFileV2, type KeyName, type Slot } from './keyfile';
import { keysFor, KeyRing, newKey } from './keyRing';
import { masterKey, passwordSlot, recoverySlot } from './keySlots';
import type { AuditPort } from './ports';
import { generateRecoveryKey } from './recoveryKey';
import { newSealKeyPair } from './sealedEvents';
import { holderOf, newKeyPair, type KeyPair } from './x25519';

/**
 * A new version 2 key file: every key of the ring granted to the recovery key, and the named ones
 * to a new password slot of the first administrator (a new vault's, or the upgrading one's).
 */
export function firstKeyFile(
  base: Pick<KeyFileV2, 'cipher' | 'kdf' | 'auditSealKey' | 'legacySlots' | 'legacySalt'>,
  ring: KeyRing,
  recoveryKey: string,
  admin: { userName: string; password: string; pair: KeyPair; keys: readonly KeyName[] },
): KeyFileV2 {
  const recoveryPair = newKeyPair();
  let kf: KeyFileV2 = {
    format: 'ttll-vault/2',
    cipher: base.cipher,
    generation: newGeneration(),
    vaultSalt: randomBytes(16).toString('base64'),
    kdf: base.kdf,
    auditSealKey: base.auditSealKey,
    slots: [],
    legacySlots: base.legacySlots,
    ...(base.legacySalt ? { legacySalt: base.legacySalt } : {}),
    recovery: recoverySlot(recoveryKey, recoveryPair),
    epochs: { ...FIRST_EPOCHS },
    grants: [],
    retired: [],
    rotate: [],
  };
  recoveryPair.privateDer.fill(0);
  const master = masterKey(kf, admin.userName, admin.password);
  kf = withSlot(kf, passwordSlot(master, admin.pair));
  master.fill(0);
  kf = withGrants(kf, RECOVERY, ring, KEY_NAMES).kf;
  return withGrants(kf, holderOf(admin.pair.publicDer), ring, admin.keys).kf;
}

/** What making a vault needs. */
export interface NewVaultDeps {
  dbPath: string;
  cipher: Cipher;
  kdfTargetMs: number;
  steps: readonly SchemaStep[];
  audit: AuditPort;
  now: () => Date;
  /** Makes what the modules make once per vault, each audited; inside the setup's transaction. */
  provide(db: Db, actor: string): void;
}

/**
 * Makes a vault: every key, the recovery key, the first administrator's slot and grants, and the
 * database with its schema, office, first user and first audit entry. The database is built under
 * a temporary name and moved into place only when complete, so a crash during setup leaves an
 * uninitialized folder, not half a vault. Returns the key file (for the caller to write next) and
 * the administrator's credential; the caller zeroes `ring` (every key) once signed in.
 */
export function createVault(
  deps: NewVaultDeps,
  office: OfficeProfile,
  admin: { userName: string; fullName: string; password: string; clearance: Clearance },
): { kf: KeyFileV2; recoveryKey: string; cred: Credential; ring: KeyRing } {
  const { cipher } = deps;
  const recoveryKey = generateRecoveryKey();
  const kdf = calibrateKdf(deps.kdfTargetMs);
  const seal = newSealKeyPair();
  const ring = new KeyRing();
  for (const name of KEY_NAMES) ring.put(name, 1, newKey(), true);
  const adminPair = newKeyPair();
  const holder = holderOf(adminPair.publicDer);
  const user: SessionUser = {
    userName: admin.userName,
    fullName: admin.fullName,
    role: 'admin',
    clearance: admin.clearance,
    mustChangePassword: false,
  };
  const granted = keysFor({ ...user, disabled: false });
  const kf = firstKeyFile({ cipher, kdf, auditSealKey: seal.publicDer, legacySlots: [] }, ring, recoveryKey, {
    userName: admin.userName,
    password: admin.password,
    pair: adminPair,
    keys: granted,
  });
  const dataKey = ring.current('data')?.key ?? Buffer.alloc(0);

  const building = `${deps.dbPath}.creating`;
  rmSync(building, { force: true });
  const db = openEncrypted(building, dataKey.toString('hex'), cipher, { create: true });
  const now = deps.now().toISOString();
  try {
    applyMigrations(db, deps.steps, deps.now);
    db.transaction(() => {
      putSetting(db, 'office', office);
      putSetting(db, 'vault.auditSealPrivate', seal.privateDer);
      putSetting(db, 'vault.kdf', kdf);
      putSetting(db, GENERATION_SETTING, kf.generation);
      db.prepare(
        'INSERT INTO users (user_name, full_name, role, clearance, disabled, created_at, updated_at, key_holder) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
      ).run(user.userName, user.fullName, user.role, user.clearance, now, now, holder);
      // The log is sealed from its first entry (audit/sealing.ts).
      const audit = ring.current('audit');
      if (audit) deps.audit.startSegment(db, audit);
      deps.audit.append(db, {
        actor: user.userName,
        action: 'vault.setup',
        targetType: 'office',
        targetId: office.code,
        outcome: 'ok',
        details: { cipher, kdfN: kdf.N },
      });
      deps.provide(db, user.userName);
    })();
    db.pragma('journal_mode = DELETE'); // fold the WAL into the file before the rename
    db.close();
  } catch (e) {
    db.close();
    rmSync(building, { force: true });
    ring.zero();
    throw e;
  }
  renameSync(building, deps.dbPath);
  const slot = kf.slots[0] as Slot;
  return {
    kf,
    recoveryKey,
    cred: { kind: 'slot', kf, slot, holder, pair: adminPair, ring: ring.only(granted) },
    ring,
  };
}

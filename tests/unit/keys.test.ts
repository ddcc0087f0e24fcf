import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { readKeyFile, type KeyFileV2 } from '../../src/main/core/vault/keyfile';
import { openGrant } from '../../src/main/core/vault/keyRing';
import { masterKey, openPasswordSlot, slotIdOf } from '../../src/main/core/vault/keySlots';
import { holderOf } from '../../src/main/core/vault/x25519';
import { KEY_FILE, NEXT_KEY_FILE } from '../../src/main/core/vault/dataFolder';
import { TSX } from '../helpers/cli';
import {
  addUser,
  ADMIN_PASSWORD,
  call,
  failure,
  openCore,
  setupCore,
  switchTo,
  tempDir,
  USER_PASSWORD,
} from '../helpers/core';

function keyFile(dataDir: string): KeyFileV2 {
  const kf = readKeyFile(join(dataDir, KEY_FILE));
  if (kf?.format !== 'ttll-vault/2') throw new Error('expected a version 2 key file');
  return kf;
}

/** What a password opens in a key file, with the key-file code only: the private key and the keys granted to it. */
function keysOpenedBy(kf: KeyFileV2, userName: string, password: string) {
  const s = openPasswordSlot(kf, masterKey(kf, userName, password));
  if (!s) return null;
  const holder = holderOf(s.slot.pub);
  const keys = new Map<string, Buffer>();
  for (const g of kf.grants.filter((x) => x.to === holder)) {
    const k = openGrant(s.privateDer, s.slot.pub, g);
    if (k) keys.set(`${g.key}#${g.epoch}`, k);
  }
  return { holder, keys };
}

async function denied(core: Core, action: string) {
  return (await call(core, 'audit.list', { action })).items.filter((e) => e.outcome === 'denied');
}

describe('key file version 2', () => {
  it('names no user: slot ids come from name and password together, so guessing names with the file alone finds nothing', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'mat');
    await addUser(core, 'xem', 'none', 'viewer');
    const kf = keyFile(dataDir);
    // The file's words: its keys and every string value that is not a base64 or hex blob (random
    // blobs can hold any three letters, "…Cxem…", by chance).
    const words: string[] = [];
    JSON.parse(readFileSync(join(dataDir, KEY_FILE), 'utf8'), (key: string, value: unknown) => {
      words.push(key);
      if (typeof value === 'string' && !/^[A-Za-z0-9+/=]{16,}$/.test(value)) words.push(value);
      return value;
    });
    const ids = new Set(kf.slots.map((s) => s.id));
    expect(kf.slots).toHaveLength(3);
    for (const name of ['admin', 'vanthu', 'xem']) {
      expect(words.filter((w) => w.includes(name))).toEqual([]);
      // No function of the public data (the salt, the parameters) maps a name to a slot: not the
      // keyed hash of version 1, not the master key of a guessed or empty password.
      const salt = Buffer.from(kf.vaultSalt, 'base64');
      const v1 = createHmac('sha256', salt).update(`user:${name}`).digest('hex').slice(0, 32);
      expect(ids.has(v1)).toBe(false);
      for (const guess of ['', 'password', name, ADMIN_PASSWORD.slice(0, -1)])
        expect(ids.has(slotIdOf(masterKey(kf, name, guess)))).toBe(false);
    }
    // The right pair finds its slot; the same password with another (existing) name does not.
    expect(ids.has(slotIdOf(masterKey(kf, 'vanthu', USER_PASSWORD)))).toBe(true);
    expect(ids.has(slotIdOf(masterKey(kf, 'xem2', USER_PASSWORD)))).toBe(false);
    expect(ids.has(slotIdOf(masterKey(kf, 'admin', USER_PASSWORD)))).toBe(false);
    // Grants are addressed to public-key hashes, which name no one either.
    expect(new Set(kf.grants.map((g) => g.to)).size).toBe(4); // three users and the recovery key
  });

  it('a password yields only the keys of its clearance: the data key, levels up to it, the audit key for administrators', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'mat');
    await addUser(core, 'xem', 'none', 'viewer');
    const kf = keyFile(dataDir);
    const names = (u: string, p: string) => [...(keysOpenedBy(kf, u, p)?.keys.keys() ?? [])].sort();
    expect(names('xem', USER_PASSWORD)).toEqual(['data#1']);
    expect(names('vanthu', USER_PASSWORD)).toEqual(['data#1', 'mat#1']);
    expect(names('admin', ADMIN_PASSWORD)).toEqual([
      'audit#1',
      'data#1',
      'mat#1',
      'toi-mat#1',
      'tuyet-mat#1',
    ]);
    expect(keysOpenedBy(kf, 'xem', ADMIN_PASSWORD)).toBeNull();
  });

  it('disabling a user removes their slot and grants at once and rotates the level keys they held', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'toi-mat');
    await addUser(core, 'xem', 'none', 'viewer');
    const before = keyFile(dataDir);
    const old = keysOpenedBy(before, 'vanthu', USER_PASSWORD)!;
    const r = await call(core, 'users.update', { userName: 'vanthu', disabled: true });
    expect(r.disabled).toBe(true);
    const after = keyFile(dataDir);
    // One slot fewer: the file does not show that a disabled user exists.
    expect(after.slots).toHaveLength(2);
    expect(after.grants.some((g) => g.to === old.holder)).toBe(false);
    expect(keysOpenedBy(after, 'vanthu', USER_PASSWORD)).toBeNull();
    // The Mật and Tối mật keys have a new epoch; the old key opens none of the new grants or the
    // retired chain upwards; Tuyệt mật, which they never held, keeps its key.
    expect(after.epochs).toMatchObject({ mat: 2, 'toi-mat': 2, 'tuyet-mat': 1, data: 1 });
    const admin = keysOpenedBy(after, 'admin', ADMIN_PASSWORD)!;
    expect(admin.keys.has('mat#2') && admin.keys.has('toi-mat#2')).toBe(true);
    expect(admin.keys.get('mat#2')!.equals(old.keys.get('mat#1')!)).toBe(false);
    // The removed user's slot is gone, but even with their old private key (from an old copy of
    // the file) no grant of the new file opens.
    const oldSlot = openPasswordSlot(before, masterKey(before, 'vanthu', USER_PASSWORD))!;
    for (const g of after.grants) expect(openGrant(oldSlot.privateDer, oldSlot.slot.pub, g)).toBeNull();
    await call(core, 'vault.lock', {});
    expect((await failure(core, 'vault.unlock', { userName: 'vanthu', password: USER_PASSWORD })).code).toBe(
      'WRONG_CREDENTIALS',
    );
  });

  it('lowering a clearance removes the grants above it and rotates those keys', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'tuyet-mat');
    await call(core, 'users.update', { userName: 'vanthu', clearance: 'mat' });
    const kf = keyFile(dataDir);
    expect(kf.epochs).toMatchObject({ mat: 1, 'toi-mat': 2, 'tuyet-mat': 2 });
    const mine = keysOpenedBy(kf, 'vanthu', USER_PASSWORD)!;
    expect([...mine.keys.keys()].sort()).toEqual(['data#1', 'mat#1']);
    await switchTo(core, 'vanthu');
    expect((await call(core, 'vault.status', {})).user?.clearance).toBe('mat');
  });

  it('an uncleared administrator cannot grant Mật, not even to themself (FORBIDDEN, audited); the recovery key can', async () => {
    const { core, recoveryKey } = await setupCore();
    await addUser(core, 'admin2', 'none', 'admin');
    await addUser(core, 'vanthu', 'none');
    await switchTo(core, 'admin2');
    expect(
      (
        await failure(core, 'users.create', {
          userName: 'mat1',
          fullName: 'Người Mật',
          role: 'clerk',
          clearance: 'mat',
          password: USER_PASSWORD,
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect((await failure(core, 'users.update', { userName: 'vanthu', clearance: 'mat' })).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(core, 'users.update', { userName: 'admin2', clearance: 'toi-mat' })).code).toBe(
      'FORBIDDEN',
    );
    const list = await call(core, 'users.list', {});
    expect(list.find((u) => u.userName === 'vanthu')?.clearance).toBe('none');
    expect(list.find((u) => u.userName === 'mat1')).toBeUndefined();
    expect((await denied(core, 'users.create')).map((e) => e.details)).toEqual([
      { clearance: 'mat', lackingKeys: ['mat'] },
    ]);
    expect((await denied(core, 'users.update')).map((e) => e.targetId).sort()).toEqual(['admin2', 'vanthu']);
    // Lowering or other edits need no key.
    await call(core, 'users.update', { userName: 'vanthu', fullName: 'Văn Thư' });

    // The recovery key holds every key: a session opened with it can grant any clearance.
    await call(core, 'vault.lock', {});
    await call(core, 'vault.recover', {
      recoveryKey,
      userName: 'admin2',
      newPassword: 'khoi-phuc-mat-khau-2',
    });
    // One's own clearance: the recovery key is given with the change (or a second administrator).
    const raised = await call(core, 'users.update', { userName: 'admin2', clearance: 'mat', recoveryKey });
    expect(raised).toMatchObject({ clearance: 'mat', pendingClearance: false });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin2', password: 'khoi-phuc-mat-khau-2' });
    expect((await call(core, 'vault.status', {})).user?.clearance).toBe('mat');
  });

  it('a reset password gives a new key pair with the keys the resetting administrator holds', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'mat');
    await call(core, 'users.resetPassword', { userName: 'vanthu', newPassword: 'reset-password-1' });
    const kf = keyFile(dataDir);
    expect(kf.slots).toHaveLength(2);
    expect(keysOpenedBy(kf, 'vanthu', USER_PASSWORD)).toBeNull();
    expect([...keysOpenedBy(kf, 'vanthu', 'reset-password-1')!.keys.keys()].sort()).toEqual([
      'data#1',
      'mat#1',
    ]);
  });
});

const FIXTURE = join(process.cwd(), 'tests', 'fixtures', 'vault-v1');
const V1_RECOVERY = (JSON.parse(readFileSync(`${FIXTURE}.json`, 'utf8')) as { recoveryKey: string })
  .recoveryKey;

function v1Copy(): string {
  const dir = tempDir();
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('upgrade of a version 1 vault', () => {
  it('at the first sign-in of an administrator: keys per level, a new recovery key, other users converted at their next sign-in', async () => {
    const dir = v1Copy();
    const core = openCore(dir);
    // A non-administrator before the upgrade signs in as before.
    await call(core, 'vault.unlock', { userName: 'vanthu', password: USER_PASSWORD });
    expect(readKeyFile(join(dir, KEY_FILE))?.format).toBe('ttll-vault/1');
    await call(core, 'vault.lock', {});

    const admin = await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(admin.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const kf = keyFile(dir);
    expect(kf.slots).toHaveLength(1);
    // vanthu and xem keep their version 1 slots until they sign in; the disabled user's is gone.
    expect(kf.legacySlots).toHaveLength(2);
    expect(existsSync(join(dir, NEXT_KEY_FILE))).toBe(false);
    const upgraded = (await call(core, 'audit.list', { action: 'vault.upgrade' })).items;
    expect(upgraded).toHaveLength(1);
    expect(upgraded[0]?.details).toMatchObject({ disabledSlotsRemoved: 1, legacySlotsKept: 2 });
    let users = await call(core, 'users.list', {});
    expect(users.map((u) => [u.userName, u.pendingClearance])).toEqual([
      ['admin', false],
      ['cu', false],
      ['vanthu', true],
      ['xem', false],
    ]);

    // vanthu signs in: converted, but reads as uncleared until an administrator confirms.
    await switchTo(core, 'vanthu');
    expect((await call(core, 'vault.status', {})).user?.clearance).toBe('none');
    expect(keyFile(dir).legacySlots).toHaveLength(1);
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    users = await call(core, 'users.list', {});
    expect(users.find((u) => u.userName === 'vanthu')?.pendingClearance).toBe(true);
    const confirmed = await call(core, 'users.update', { userName: 'vanthu' });
    expect(confirmed.pendingClearance).toBe(false);
    await switchTo(core, 'vanthu');
    expect((await call(core, 'vault.status', {})).user?.clearance).toBe('mat');

    // The old recovery key no longer opens the vault; the new one does, with every key.
    await call(core, 'vault.lock', {});
    expect(
      (
        await failure(core, 'vault.recover', {
          recoveryKey: V1_RECOVERY,
          userName: 'admin',
          newPassword: 'mat-khau-khoi-phuc-8',
        })
      ).code,
    ).toBe('WRONG_CREDENTIALS');
    await call(core, 'vault.recover', {
      recoveryKey: admin.recoveryKey!,
      userName: 'admin',
      newPassword: 'mat-khau-khoi-phuc-9',
    });
    core.close();
  });

  for (const point of ['upgrade-after-next', 'upgrade-after-commit'] as const) {
    it(`a crash at ${point} leaves the old or the new state, never half`, async () => {
      const dir = v1Copy();
      const run = spawnSync(
        TSX,
        [
          join(process.cwd(), 'tests', 'helpers', 'unlockWorker.ts'),
          JSON.stringify({ dataDir: dir, userName: 'admin', password: ADMIN_PASSWORD }),
        ],
        { env: { ...process.env, TTLL_TEST_CRASH_AT: point }, encoding: 'utf8' },
      );
      // Killed (tsx reports its child's SIGKILL as 128 + 9).
      expect(run.signal === 'SIGKILL' || run.status === 137).toBe(true);
      // The new key file waits beside the old one.
      expect(readKeyFile(join(dir, KEY_FILE))?.format).toBe('ttll-vault/1');
      expect(readKeyFile(join(dir, NEXT_KEY_FILE))?.format).toBe('ttll-vault/2');

      const core = openCore(dir);
      // Any user's sign-in settles it: before the commit, the .next file is dropped (still
      // version 1); after it, promoted (version 2, the user converted).
      await call(core, 'vault.unlock', { userName: 'xem', password: USER_PASSWORD });
      expect(existsSync(join(dir, NEXT_KEY_FILE))).toBe(false);
      expect(readKeyFile(join(dir, KEY_FILE))?.format).toBe(
        point === 'upgrade-after-next' ? 'ttll-vault/1' : 'ttll-vault/2',
      );
      await call(core, 'vault.lock', {});
      const admin = await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
      // Either way the administrator ends on version 2 with a recovery key shown once.
      expect(admin.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
      expect(keyFile(dir).pendingRecoveryKey).toBeUndefined();
      expect((await call(core, 'audit.list', { action: 'vault.upgrade' })).items).toHaveLength(1);
      await call(core, 'vault.lock', {});
      const again = await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
      expect(again.recoveryKey).toBeUndefined();
      await call(core, 'vault.lock', {});
      await call(core, 'vault.recover', {
        recoveryKey: admin.recoveryKey!,
        userName: 'admin',
        newPassword: 'mat-khau-khoi-phuc-7',
      });
      core.close();
    });
  }
});

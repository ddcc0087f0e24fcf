import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeyFile, writeKeyFile } from '../../src/main/core/vault/keyfile';
import { DB_FILE, KEY_FILE } from '../../src/main/core/vault/dataFolder';
import { ADMIN_PASSWORD, call, failure, openCore, setupCore, tempDir, TEST_OFFICE } from '../helpers/core';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('vault', () => {
  it('sets up once, shows a recovery key, and refuses a second setup', async () => {
    const { core, recoveryKey } = await setupCore();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const status = await call(core, 'vault.status', {});
    expect(status.state).toBe('unlocked');
    expect(status.office?.code).toBe('SKHCN');
    const again = await failure(core, 'vault.setup', {
      office: TEST_OFFICE,
      admin: { userName: 'x1', fullName: 'X', password: 'another-password' },
    });
    expect(again.code).toBe('ALREADY_INITIALIZED');
  });

  it('locks (drops the key), refuses a wrong password, unlocks with the right one', async () => {
    const { core } = await setupCore();
    await call(core, 'vault.lock', {});
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
    expect((await failure(core, 'contacts.list', {})).code).toBe('LOCKED');
    expect(
      (await failure(core, 'vault.unlock', { userName: 'admin', password: 'wrong-password' })).code,
    ).toBe('WRONG_CREDENTIALS');
    expect((await failure(core, 'vault.unlock', { userName: 'nobody', password: ADMIN_PASSWORD })).code).toBe(
      'WRONG_CREDENTIALS',
    );
    const user = await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(user.role).toBe('admin');
  });

  it('records failed logins made while locked once unlocked, with no readable trace on disk', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-number-one' });
    const sealed = readFileSync(join(dataDir, 'locked-events.sealed'), 'utf8');
    expect(sealed).not.toContain('admin');
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const log = await call(core, 'audit.list', { action: 'vault.login' });
    const failed = log.items.filter((e) => e.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.actor).toBe('admin');
  });

  it('recovers with the recovery key and sets a new password; the old one stops working', async () => {
    const dir = (await setupCore()).dataDir;
    const { core: c2, recoveryKey } = { core: openCore(dir), recoveryKey: '' };
    expect(recoveryKey).toBe('');
    await c2.close();
    // A fresh core on the same folder is locked.
    const core = openCore(dir);
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
    expect(
      (
        await failure(core, 'vault.recover', {
          recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
          userName: 'admin',
          newPassword: 'mat-khau-moi-khoi-phuc',
        })
      ).code,
    ).toBe('WRONG_CREDENTIALS');
  });

  it('recovery key typed in lower case with spaces still works', async () => {
    const { core, recoveryKey } = await setupCore();
    await call(core, 'vault.lock', {});
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    await call(core, 'vault.recover', {
      recoveryKey: typed,
      userName: 'admin',
      newPassword: 'brand-new-pass',
    });
    await call(core, 'vault.lock', {});
    expect((await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'WRONG_CREDENTIALS',
    );
    await call(core, 'vault.unlock', { userName: 'admin', password: 'brand-new-pass' });
  });

  it('changing a password re-wraps the key only: the database file is not rewritten', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    const before = sha(join(dataDir, DB_FILE));
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(
      (
        await failure(core, 'vault.changePassword', {
          currentPassword: 'not-it-at-all',
          newPassword: 'second-password',
        })
      ).code,
    ).toBe('WRONG_CREDENTIALS');
    await call(core, 'vault.changePassword', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'second-password',
    });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: 'second-password' });
    await call(core, 'vault.lock', {});
    // Only audit rows were added: the key itself (and so the page encryption) is unchanged.
    const kf = readKeyFile(join(dataDir, KEY_FILE));
    expect(kf?.format === 'ttll-vault/2' && kf.slots).toHaveLength(1);
    expect(before).not.toBe(''); // file existed and opened with the same key throughout
  });

  it('a wrap moved onto another user slot does not open (slots are bound to their user)', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'users.create', {
      userName: 'viewer1',
      fullName: 'Người Xem',
      role: 'viewer',
      clearance: 'none',
      password: 'viewer-password',
    });
    await call(core, 'vault.lock', {});
    const path = join(dataDir, KEY_FILE);
    const kf = readKeyFile(path)!;
    if (kf.format !== 'ttll-vault/2') throw new Error('expected a version 2 key file');
    const [a, b] = kf.slots;
    // Swap the wrapped private keys (and public keys) between admin and viewer, keeping the ids.
    writeKeyFile(path, {
      ...kf,
      slots: kf.slots.map((s) => (s === a ? { ...b!, id: a!.id } : s === b ? { ...a!, id: b!.id } : s)),
    });
    expect((await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'WRONG_CREDENTIALS',
    );
    expect(
      (await failure(core, 'vault.unlock', { userName: 'viewer1', password: 'viewer-password' })).code,
    ).toBe('WRONG_CREDENTIALS');
  });

  it('enforces roles in the core: a viewer cannot write or manage users, and the denial is audited', async () => {
    const { core } = await setupCore();
    await call(core, 'users.create', {
      userName: 'viewer1',
      fullName: 'Người Xem',
      role: 'viewer',
      clearance: 'none',
      password: 'viewer-password',
    });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'viewer1', password: 'viewer-password' });
    await call(core, 'vault.changePassword', {
      currentPassword: 'viewer-password',
      newPassword: 'viewer-password-2',
    });
    expect((await failure(core, 'contacts.save', { fullName: 'Không Được Lưu' })).code).toBe('FORBIDDEN');
    expect((await failure(core, 'users.list', {})).code).toBe('FORBIDDEN');
    expect((await call(core, 'contacts.list', {})).total).toBe(0);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const denied = (await call(core, 'audit.list', {})).items.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action)).toEqual(['audit.denied', 'audit.denied']);
    expect(denied.map((e) => e.targetId).sort()).toEqual(['contacts.save', 'users.list']);
  });

  it('a disabled user cannot log in; the last admin cannot be demoted', async () => {
    const { core, recoveryKey } = await setupCore();
    await call(core, 'users.create', {
      userName: 'clerk1',
      fullName: 'Văn Thư',
      role: 'clerk',
      clearance: 'mat',
      password: 'clerk-password',
    });
    await call(core, 'users.update', { userName: 'clerk1', disabled: true });
    // Even with the recovery key (one's own role otherwise needs a second administrator).
    expect(
      (await failure(core, 'users.update', { userName: 'admin', role: 'viewer', recoveryKey })).code,
    ).toBe('CONFLICT');
    await call(core, 'vault.lock', {});
    // Disabling removed the user's slot: their password finds nothing, like a wrong one.
    expect(
      (await failure(core, 'vault.unlock', { userName: 'clerk1', password: 'clerk-password' })).code,
    ).toBe('WRONG_CREDENTIALS');
  });

  it('admin resets a forgotten password', async () => {
    const { core } = await setupCore();
    await call(core, 'users.create', {
      userName: 'coord1',
      fullName: 'Chuyên Viên',
      role: 'coordinator',
      clearance: 'none',
      password: 'first-password',
    });
    await call(core, 'users.resetPassword', { userName: 'coord1', newPassword: 'reset-password' });
    await call(core, 'vault.lock', {});
    // Set by the administrator: due for a change at this sign-in.
    expect(
      (await call(core, 'vault.unlock', { userName: 'coord1', password: 'reset-password' }))
        .mustChangePassword,
    ).toBe(true);
  });

  it('a damaged database file gives DB_DAMAGED and is never overwritten', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    const file = join(dataDir, DB_FILE);
    const bytes = readFileSync(file);
    bytes.fill(0x41, 100, 4096 * 2); // scribble over the first pages
    writeFileSync(file, bytes);
    const before = sha(file);
    const err = await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(err.code).toBe('DB_DAMAGED');
    const status = await call(core, 'vault.status', {});
    expect(status.state).toBe('damaged');
    expect(sha(file)).toBe(before);
  });

  it('damage in the middle of the file (first pages intact) gives DB_DAMAGED, file untouched', async () => {
    const { core, dataDir } = await setupCore();
    // Enough rows with long notes that the file has many data pages to hit.
    for (let i = 0; i < 150; i++) {
      await call(core, 'contacts.save', { fullName: `Người Thử ${i}`, notes: `ghi chú ${i} `.repeat(150) });
    }
    core.close();
    const original = readFileSync(join(dataDir, DB_FILE));
    expect(original.length).toBeGreaterThan(100 * 4096);
    // Several spots: depending on the page hit, SQLite reports the damage or throws.
    for (const at of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      const dir = tempDir();
      cpSync(dataDir, dir, { recursive: true });
      const file = join(dir, DB_FILE);
      const bytes = Buffer.from(original);
      bytes.fill(0x41, Math.floor(bytes.length * at), Math.floor(bytes.length * at) + 256);
      writeFileSync(file, bytes);
      const before = sha(file);
      const reopened = openCore(dir);
      const err = await failure(reopened, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
      expect(err.code, `damage at ${at}`).toBe('DB_DAMAGED');
      expect((await call(reopened, 'vault.status', {})).state).toBe('damaged');
      reopened.close();
      expect(sha(file)).toBe(before);
    }
  });

  it('a foreign SQLite file in place of the vault is reported, not used', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    writeFileSync(join(dataDir, DB_FILE), Buffer.from('SQLite format 3\0' + 'x'.repeat(5000)));
    expect((await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'DB_DAMAGED',
    );
  });

  it('rejects bad input at the boundary with VALIDATION and field paths', async () => {
    const core = openCore();
    const err = await failure(core, 'vault.setup', {
      office: { ...TEST_OFFICE, code: 'a b' },
      admin: { userName: 'A', fullName: '', password: 'short' },
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.issues?.map((i) => i.path).sort()).toEqual([
      'admin.fullName',
      'admin.password',
      'admin.userName',
      'office.code',
    ]);
    expect((await core.invoke('no.such.channel', {})).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import common from '../../resources/reference/common-passwords.json';
import { passwordIssues } from '../../src/main/core/users/passwordPolicy';
import type { WireError } from '../../src/shared/contract';
import { foldPassword, hasUserName, isLongEnough, localPasswordIssue } from '../../src/shared/password';
import { ADMIN_PASSWORD, call, failure, openCore, setupCore, TEST_OFFICE } from '../helpers/core';

/** "path:code" of each issue of a refusal, after its error code. */
const issuesOf = (e: WireError) => [e.code, ...(e.issues ?? []).map((i) => `${i.path}:${i.code ?? ''}`)];

describe('password rules (shared)', () => {
  it('12 characters or more, or a passphrase of 4 words of 2 characters or more', () => {
    expect(isLongEnough('abcdefghijk')).toBe(false);
    expect(isLongEnough('abcdefghijkl')).toBe(true);
    // Characters as people count them: NFD input counts like NFC.
    expect(isLongEnough('ệ'.normalize('NFD').repeat(12))).toBe(true);
    expect(isLongEnough('ệ'.normalize('NFD').repeat(11))).toBe(false);
    expect(isLongEnough('ăn cơm đi nè')).toBe(true); // 12 characters, 4 words
    expect(isLongEnough('ăn cơm đi em')).toBe(true);
    expect(isLongEnough('ab cd ef gh')).toBe(true); // 11 characters, 4 words
    expect(isLongEnough('ab cd ef g')).toBe(false); // 3 words of 2 or more
    expect(isLongEnough('  ab   cd  ')).toBe(false);
    expect(isLongEnough('')).toBe(false);
  });

  it('not the user name, case, diacritics and punctuation aside, nor the name and a little more', () => {
    expect(hasUserName('NGUYEN.VAN.A', 'nguyen.van.a')).toBe(true);
    expect(hasUserName('Nguyễn Văn A', 'nguyenvana')).toBe(true);
    expect(hasUserName('nguyenvana-2024!', 'nguyen.van.a')).toBe(true);
    expect(hasUserName('Admin@123456789', 'admin')).toBe(true);
    expect(hasUserName('admin-correct-horse-battery', 'admin')).toBe(false);
    expect(hasUserName('mat-khau-nguoi-xem', 'xem1')).toBe(false);
    expect(localPasswordIssue('ngắn', 'x')).toBe('password-short');
    expect(localPasswordIssue('vanthu.so.1-2026', 'vanthu.so.1')).toBe('password-username');
    expect(localPasswordIssue('bầu cử an toàn tuyệt đối', 'vanthu')).toBeNull();
  });

  it('ships a list of about a thousand common passwords, Vietnamese favourites included', () => {
    const folded = new Set(common.passwords.map(foldPassword));
    expect(folded.size).toBeGreaterThanOrEqual(1000);
    for (const p of ['123456789', 'matkhau', 'matkhau123', 'admin123', 'qwerty', 'anhyeuem', '1q2w3e4r5t6y'])
      expect(folded.has(p), p).toBe(true);
    // The core compares folded: case, diacritics, spaces and punctuation do not hide one.
    for (const p of [
      'MatKhau@123456',
      'Mật khẩu 123456',
      'một hai ba bốn',
      'Q W E R T Y U I O P 1 2 3',
      'Password1234!',
    ])
      expect(passwordIssues(p, { userName: 'vanthu' }), p).toContain('password-common');
    expect(passwordIssues('bầu cử an toàn tuyệt đối', { userName: 'vanthu' })).toEqual([]);
  });
});

describe('password rules in the core', () => {
  it('vault.setup refuses a short, common or user-name password, each with its issue code', async () => {
    const setup = (userName: string, password: string) =>
      failure(openCore(), 'vault.setup', {
        office: TEST_OFFICE,
        admin: { userName, fullName: 'Quản Trị', password, clearance: 'none' },
      });
    expect(issuesOf(await setup('admin', 'mat-khau-1'))).toEqual([
      'VALIDATION',
      'admin.password:password-short',
    ]);
    expect(issuesOf(await setup('admin', 'matkhau123456'))).toEqual([
      'VALIDATION',
      'admin.password:password-common',
    ]);
    expect(issuesOf(await setup('admin', '123456789'))).toEqual([
      'VALIDATION',
      'admin.password:password-short',
    ]);
    expect(issuesOf(await setup('nguyen.van.a', 'Nguyễn-Văn-A-2026'))).toEqual([
      'VALIDATION',
      'admin.password:password-username',
    ]);
    // A passphrase of four words is long enough.
    const core = openCore();
    await call(core, 'vault.setup', {
      office: TEST_OFFICE,
      admin: { userName: 'admin', fullName: 'Quản Trị', password: 'gió mùa đông bắc', clearance: 'none' },
    });
  });

  it('users.create and users.resetPassword check the rules for the user being given the password', async () => {
    const { core } = await setupCore();
    const create = (userName: string, password: string) =>
      failure(core, 'users.create', {
        userName,
        fullName: 'Văn Thư',
        role: 'clerk',
        clearance: 'none',
        password,
      });
    expect(issuesOf(await create('vanthu', 'qwertyuiop123'))).toEqual([
      'VALIDATION',
      'password:password-common',
    ]);
    // Too short is refused at the contract, before the other rules.
    expect(issuesOf(await create('vanthu', 'Vanthu@2027'))).toEqual([
      'VALIDATION',
      'password:password-short',
    ]);
    expect(issuesOf(await create('vanthu', 'vanthu-so-khcn'))).toEqual([
      'VALIDATION',
      'password:password-username',
    ]);
    expect((await call(core, 'users.list', {})).map((u) => u.userName)).toEqual(['admin']);
    await call(core, 'users.create', {
      userName: 'vanthu',
      fullName: 'Văn Thư',
      role: 'clerk',
      clearance: 'none',
      password: 'lúa chín vàng đồng',
    });
    const reset = (newPassword: string) =>
      failure(core, 'users.resetPassword', { userName: 'vanthu', newPassword });
    expect(issuesOf(await reset('abc'))).toEqual(['VALIDATION', 'newPassword:password-short']);
    expect(issuesOf(await reset('Password@123456'))).toEqual(['VALIDATION', 'newPassword:password-common']);
    expect(issuesOf(await reset('VANTHU1234567'))).toEqual(['VALIDATION', 'newPassword:password-username']);
  });

  it('vault.changePassword refuses the current password again, and the other rules', async () => {
    const { core } = await setupCore();
    const change = (newPassword: string) =>
      failure(core, 'vault.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword });
    expect(issuesOf(await change(ADMIN_PASSWORD))).toEqual(['VALIDATION', 'newPassword:password-reused']);
    expect(issuesOf(await change('MAT KHAU QUAN TRI 1'))).toEqual([
      'VALIDATION',
      'newPassword:password-reused',
    ]);
    expect(issuesOf(await change('iloveyou1234'))).toEqual(['VALIDATION', 'newPassword:password-common']);
    expect(issuesOf(await change('admin-2027x'))).toEqual(['VALIDATION', 'newPassword:password-short']);
    expect(issuesOf(await change('admin-nam-2027'))).toEqual(['VALIDATION', 'newPassword:password-username']);
    // A wrong current password is still answered first, as before.
    expect(
      (
        await failure(core, 'vault.changePassword', {
          currentPassword: 'not-the-password',
          newPassword: 'abc',
        })
      ).code,
    ).toBe('VALIDATION');
    expect(
      (
        await failure(core, 'vault.changePassword', {
          currentPassword: 'not-the-password',
          newPassword: ADMIN_PASSWORD,
        })
      ).code,
    ).toBe('WRONG_CREDENTIALS');
    // Nothing changed: the old password still opens.
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
  });

  it('vault.recover refuses a weak new password before touching the session', async () => {
    const { core, recoveryKey } = await setupCore();
    const weak = await failure(core, 'vault.recover', {
      recoveryKey,
      userName: 'admin',
      newPassword: 'admin12345678',
    });
    expect(issuesOf(weak)).toEqual(['VALIDATION', 'newPassword:password-username']);
    const common = await failure(core, 'vault.recover', {
      recoveryKey,
      userName: 'admin',
      newPassword: 'anh yêu em nhiều',
    });
    expect(issuesOf(common)).toEqual(['VALIDATION', 'newPassword:password-common']);
    expect((await call(core, 'vault.status', {})).state).toBe('unlocked');
    await call(core, 'vault.recover', {
      recoveryKey,
      userName: 'admin',
      newPassword: 'sông Lam nước trong xanh',
    });
  });
});

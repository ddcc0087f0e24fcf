import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/core';

const cli = runCli;

describe('CLI over the same handlers', () => {
  it('sets up, adds a user, imports, searches, verifies, backs up and restores', () => {
    const dir = tempDir('ttll-cli-');
    const init = cli(dir, [
      'init',
      '--office-code',
      'SKHCN',
      '--office-name',
      'Sở Thử Nghiệm',
      '--admin',
      'admin',
      '--clearance',
      'toi-mat',
    ]);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/RECOVERY KEY[^\n]*\n([0-9A-Z]{4}-){7}[0-9A-Z]{4}/);

    const add = cli(dir, ['users', 'add', '--name', 'clerk1', '--role', 'clerk', '--clearance', 'mat'], {
      TTLL_NEW_PASSWORD: 'clerk-password-1',
    });
    expect(add.code, add.err).toBe(0);

    const csv = join(dir, 'contacts.csv');
    writeFileSync(
      csv,
      'Họ và tên;Số điện thoại;Cơ quan\nNguyễn Văn Đức;0912 000 111;Viễn thông Thử\nSai Số;999;X\n',
    );
    const imp = cli(dir, ['contacts', 'import', csv]);
    expect(imp.code, imp.err).toBe(0);
    expect(imp.err).toMatch(/line 3: invalid: bad-phone \(999\)/);
    expect(imp.out).toMatch(/Imported 1 contacts/);

    // The administrator set clerk1's password: clerk1 must change it before anything else.
    const asClerk = { TTLL_PASSWORD: 'clerk-password-1' };
    const early = cli(dir, ['--user', 'clerk1', 'contacts', 'list'], asClerk);
    expect(early.code).toBe(1);
    expect(early.err.trim()).toBe(
      'error: the password of clerk1 was set by an administrator: change it first (users change-password)',
    );
    const changed = cli(dir, ['--user', 'clerk1', 'users', 'change-password'], {
      ...asClerk,
      TTLL_NEW_PASSWORD: 'clerk-password-2',
    });
    expect(changed.code, changed.err).toBe(0);
    expect(changed.out.trim()).toBe('Password changed');

    const search = cli(dir, ['--user', 'clerk1', 'contacts', 'search', 'nguyen van duc', '--json'], {
      TTLL_PASSWORD: 'clerk-password-2',
    });
    expect(search.code, search.err).toBe(0);
    const found = JSON.parse(search.out) as { fullName: string; phones: string[] }[];
    expect(found.map((c) => [c.fullName, c.phones])).toEqual([['Nguyễn Văn Đức', ['0912000111']]]);

    const list = cli(dir, ['contacts', 'list', '--json']);
    expect(JSON.parse(list.out)).toHaveLength(1);

    expect(cli(dir, ['audit', 'verify']).out).toMatch(/Audit chain intact: \d+ entries/);

    const bak = cli(dir, ['backup', 'create', join(dir, 'usb')]);
    expect(bak.code, bak.err).toBe(0);
    const file = /Backup written: (\S+)/.exec(bak.out)?.[1];
    expect(file).toBeTruthy();
    const res = cli(dir, ['backup', 'restore', file!]);
    expect(res.code, res.err).toBe(0);
  });

  it('exits non-zero with a one-line reason on a wrong password, a forbidden act, or bad usage', () => {
    const dir = tempDir('ttll-cli-');
    cli(dir, ['init', '--office-code', 'XA', '--office-name', 'UBND xã Thử', '--admin', 'admin']);
    const wrong = cli(dir, ['contacts', 'list'], { TTLL_PASSWORD: 'not-the-password' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.err.trim()).toBe('error: WRONG_CREDENTIALS: Wrong user name or password');
    cli(dir, ['users', 'add', '--name', 'v1', '--role', 'viewer', '--clearance', 'none'], {
      TTLL_NEW_PASSWORD: 'viewer-password',
    });
    const weak = cli(dir, ['--user', 'v1', 'users', 'change-password'], {
      TTLL_PASSWORD: 'viewer-password',
      TTLL_NEW_PASSWORD: 'matkhau123456',
    });
    expect(weak.code).toBe(1);
    expect(weak.err.trim()).toBe('error: VALIDATION: newPassword: is one of the commonest passwords');
    cli(dir, ['--user', 'v1', 'users', 'change-password'], {
      TTLL_PASSWORD: 'viewer-password',
      TTLL_NEW_PASSWORD: 'viewer-password-2',
    });
    const forbidden = cli(dir, ['--user', 'v1', 'users', 'list'], { TTLL_PASSWORD: 'viewer-password-2' });
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toMatch(/FORBIDDEN/);
    expect(cli(dir, ['users', 'add', '--name', 'x']).code).toBe(1);
    expect(cli(dir, []).code).toBe(2);
  });
});

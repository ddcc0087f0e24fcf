import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ADMIN_PASSWORD, initCliDataDir, runCli } from '../helpers/cli';
import { call, openCore } from '../helpers/core';

const cli = runCli;

describe('CLI document registry', () => {
  it('registers, lists and searches as the given user, with that user clearance', () => {
    const dir = initCliDataDir('ttll-cli-docs-', ['--clearance', 'mat']);
    const add = cli(dir, ['users', 'add', '--name', 'viewer1', '--role', 'viewer', '--clearance', 'none'], {
      TTLL_NEW_PASSWORD: 'viewer-password-1',
    });
    expect(add.code, add.err).toBe(0);

    const file = join(dir, 'doc.json');
    writeFileSync(
      file,
      JSON.stringify({
        direction: 'in',
        level: 'mat',
        type: 'QĐ',
        symbol: '15/QĐ-UBND',
        date: '2026-05-04',
        sender: 'UBND tỉnh Điện Biên',
        summary: 'Quyết định thành lập Ban bầu cử tỉnh Điện Biên',
      }),
    );
    const reg = cli(dir, ['docs', 'register', '--json', file]);
    expect(reg.code, reg.err).toBe(0);
    expect(JSON.parse(reg.out)).toMatchObject({ entry: { register: 'secret-in', number: 1 } });
    // Saved by Notepad: UTF-8 with a byte-order mark.
    writeFileSync(
      file,
      '\uFEFF' +
        JSON.stringify({ direction: 'out', type: 'KH', date: '2026-05-05', recipients: ['Sở Nội vụ'] }),
    );
    const out = cli(dir, ['docs', 'register', '--json', file]);
    expect(JSON.parse(out.out)).toMatchObject({ entry: { register: 'out', symbol: '01/KH-SKHCN' } });

    const found = cli(dir, ['docs', 'search', 'quyet dinh dien bien', '--json']);
    expect(found.code, found.err).toBe(0);
    expect((JSON.parse(found.out) as unknown[]).length).toBe(1);

    const first = cli(dir, ['--user', 'viewer1', 'users', 'change-password'], {
      TTLL_PASSWORD: 'viewer-password-1',
      TTLL_NEW_PASSWORD: 'viewer-password-2',
    });
    expect(first.code, first.err).toBe(0);
    const asViewer = { TTLL_PASSWORD: 'viewer-password-2' };
    const hidden = cli(
      dir,
      ['--user', 'viewer1', 'docs', 'search', 'quyet dinh dien bien', '--json'],
      asViewer,
    );
    expect(JSON.parse(hidden.out)).toEqual([]);
    const list = cli(dir, ['--user', 'viewer1', 'docs', 'list', '--json'], asViewer);
    const items = JSON.parse(list.out) as { restricted: boolean; summary: string | null }[];
    expect(items).toHaveLength(2);
    expect(items.filter((d) => d.restricted).map((d) => d.summary)).toEqual([null]);
  });
});

describe('CLI docs list --json', () => {
  it('is audited when it prints classified text', async () => {
    const dir = initCliDataDir('ttll-cli-docs-audit-', ['--clearance', 'mat']);
    const file = join(dir, 'doc.json');
    writeFileSync(file, JSON.stringify({ direction: 'in', level: 'mat', type: 'CV', date: '2026-05-04' }));
    const reg = cli(dir, ['docs', 'register', '--json', file]);
    const id = (JSON.parse(reg.out) as { entry: { id: string } }).entry.id;
    expect(cli(dir, ['docs', 'list', '--json']).code).toBe(0);
    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: CLI_ADMIN_PASSWORD });
    const audit = await call(core, 'audit.list', { action: 'docs.viewList' });
    expect(audit.items.map((e) => [e.actor, e.targetId, e.details.ids])).toEqual([
      ['admin', 'docs.list', [id]],
    ]);
    core.close();
  });
});

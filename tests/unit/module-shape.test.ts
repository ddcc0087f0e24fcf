import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModuleContract, EDITORS } from '../../src/shared/contract';
import { runCli } from '../../src/cli/run';
import { defineCli } from '../../src/main/core/cliCommand';
import { sharedRecordColumns, SHARED_RECORD_SQL } from '../../src/main/core/db/sharedRecord';
import { sharedTable } from '../../src/main/core/db/tablePolicy';
import { defineHandlers } from '../../src/main/core/handler';
import { defineModule } from '../../src/main/core/module';
import { buildRegistry } from '../../src/main/core/moduleRegistry';
import { MODULES } from '../../src/main/core/modules';
import { insertRecord, recordTable, writerOf } from '../../src/main/core/db/recordKernel';
import { Core } from '../../src/main/core/app';
import { ADMIN_PASSWORD, call, failure, openCore, setupCore, tempDir } from '../helpers/core';

// A module declared entirely here: one table, two channels, one audit action, one CLI command.
// Nothing outside this file and the module list passed to the core knows about it.
const memoContract = defineModuleContract({
  key: 'memo',
  channels: {
    'memo.add': {
      input: z.object({ text: z.string().min(1).max(200) }),
      output: z.object({ id: z.string() }),
      access: EDITORS,
    },
    'memo.list': { input: z.object({}), output: z.array(z.string()), access: 'signed-in' },
  },
  auditActions: ['memo.add'],
});
const memoNotes = sqliteTable('memo_notes', { ...sharedRecordColumns(), body: text('body').notNull() });
const MEMO_RECORDS = recordTable(memoNotes, sharedTable('up'), 'memo');
const memoModule = defineModule({
  contract: memoContract,
  handlers: defineHandlers(memoContract)({
    'memo.add': {
      run: (ctx, input) =>
        ctx.tx(() => {
          const row = insertRecord(ctx.db, MEMO_RECORDS, { body: input.text }, writerOf(ctx));
          ctx.audit({ action: 'memo.add', targetType: 'memo', targetId: row.id, details: {} });
          return { id: row.id };
        }),
    },
    'memo.list': {
      run: (ctx) =>
        (ctx.db.prepare('SELECT body FROM memo_notes ORDER BY id').all() as { body: string }[]).map(
          (r) => r.body,
        ),
    },
  }),
  migrations: [{ step: 1, sql: `CREATE TABLE memo_notes (${SHARED_RECORD_SQL}, body TEXT NOT NULL);` }],
  tables: [MEMO_RECORDS],
  cli: defineCli([
    {
      name: 'memo add',
      usage: 'memo add TEXT                   add a memo',
      async run(io, a) {
        const r = (await io.invoke('memo.add', { text: a.args.join(' ') })) as { id: string };
        io.out(`memo ${r.id}`);
        return 0;
      },
    },
  ]),
});
const withMemo = [...MODULES, memoModule];

describe('a module declares itself', () => {
  it('is served by the core: its schema step, channels with their roles, and audit action', async () => {
    const dataDir = tempDir();
    const memoCore = Core.open({ dataDir, kdfTargetMs: 50, modules: withMemo });
    await call(memoCore, 'vault.setup', {
      office: { name: 'Sở Thử', code: 'STHU', level: 'province', province: 'Thử', parentOffice: '' },
      admin: { userName: 'admin', fullName: 'Quản Trị', password: ADMIN_PASSWORD, clearance: 'none' },
    });
    const added = await memoCore.invoke('memo.add', { text: 'ghi nhớ một' });
    expect(added.ok).toBe(true);
    const listed = await memoCore.invoke('memo.list', {});
    expect(listed).toEqual({ ok: true, data: ['ghi nhớ một'] });
    // Its input contract is checked like any other.
    const bad = await memoCore.invoke('memo.add', { text: '' });
    expect(bad.ok).toBe(false);
    // The audit filter offers its action, and filtering by it finds the entry.
    expect(await call(memoCore, 'audit.actions', {})).toContain('memo.add');
    const entries = await call(memoCore, 'audit.list', { action: 'memo.add' });
    expect(entries.items.map((e) => e.action)).toEqual(['memo.add']);
    // Its roles are enforced by the core: a viewer is refused, and the refusal is audited.
    await call(memoCore, 'users.create', {
      userName: 'xem',
      fullName: 'Người Xem',
      role: 'viewer',
      clearance: 'none',
      password: 'mat-khau-nguoi-xem',
    });
    await call(memoCore, 'vault.unlock', { userName: 'xem', password: 'mat-khau-nguoi-xem' });
    await call(memoCore, 'vault.changePassword', {
      currentPassword: 'mat-khau-nguoi-xem',
      newPassword: 'mat-khau-nguoi-xem-2',
    });
    const refused = await memoCore.invoke('memo.add', { text: 'không được' });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    memoCore.close();
    // An app without the module refuses the vault rather than guess at a schema it does not know.
    const plain = openCore(dataDir);
    const r = await plain.invoke('vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(r.ok ? null : `${r.error.code}: ${r.error.message}`).toMatch(/^SCHEMA_NEWER: .*memo\/1/);
    expect((await call(plain, 'vault.status', {})).state).toBe('locked');
    plain.close();
  });

  it('is served by the CLI: its command runs and its usage is listed', async () => {
    const { core, dataDir } = await setupCore();
    core.close();
    const out: string[] = [];
    const output = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    process.env.TTLL_PASSWORD = ADMIN_PASSWORD;
    try {
      expect(
        await runCli(['--data-dir', dataDir, 'memo', 'add', 'họp', 'giao', 'ban'], {
          modules: withMemo,
          output,
        }),
      ).toBe(0);
      expect(out.join('\n')).toMatch(/^memo [0-9a-f-]{36}$/m);
      out.length = 0;
      expect(await runCli(['--help'], { modules: withMemo, output })).toBe(0);
      expect(out.join('\n')).toContain('memo add TEXT');
      out.length = 0;
      // Without the module the CLI refuses the command with a one-line reason.
      expect(await runCli(['--data-dir', dataDir, 'memo', 'add', 'x'], { output })).toBe(1);
      expect(out.join('\n')).toMatch(/Unknown command: memo add/);
    } finally {
      delete process.env.TTLL_PASSWORD;
    }
  });

  it('refuses a module that breaks the naming or declares something twice', () => {
    const wrongPrefix = defineModule({
      ...memoModule,
      contract: { ...memoContract, auditActions: ['other.add'] as unknown as readonly ['memo.add'] },
    });
    expect(() => buildRegistry([...MODULES, wrongPrefix])).toThrow(/not named after module memo/);
    expect(() => buildRegistry([...MODULES, memoModule, memoModule])).toThrow(/declared twice/);
    const gap = defineModule({ ...memoModule, migrations: [{ step: 2, sql: '' }] });
    expect(() => buildRegistry([...MODULES, gap])).toThrow(/out of order/);
    const noHandler = defineModule({
      ...memoModule,
      handlers: { 'memo.add': memoModule.handlers['memo.add'] } as typeof memoModule.handlers,
    });
    expect(() => buildRegistry([...MODULES, noHandler])).toThrow(/memo.list has no handler/);
  });

  it('keeps a channel of an unknown module out', async () => {
    const { core } = await setupCore();
    const e = await failure(core, 'memo.add' as never, {} as never);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/Unknown channel/);
  });
});

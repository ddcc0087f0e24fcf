import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { ADMIN_PASSWORD, call, setupCore } from '../helpers/core';
import { docxOf, planFixture } from '../helpers/planDocx';

// The command lines, in-process, on one data folder: ids or unique names, JSON dates as YYYY-MM-DD.
let dataDir = '';
beforeAll(async () => {
  const s = await setupCore();
  for (const [name, kind] of [
    ['Viettel Thử Nghiệm', 'telecom'],
    ['VNPT Thử Nghiệm', 'telecom'],
    ['UBND xã Đồng Mẫu', 'commune-committee'],
  ] as const)
    await call(s.core, 'contacts.orgs.save', { name, kind });
  s.core.close();
  dataDir = s.dataDir;
  process.env.TTLL_PASSWORD = ADMIN_PASSWORD;
});
afterAll(() => {
  delete process.env.TTLL_PASSWORD;
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, ...args], {
    output: { out: (t) => out.push(t), err: (t) => err.push(t) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI events, plans and tasks', () => {
  it('creates an event, a plan from a template, lists, reports progress and prints', async () => {
    const ev = await cli('events', 'create', '--name', 'Bầu cử 2026', '--key-day', '2026-03-15');
    expect(ev.code).toBe(0);
    expect(ev.out).toMatch(/^[0-9a-f-]{36}$/);
    const templates = JSON.parse((await cli('plans', 'templates', '--json')).out) as { key: string }[];
    expect(templates.map((t) => t.key)).toContain('commune-it-election');
    // Unclear roles: listed, nothing made.
    const unclear = await cli('plans', 'from-template', 'commune-it-election', '--event', 'Bầu cử 2026');
    expect(unclear.code).toBe(1);
    expect(unclear.err).toContain('role culture-office');
    const made = await cli(
      'plans',
      'from-template',
      'commune-it-election',
      '--event',
      'bau cu 2026',
      '--map',
      'culture-office=UBND xã Đồng Mẫu',
      '--force',
      '--json',
    );
    expect(made.code).toBe(0);
    expect((JSON.parse(made.out) as { taskCount: number }).taskCount).toBe(6);
    const plans = JSON.parse((await cli('plans', 'list', '--json')).out) as { id: string }[];
    expect(plans).toHaveLength(1);
    const tasks = JSON.parse(
      (await cli('tasks', 'list', '--event', ev.out, '--org', 'Viettel Thử Nghiệm', '--json')).out,
    ) as { title: string; lastDue: string }[];
    expect(tasks.map((t) => t.title)).toEqual(['Đảm bảo thông tin liên lạc phục vụ bầu cử']);
    expect(tasks[0]!.lastDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ambiguous = await cli(
      'tasks',
      'report',
      'bầu cử',
      '--status',
      'done',
      '--percent',
      '100',
      '--org',
      'Viettel',
    );
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toMatch(/matches \d+ tasks/);
    const report = await cli(
      'tasks',
      'report',
      'Triển khai chữ ký số cho các tổ chức, cá nhân',
      '--status',
      'in-progress',
      '--percent',
      '50',
      '--text',
      'Đang hướng dẫn',
      '--org',
      'UBND xã Đồng Mẫu',
      '--period',
      '2026-03-04',
      '--json',
    );
    expect(report.code).toBe(0);
    expect(JSON.parse(report.out)).toMatchObject({
      period: '2026-03-02',
      percent: 50,
      orgName: 'UBND xã Đồng Mẫu',
    });
    const overdue = JSON.parse(
      (await cli('tasks', 'list', '--event', ev.out, '--overdue', '--json')).out,
    ) as unknown[];
    expect(overdue.length).toBeGreaterThan(0);
    const docx = join(dataDir, 'plan.docx');
    expect((await cli('plans', 'print', plans[0]!.id, '--out', docx)).code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const rep = join(dataDir, 'progress.docx');
    expect(
      (await cli('reports', 'progress', '--event', ev.out, '--period', '2026-03-04', '--out', rep)).code,
    ).toBe(0);
    expect(readFileSync(rep).subarray(0, 2).toString()).toBe('PK');

    // The plan reports on the 25th of each month: the period of 04/03 runs from 25/02 to 24/03.
    const bad = await cli('plans', 'period', plans[0]!.id, '--monthly', '32');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--monthly must be a whole number 1–31');
    expect((await cli('plans', 'period', plans[0]!.id, '--every', '10')).err).toContain('--from DATE');
    const monthly = await cli('plans', 'period', plans[0]!.id, '--monthly', '25');
    expect(monthly.code).toBe(0);
    expect(monthly.out).toContain('Ngày 25 hằng tháng');
    expect((await cli('plans', 'list')).out).toContain('Ngày 25 hằng tháng');
    const dated = await cli('plans', 'period', plans[0]!.id, '--dates', '10/02/2026,25/02/2026', '--json');
    expect(JSON.parse(dated.out)).toMatchObject({
      reporting: { kind: 'dates', dates: ['2026-02-10', '2026-02-25'] },
    });
    expect((await cli('plans', 'period', plans[0]!.id, '--weekly', 'fri', '--json')).code).toBe(0);
    const friday = join(dataDir, 'friday.docx');
    expect(
      (
        await cli(
          'reports',
          'progress',
          '--event',
          ev.out,
          '--period',
          '2026-03-04',
          '--plan',
          plans[0]!.id,
          '--out',
          friday,
        )
      ).code,
    ).toBe(0);
    const xml = await (
      await JSZip.loadAsync(readFileSync(friday))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('từ ngày 27/02/2026 đến ngày 05/03/2026');
  });

  it('imports a plan from its Word file: a preview of every task, then --commit makes it', async () => {
    const ev = await cli('events', 'create', '--name', 'Bầu cử thử nhập', '--key-day', '2026-03-15');
    const file = join(dataDir, 'ke-hoach.docx');
    writeFileSync(file, await docxOf(planFixture('province-plan.txt')));
    const preview = await cli('plans', 'import', file, '--event', ev.out);
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/^05\/KH-SKHCN {2}2026-01-05 {2}Bảo đảm thông tin liên lạc/);
    expect(preview.out).toContain('4 tasks');
    expect(preview.out).toMatch(
      /lead: Các doanh nghiệp bưu chính, viễn thông \[org\d+ → (Viettel|VNPT) Thử Nghiệm, (Viettel|VNPT) Thử Nghiệm\]/,
    );
    expect(preview.out).toContain('deadline: Trước ngày 31/01/2026. → 2026-01-31');
    expect(preview.out).toMatch(/deadline: Thường xuyên\. → 2025-\d\d-\d\d … 2026-\d\d-\d\d \(\d+ dates\)/);
    expect(preview.out).toContain('product: Báo cáo tự kiểm tra');
    expect(preview.out).toMatch(/Roles to map \(--map\) or --force: org1/);
    const json = JSON.parse((await cli('plans', 'import', file, '--event', ev.out, '--json')).out) as {
      tasks: { number: string; dueDates: string[] }[];
    };
    expect(json.tasks.map((t) => t.number)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    const before = (JSON.parse((await cli('plans', 'list', '--json')).out) as unknown[]).length;
    const unclear = await cli('plans', 'import', file, '--event', ev.out, '--commit');
    expect(unclear.code).toBe(1);
    expect(unclear.err).toContain('role org1 (Trung tâm Khoa học, Công nghệ và Truyền thông');
    const made = await cli(
      'plans',
      'import',
      file,
      '--event',
      ev.out,
      '--commit',
      '--map',
      'org1=UBND xã Đồng Mẫu',
      '--force',
    );
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^[0-9a-f-]{36}$/);
    const plans = JSON.parse((await cli('plans', 'list', '--json')).out) as {
      id: string;
      taskCount: number;
    }[];
    expect(plans).toHaveLength(before + 1);
    expect(plans.find((p) => p.id === made.out)!.taskCount).toBe(5);
  });
});

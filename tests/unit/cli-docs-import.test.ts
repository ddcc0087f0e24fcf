import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vnYear } from '../../src/shared/dates';
import { initCliDataDir, runCli } from '../helpers/cli';

describe('CLI legacy register import', () => {
  it('previews, then imports with --commit; new registrations continue after the book', () => {
    const dir = initCliDataDir('ttll-cli-docs-import-');
    const year = vnYear(new Date());
    const file = join(dir, 'so-den.csv');
    writeFileSync(
      file,
      `Số đến,Ngày đến,Nơi gửi,Trích yếu,Độ mật\n` +
        `30,02/01/${year},UBND tỉnh,Sổ cũ,\n` +
        `31,31/02/${year},UBND tỉnh,Ngày sai,\n` +
        `32,03/01/${year},Công an tỉnh,Văn bản mật,Mật\n`,
    );

    const dry = runCli(dir, ['docs', 'import', file, '--register', 'in']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('1 valid, 2 invalid rows');
    expect(dry.err).toContain('line 3: A date is not dd/mm/yyyy or yyyy-mm-dd (31/02/');
    expect(dry.err).toContain('line 4: The classification does not belong in this register');
    expect(JSON.parse(runCli(dir, ['docs', 'list', '--json']).out)).toEqual([]);

    const done = runCli(dir, ['docs', 'import', file, '--register', 'in', '--commit']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain(`Imported 1 entries into in (${year}: next no. 31)`);
    writeFileSync(
      join(dir, 'doc.json'),
      JSON.stringify({ direction: 'in', type: 'CV', date: `${year}-01-05` }),
    );
    const reg = runCli(dir, ['docs', 'register', '--json', join(dir, 'doc.json')]);
    expect(reg.out).toContain(`"number": 31`);

    const bad = runCli(dir, ['docs', 'import', file]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--register in|out|secret-in|secret-out');
  });
});

describe('CLI legacy register import of unusual rows', () => {
  it('refuses a future year and a number far beyond the counter until --allow-unusual', () => {
    const dir = initCliDataDir('ttll-cli-docs-import-unusual-');
    const year = vnYear(new Date());
    const file = join(dir, 'so-den.csv');
    writeFileSync(file, `Số đến,Ngày đến\n1,02/01/${year}\n5000,03/01/${year}\n1,02/01/${year + 1}\n`);

    const dry = runCli(dir, ['docs', 'import', file, '--register', 'in', '--commit']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toContain(`line 3: The number is far beyond the register counter`);
    expect(dry.err).toContain(`(5000 (${year}: counter 0))`);
    expect(dry.err).toContain(`line 4: The registration year is after the current year`);
    expect(dry.out).toContain(`Imported 1 entries into in (${year}: next no. 2)`);

    const file2 = join(dir, 'so-den-2.csv');
    writeFileSync(file2, `Số đến,Ngày đến\n5000,03/01/${year}\n`);
    const ok = runCli(dir, ['docs', 'import', file2, '--register', 'in', '--commit', '--allow-unusual']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain(`Imported 1 entries into in (${year}: next no. 5001)`);
  });
});

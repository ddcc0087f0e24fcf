import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { ADMIN_PASSWORD, setupCore, tempDir, TEST_OFFICE } from '../helpers/core';

// The command lines, in-process: a province and a commune, each in its own data folder.
let province = '';
let commune = '';
const files = tempDir('ttll-cli-exchange-');
beforeAll(async () => {
  const p = await setupCore();
  p.core.close();
  province = p.dataDir;
  const c = await setupCore(tempDir(), {
    ...TEST_OFFICE,
    name: 'UBND xã Tân Kỳ',
    code: 'XATK',
    level: 'commune',
  });
  c.core.close();
  commune = c.dataDir;
  process.env.TTLL_PASSWORD = ADMIN_PASSWORD;
});
afterAll(() => {
  delete process.env.TTLL_PASSWORD;
});

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, ...args], {
    output: { out: (t) => out.push(t), err: (t) => err.push(t) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fingerprintOf = async (dataDir: string): Promise<string> =>
  (JSON.parse((await cli(dataDir, 'keys', 'show', '--json')).out) as { fingerprint: string }).fingerprint;

describe('CLI keys and directory', () => {
  it('registers a commune by key file and fingerprint, publishes, and the commune accepts', async () => {
    const shown = await cli(commune, 'keys', 'show');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/fingerprint {2}\d{5}( \d{5}){7}/);
    const keyFile = join(files, 'xatk.json');
    expect((await cli(commune, 'keys', 'export', '--out', keyFile)).code).toBe(0);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'ttll-desk/office-key/v1' });
    const form = join(files, 'form.docx');
    expect((await cli(commune, 'keys', 'print-form', '--out', form)).code).toBe(0);
    expect(readFileSync(form).subarray(0, 2).toString()).toBe('PK');

    const fp = await fingerprintOf(commune);
    const provinceFp = await fingerprintOf(province);
    const wrong = await cli(
      province,
      'directory',
      'add-office',
      '--file',
      keyFile,
      '--fingerprint',
      provinceFp,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^error: VALIDATION: The fingerprint typed does not match the key file/);
    expect(wrong.err.split('\n')).toHaveLength(1);

    const added = await cli(
      province,
      'directory',
      'add-office',
      '--file',
      keyFile,
      '--fingerprint',
      fp.replace(/ /g, ''),
      '--level',
      'commune',
      '--group',
      'xa',
      '--group',
      'bien-gioi',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ code: 'XATK', groups: ['xa', 'bien-gioi'] });
    const list = JSON.parse((await cli(province, 'directory', 'list', '--json')).out) as {
      offices: { code: string }[];
    };
    expect(list.offices.map((o) => o.code)).toEqual(['SKHCN', 'XATK']);

    const pkg = join(files, 'danh-ba.ttll');
    const pub = await cli(province, 'directory', 'publish', '--out', pkg);
    expect(pub.code).toBe(0);
    expect(pub.out).toContain('sequence 1, 2 offices, 1 recipients');
    expect(existsSync(pkg)).toBe(true);

    const noFp = await cli(commune, 'directory', 'accept', pkg);
    expect(noFp.code).toBe(1);
    expect(noFp.err).toContain('DIR_NO_PROVINCE_KEY');
    const accepted = await cli(commune, 'directory', 'accept', pkg, '--fingerprint', provinceFp, '--json');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.out)).toMatchObject({ province: 'SKHCN', pinned: true, inserted: 2 });
    const seen = await cli(commune, 'directory', 'list');
    expect(seen.out).toContain(`province key: SKHCN ${provinceFp}`);
  });

  it('revokes with a reason; refuses without one and for an unknown code', async () => {
    expect((await cli(province, 'directory', 'revoke', 'XATK')).err).toBe('error: needs --reason R');
    expect((await cli(province, 'directory', 'revoke', 'XANO', '--reason', 'x')).err).toBe(
      'error: no office XANO in the directory',
    );
    const r = await cli(province, 'directory', 'revoke', 'XATK', '--reason', 'Mất máy', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ active: false, revokedReason: 'Mất máy' });
    expect((await cli(province, 'directory', 'list')).out).toMatch(/XATK\s+revoked/);
    expect(
      (await cli(province, 'directory', 'add-office', '--file', 'nope.json', '--fingerprint', '1')).err,
    ).toMatch(/^error: cannot read nope.json/);
    expect(
      (await cli(province, 'directory', 'add-office', '--file', 'x', '--fingerprint', '1', '--level', 'city'))
        .err,
    ).toBe('error: --level must be commune, company or agency, not "city"');
  });
});

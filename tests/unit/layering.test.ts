// The layering check (`npm run lint:layers`, dependency-cruiser on resolved paths) passes on the
// real tree and fails, naming the rule, when a probe file breaks a layer. Probes are written into
// src/ for one run and always removed. No probe imports electron from core, shared or renderer:
// tests/unit/hardening.test.ts scans those folders and may run at the same time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const cruiserPkg = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/dependency-cruiser/package.json'), 'utf8'),
) as { bin: Record<string, string> };

/** Runs the lint:layers script's own command line (not a copy of it) from the project root. */
function checkLayers(): { status: number | null; output: string } {
  const [bin, ...args] = pkg.scripts['lint:layers']!.trim().split(/\s+/);
  expect(bin).toBe('depcruise');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/dependency-cruiser', cruiserPkg.bin[bin!]!), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const tag = `__layering_probe_${process.pid}`;
/** Probe file (relative to the root) → its content. */
const probes: Record<string, string> = {
  // The brief's case: the renderer reaching the core through a relative path.
  [`src/renderer/src/${tag}.ts`]: `export { Core } from '../../main/core/app';\n`,
  // A relative import the old ESLint string patterns let through: core → the Electron shell.
  [`src/main/core/${tag}.ts`]: `export { APP_ORIGIN } from '../hardening';\n`,
  // The vault sits below the modules: no audit, users or module shape (vault/ports.ts instead).
  [`src/main/core/vault/${tag}.ts`]:
    `export type { AuditInput } from '../audit/auditLog';\n` +
    `export { checkPassword } from '../users/passwordPolicy';\n` +
    `export { defineHandlers } from '../handler';\n`,
  // The host must import nothing from the shell.
  [`src/host/${tag}.ts`]: `export { APP_ORIGIN } from '../main/hardening';\n`,
  // Plain-Node layers must not import Electron (a type-only import counts).
  [`src/cli/${tag}.ts`]: `import type { App } from 'electron';\nexport type A = App;\n`,
  // src/shared imports no Node builtin...
  [`src/shared/${tag}.ts`]: `import { sep } from 'node:path';\nexport const s = sep;\nexport { ok } from './${tag}/main/ok';\n`,
  // ...but a shared folder that happens to be called "main" is fine (the old '**/main/**' refused it).
  [`src/shared/${tag}/main/ok.ts`]: `export const ok = 1;\n`,
};

function violation(rule: string, from: string, to: string): string {
  return `error ${rule}: ${from} → ${to}`;
}

describe('layering (dependency-cruiser on resolved paths)', () => {
  it('runs as part of npm run lint', () => {
    expect(pkg.scripts.lint).toContain('npm run --silent lint:layers');
  });

  it('the real tree passes', () => {
    const r = checkLayers();
    expect(r.output).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  });

  it('a forbidden import fails the check, naming the rule', () => {
    let r: ReturnType<typeof checkLayers>;
    try {
      for (const [file, text] of Object.entries(probes)) {
        mkdirSync(dirname(join(ROOT, file)), { recursive: true });
        writeFileSync(join(ROOT, file), text);
      }
      r = checkLayers();
    } finally {
      for (const file of Object.keys(probes)) rmSync(join(ROOT, file), { force: true });
      rmSync(join(ROOT, 'src/shared', tag), { recursive: true, force: true });
    }
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(
      violation('renderer-only-shared', `src/renderer/src/${tag}.ts`, 'src/main/core/app.ts'),
    );
    expect(r.output).toContain(
      violation('core-only-shared', `src/main/core/${tag}.ts`, 'src/main/hardening.ts'),
    );
    for (const to of ['audit/auditLog.ts', 'users/passwordPolicy.ts', 'handler.ts'])
      expect(r.output).toContain(
        violation('vault-below-modules', `src/main/core/vault/${tag}.ts`, `src/main/core/${to}`),
      );
    expect(r.output).toContain(
      violation('host-only-core-and-shared', `src/host/${tag}.ts`, 'src/main/hardening.ts'),
    );
    expect(r.output).toMatch(
      new RegExp(`error cli-no-electron: src/cli/${tag}\\.ts → node_modules/electron/`),
    );
    expect(r.output).toContain(violation('shared-only-shared-and-zod', `src/shared/${tag}.ts`, 'path'));
    expect(r.output).not.toContain(`${tag}/main/ok.ts`);
    // Exactly the probes' violations: nothing else in the tree, nothing missed.
    expect(r.output).toMatch(/x 8 dependency violations \(8 errors/);
  });
});

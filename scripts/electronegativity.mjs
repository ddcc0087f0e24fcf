// `npm run lint:electron`: Doyensec's electronegativity over src/ and, when built, out/main and
// out/preload. The tool exits 0 whatever it finds, so this script takes its findings and exits 1
// on any that is not accepted below with a reason (ARCHITECTURE.md: findings fail the run).
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Findings looked at and accepted, each with its reason. `where` is the file relative to the
 * repo, or `<scanned folder> (global)` for a finding about the whole folder; `when`, if given,
 * must hold for the code at the finding (so a second, insecure window would still fail).
 */
const usesSecurePreferences = (code) =>
  /^new BrowserWindow\(\{[^]*?webPreferences:\s*secureWebPreferences\(/.test(code);
const WEB_PREFERENCES =
  'webPreferences come from secureWebPreferences() in src/main/hardening.ts (contextIsolation and ' +
  'sandbox true, Auxclick disabled), which the tool cannot follow; tests/unit/hardening.test.ts asserts them.';
const ACCEPTED = [
  ...['src/main/index.ts', 'out/main/index.js'].flatMap((where) =>
    ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'].map((id) => ({
      id,
      where,
      when: usesSecurePreferences,
      reason: WEB_PREFERENCES,
    })),
  ),
  {
    id: 'CSP_GLOBAL_CHECK',
    where: 'src (global)',
    reason:
      'The CSP is built in src/main/hardening.ts and set on every app:// response and in onHeadersReceived; ' +
      'the tool sees only string literals. The built index.html carries it as <meta>, checked in the out scan.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    where: 'out/renderer/index.html',
    reason:
      "Flags script-src 'self' (unsafe if the origin hosts JSONP or user uploads): 'self' is app://ttll, " +
      'which serves only the built renderer folder; no JSONP, and user files never get a URL.',
  },
];

/** The code at a finding: from its line and (0-based) column, 30 lines on. */
function codeAt(file, line, column) {
  const lines = readFileSync(file, 'utf8').split('\n');
  return [lines[line - 1]?.slice(column) ?? '', ...lines.slice(line, line + 30)].join('\n');
}

// The tool downloads translations and Electron's release list on every run (got, 1 s timeout).
// CI is offline and nothing should leave the machine: its `got` fails at once instead, and the
// release check (AVAILABLE_SECURITY_FIXES, network-dependent) is not run; Electron upgrades are
// a deliberate change to package.json.
function offlineGot() {
  const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [toolDir] });
  const refuse = () => Promise.reject(new Error('offline: electronegativity network access disabled'));
  refuse.head = refuse;
  refuse.default = refuse;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = refuse;
  require.cache[gotPath] = stub;
}

/**
 * Third-party bundles the tool's parser cannot read (it predates class private fields). Each is
 * named by its build chunk and says why skipping it loses nothing; our own code is always parsed.
 */
const UNPARSED_VENDOR = [
  {
    file: /^out\/renderer\/assets\/pdf-[\w-]+\.js$/,
    reason:
      'pdf.js (pdfjs-dist), loaded only to draw attachments: it uses no Electron or Node API, runs in the sandboxed renderer under the same CSP, and is run with isEvalSupported false.',
  },
];

function acceptance(issue, where) {
  return ACCEPTED.find(
    (a) =>
      a.id === issue.id &&
      a.where === where &&
      (!a.when || a.when(codeAt(issue.file, issue.location.line, issue.location.column))),
  );
}

async function main() {
  offlineGot();
  const run = require('@doyensec/electronegativity');
  const electronVersion = require('electron/package.json').version;
  // out/ is scanned only when it holds the Electron build: a browser-mode build has no main process.
  const targets = ['src', 'out'].filter((t) => existsSync(resolve(root, t === 'out' ? 'out/main' : t)));

  let failed = 0;
  for (const target of targets) {
    const input = resolve(root, target);
    const result = await run({
      input,
      isRelative: false,
      customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    for (const err of result.errors ?? []) {
      const file = relative(root, err.file ?? '');
      const vendor = UNPARSED_VENDOR.find((v) => v.file.test(file));
      if (vendor) {
        console.log(`  not parsed ${file}\n           because ${vendor.reason}`);
        continue;
      }
      // A file the tool could not parse was not checked: that is a failure too.
      console.error(`✗ ${target}: could not parse ${file}: ${err.message ?? err}`);
      failed++;
    }
    for (const issue of result.issues) {
      const where = issue.file === 'N/A' ? `${target} (global)` : relative(root, issue.file);
      const at = issue.file === 'N/A' ? where : `${where}:${issue.location.line}:${issue.location.column}`;
      const line = `${issue.id} ${issue.severity.name}/${issue.confidence.name} ${at}: ${issue.description}`;
      const ok = acceptance(issue, where);
      if (ok) {
        console.log(`  accepted ${line}\n           because ${ok.reason}`);
      } else {
        console.error(`✗ ${line}`);
        failed++;
      }
    }
  }
  console.log(
    `electronegativity (Electron ${electronVersion}) over ${targets.join(', ')}: ${failed} finding(s).`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

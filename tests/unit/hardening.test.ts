// The Electron hardening list (ARCHITECTURE.md), checked without the Electron binary: the pure
// rules in src/main/hardening.ts, the preload's channel filter, the fuse settings (flipped in a
// synthetic binary), the layering, and the wiring in src/main/index.ts.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  CONTENT_SECURITY_POLICY,
  contentTypeFor as shellContentTypeFor,
  CSP_DIRECTIVES,
  decidePermission,
  isAllowedNavigation,
  isAllowedRequestUrl,
  REFUSED_SWITCHES,
  resolveAppFile,
  safeFileName,
  secureWebPreferences,
  withSecurityHeaders,
} from '../../src/main/hardening';
import { refuseUnknownChannel } from '../../src/preload/channelFilter';
import { contentTypeFor } from '../../src/shared/contentType';
import { CHANNELS } from '../../src/shared/contract';

const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const APPROOT = resolve(tmpdir(), 'ttll-approot', 'out', 'renderer');
const fileUrl = (p: string): string => pathToFileURL(p).href;

describe('webPreferences', () => {
  it('turns every isolation and security switch the safe way', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      enableBlinkFeatures: '',
      devTools: false,
    });
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const sources = Object.values(CSP_DIRECTIVES).flat();

  it('names no remote origin and allows no eval', () => {
    for (const s of sources) {
      expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']).toContain(s);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|wss?:|\*/);
  });

  it('denies by default and runs only the app’s own scripts', () => {
    expect(CSP_DIRECTIVES['default-src']).toEqual(["'none'"]);
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    expect(CSP_DIRECTIVES['style-src']).not.toContain('data:');
    for (const d of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(CSP_DIRECTIVES[d]).toEqual(["'none'"]);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'; script-src 'self';");
  });

  it('replaces a CSP already on a response, whatever its case', () => {
    const out = withSecurityHeaders({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] });
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['X-Other']).toEqual(['1']);
    expect(out['X-Content-Type-Options']).toEqual(['nosniff']);
  });
});

describe('web requests', () => {
  const table: [url: string, resourceType: string | undefined, allowed: boolean][] = [
    // the app's own files
    ['app://ttll/index.html', 'mainFrame', true],
    ['app://ttll/assets/index-abc123.js', 'script', true],
    ['app://ttll/assets/index-abc123.css', 'stylesheet', true],
    ['app://ttll/', 'mainFrame', true],
    ['APP://ttll/index.html', 'mainFrame', true],
    // the app scheme, but not the app
    ['app://other/index.html', 'mainFrame', false],
    ['app://ttll:8080/index.html', 'mainFrame', false],
    ['app://user:pw@ttll/index.html', 'mainFrame', false],
    ['app://ttll/assets/..%2f..%2fsecret', 'script', false],
    ['app://ttll/assets/..%5c..%5csecret', 'script', false],
    ['app://ttll/a\\..\\..\\secret', 'script', false],
    ['app://ttll/index.html%00.js', 'script', false],
    ['app://ttll/C:%2fWindows%2fwin.ini', 'script', false],
    ['app://ttll/%E0%A4%A', 'script', false],
    ['app://ttll//etc/passwd', 'script', false],
    // the network
    ['https://example.com/', 'mainFrame', false],
    ['https://example.com/x.js', 'script', false],
    ['http://127.0.0.1:5173/', 'mainFrame', false],
    ['http://localhost/api/invoke', 'xhr', false],
    ['ws://127.0.0.1:5173/', 'webSocket', false],
    ['wss://example.com/', 'webSocket', false],
    ['ftp://example.com/file', 'other', false],
    ['HTTPS://EXAMPLE.COM/', 'mainFrame', false],
    // the disk: the app never loads from file:, even its own folder
    ['file:///etc/passwd', 'mainFrame', false],
    [fileUrl(join(APPROOT, 'index.html')), 'mainFrame', false],
    [fileUrl(join(APPROOT, 'assets', 'index.js')), 'script', false],
    [`${fileUrl(APPROOT)}/../secret`, 'script', false],
    [`${fileUrl(APPROOT)}/%2e%2e/%2e%2e/secret`, 'script', false],
    ['file://server/share/x.js', 'script', false],
    // other schemes
    ['javascript:alert(1)', 'mainFrame', false],
    ['data:text/html,<script>alert(1)</script>', 'mainFrame', false],
    ['data:text/html;base64,PHNjcmlwdD4=', 'subFrame', false],
    ['data:text/html,x', 'image', false],
    ['data:application/javascript,alert(1)', 'script', false],
    ['data:image/png;base64,iVBORw0KGgo=', 'image', true],
    ['data:image/svg+xml,<svg/>', 'image', true],
    ['data:image/svg+xml,<svg/>', 'mainFrame', false],
    ['data:font/woff2;base64,d09GMg==', 'font', true],
    ['blob:app://ttll/0b6f1c9e-1234', 'image', true],
    ['blob:app://ttll/0b6f1c9e-1234', 'mainFrame', false],
    ['blob:https://example.com/0b6f1c9e-1234', 'image', false],
    ['devtools://devtools/bundled/devtools_app.html', 'mainFrame', true],
    ['chrome://settings', 'mainFrame', false],
    ['chrome-extension://abcdef/x.js', 'script', false],
    ['about:blank', 'subFrame', false],
    ['', 'other', false],
    ['not a url', 'other', false],
  ];

  it.each(table)('%s (%s) → %s', (url, type, allowed) => {
    expect(isAllowedRequestUrl(url, APPROOT, type)).toBe(allowed);
  });

  it('maps app URLs to files inside the renderer folder, never outside', () => {
    expect(resolveAppFile('app://ttll/index.html', APPROOT)).toBe(join(APPROOT, 'index.html'));
    expect(resolveAppFile('app://ttll/', APPROOT)).toBe(join(APPROOT, 'index.html'));
    expect(resolveAppFile('app://ttll/assets/a%20b.js', APPROOT)).toBe(join(APPROOT, 'assets', 'a b.js'));
    // Dot segments, plain or encoded as %2e, are folded by the URL parser before we see them:
    // the result is still inside the folder.
    for (const u of [
      'app://ttll/../secret',
      'app://ttll/%2e%2e/%2e%2e/etc/passwd',
      'app://ttll/.%2e/.%2E/x',
      'app://ttll/assets/../../../../x',
    ]) {
      const f = resolveAppFile(u, APPROOT);
      expect(f, u).not.toBeNull();
      expect(f!.startsWith(APPROOT + '/') || f!.startsWith(APPROOT + '\\'), u).toBe(true);
    }
    for (const u of ['app://ttll/..%2fsecret', 'app://ttll/%2e%2e%2fsecret', 'app://ttll/..%5Csecret']) {
      expect(resolveAppFile(u, APPROOT), u).toBeNull();
    }
  });
});

describe('content types', () => {
  it('the shell serves with the same helper the browser host uses (src/shared)', () => {
    expect(shellContentTypeFor).toBe(contentTypeFor);
  });

  it('gives module scripts a JavaScript type and unknown files plain bytes', () => {
    expect(contentTypeFor(join(APPROOT, 'index.html'))).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-abc.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('C:\\r\\assets\\a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/fonts/x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/r/a.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/html')).toBe('application/octet-stream');
  });

  it('reads the extension as path.extname does (a dotfile has none)', () => {
    for (const f of ['/r/.html', '/r/x.y/file', '/r/..html', '/r/a.', '/r/a.b.svg', 'index.html', '..']) {
      const viaNode = contentTypeFor(`/r/probe${extname(f).toLowerCase() || '.none'}`);
      expect(contentTypeFor(f), f).toBe(viaNode);
    }
  });
});

describe('navigation', () => {
  const table: [string, boolean][] = [
    [APP_INDEX_URL, true],
    [`${APP_INDEX_URL}#/contacts`, true],
    ['app://ttll/index.html?x=1', true],
    ['app://ttll/', false],
    ['app://ttll/assets/index.js', false],
    ['app://ttll/other.html', false],
    ['app://evil/index.html', false],
    ['app://ttll:1/index.html', false],
    ['https://example.com/', false],
    ['http://127.0.0.1/index.html', false],
    ['file:///etc/passwd', false],
    [fileUrl(join(APPROOT, 'index.html')), false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>x</h1>', false],
    ['about:blank', false],
    ['devtools://devtools/bundled/devtools_app.html', false],
    ['', false],
  ];
  it.each(table)('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });
});

describe('permissions and switches', () => {
  it('denies every permission', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
    ]) {
      expect(decidePermission(p, APP_INDEX_URL)).toBe(false);
    }
  });

  it('refuses debugger, sandbox-off and launcher switches', () => {
    for (const s of [
      'remote-debugging-port',
      'inspect',
      'inspect-brk',
      'js-flags',
      'no-sandbox',
      'disable-web-security',
      'renderer-cmd-prefix',
      'gpu-launcher',
      'proxy-server',
      'load-extension',
    ]) {
      expect(REFUSED_SWITCHES).toContain(s);
    }
  });

  it('offers the save dialog a bare, harmless file name', () => {
    expect(safeFileName('Danh bạ liên lạc.docx')).toBe('Danh bạ liên lạc.docx');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system32\\x.dll')).toBe('x.dll');
    expect(safeFileName('a<b>:c?.xlsx')).toBe('a_b__c_.xlsx');
    expect(safeFileName('bad\u0000\u001fname.txt')).toBe('badname.txt');
    expect(safeFileName('...')).toBe('tep-tin');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
  });
});

describe('preload channel filter', () => {
  it('lets every contract channel through', () => {
    for (const c of CHANNELS) expect(refuseUnknownChannel(c)).toBeNull();
  });

  it('refuses anything else before it reaches IPC', () => {
    for (const c of [
      'fs.readFile',
      'shell.openExternal',
      '__proto__',
      'constructor',
      'toString',
      '',
      'USERS.LIST',
    ]) {
      const r = refuseUnknownChannel(c);
      expect(r?.ok, c).toBe(false);
      expect(r?.error.code).toBe('VALIDATION');
    }
    const odd = refuseUnknownChannel({ toString: () => 'users.list' });
    expect(odd?.error.message).toBe('Unknown channel: object');
    expect(refuseUnknownChannel(42)).not.toBeNull();
  });
});

interface FuseConfigModule {
  FUSES: Readonly<Record<string, boolean>>;
}
type AfterPack = (context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}) => Promise<void>;

describe('fuses', () => {
  const { FUSES } = require('../../scripts/fuses.config.cjs') as FuseConfigModule;
  const afterPack = require('../../scripts/fuses.cjs') as AfterPack;
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('sets the hardening list', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('decides every fuse the installed @electron/fuses knows', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(FUSES).sort()).toEqual(known.sort());
  });

  // A stand-in for the Electron binary: junk, the fuse sentinel, version 1, the wire.
  function fakeElectron(dir: string, name: string, wireLength: number): string {
    const wire = Buffer.alloc(wireLength, FuseState.ENABLE);
    const bytes = Buffer.concat([
      Buffer.from('\x7fELF fake electron'),
      Buffer.alloc(100),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, wireLength]),
      wire,
      Buffer.alloc(100),
    ]);
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  }
  const context = (dir: string, platform: string) => ({
    appOutDir: dir,
    electronPlatformName: platform,
    packager: { executableName: 'ttll-desk', appInfo: { productFilename: 'TTLL Desk' } },
  });

  it.each([
    ['linux', 'ttll-desk'],
    ['win32', 'TTLL Desk.exe'],
  ])('the afterPack hook flips them in the %s binary', async (platform, name) => {
    const dir = mkdtempSync(join(tmpdir(), 'ttll-fuses-'));
    dirs.push(dir);
    const file = fakeElectron(dir, name, Object.keys(FUSES).length);
    await afterPack(context(dir, platform));
    const wire = await getCurrentFuseWire(file);
    for (const [fuse, on] of Object.entries(FUSES)) {
      const index = FuseV1Options[fuse as keyof typeof FuseV1Options];
      expect(wire[index], fuse).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });

  it('fails packaging when Electron has a fuse nobody decided', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttll-fuses-'));
    dirs.push(dir);
    fakeElectron(dir, 'ttll-desk', Object.keys(FUSES).length + 1);
    await expect(afterPack(context(dir, 'linux'))).rejects.toThrow(/strictlyRequireAllFuses/);
  });
});

describe('layering', () => {
  const ELECTRON_IMPORT =
    /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)['"]electron(?:\/[^'"]*)?['"]/;
  const files = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir).flatMap((name) => {
          const p = join(dir, name);
          return statSync(p).isDirectory() ? files(p) : /\.(c|m)?[jt]sx?$/.test(name) ? [p] : [];
        })
      : [];

  it('the scanner finds an electron import where there is one', () => {
    expect(readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8')).toMatch(ELECTRON_IMPORT);
    expect(readFileSync(join(ROOT, 'src/preload/index.ts'), 'utf8')).toMatch(ELECTRON_IMPORT);
  });

  it('core, shared and renderer never import electron', () => {
    const scanned = ['src/main/core', 'src/shared', 'src/renderer'].flatMap((d) => files(join(ROOT, d)));
    expect(scanned.length).toBeGreaterThan(10);
    const offenders = scanned.filter((f) => ELECTRON_IMPORT.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the pure hardening rules and the preload filter do not import electron either', () => {
    for (const f of ['src/main/hardening.ts', 'src/preload/channelFilter.ts']) {
      expect(readFileSync(join(ROOT, f), 'utf8')).not.toMatch(ELECTRON_IMPORT);
    }
  });

  it.skipIf(!existsSync(join(ROOT, 'out/preload/index.cjs')))(
    'the built preload is one CommonJS file that requires only electron (sandbox)',
    () => {
      const code = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
      const required = [...code.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
      expect(required.length).toBeGreaterThan(0);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).not.toMatch(/^\s*import\s|^\s*export\s/m);
    },
  );
});

describe('the shell wires every rule', () => {
  // src/main/index.ts cannot run without the Electron binary; at least check each hook is set.
  const shell = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
  it.each([
    'requestSingleInstanceLock()',
    'app.enableSandbox()',
    'registerSchemesAsPrivileged',
    'webRequest.onBeforeRequest',
    'isAllowedRequestUrl(',
    'webRequest.onHeadersReceived',
    'setPermissionRequestHandler',
    'setPermissionCheckHandler',
    'setDevicePermissionHandler',
    "'will-navigate'",
    "'will-frame-navigate'",
    "'will-redirect'",
    "'will-attach-webview'",
    "'will-download'",
    "setWindowOpenHandler(() => ({ action: 'deny' }))",
    'secureWebPreferences(PRELOAD',
    "'../preload/index.cjs'",
    'loadURL(APP_INDEX_URL)',
    'REFUSED_SWITCHES',
    "powerMonitor.on('suspend'",
    "powerMonitor.on('lock-screen'",
    'isChannel(channel)',
    'fromApp(event)',
  ])('%s', (needle) => {
    expect(shell).toContain(needle);
  });
});

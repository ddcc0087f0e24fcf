// The Electron hardening list of ARCHITECTURE.md as plain data and pure decisions. No Electron
// import here, so every rule is unit-tested in Node (tests/unit/hardening.test.ts); src/main/index.ts
// only wires these into Electron's hooks.
import { resolve, sep } from 'node:path';

/**
 * The renderer is served from a custom scheme, not file:. With the GrantFileProtocolExtraPrivileges
 * fuse off (scripts/fuses.config.cjs), file: pages get browser rules (opaque origin, so module
 * scripts and 'self' in the CSP do not work), and file: would reach every file on the disk. A
 * standard, secure app:// origin makes 'self' mean exactly the app's own files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ttll';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The subset of Electron's WebPreferences we set; index.ts passes it to BrowserWindow. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  /** Middle-click opens links in new windows without a click event the page can veto. */
  disableBlinkFeatures: 'Auxclick';
  /** Off: Chromium would download dictionaries from Google, and nothing may leave the machine. */
  spellcheck: false;
  /** Lets the user stop a page that loops on alert(). */
  safeDialogs: true;
  navigateOnDragDrop: false;
  enableWebSQL: false;
  devTools: boolean;
}

export function secureWebPreferences(
  preloadPath: string,
  opts: { devTools?: boolean } = {},
): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    safeDialogs: true,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    // DevTools only in unpackaged (developer) runs.
    devTools: opts.devTools ?? false,
  };
}

import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, META_CONTENT_SECURITY_POLICY } from '../shared/csp';

/** Headers added to every response the renderer receives (the custom protocol and any other). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Response headers with ours replacing any of the same name (header names are case-insensitive). */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((h) => h.toLowerCase()));
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (!ours.has(name.toLowerCase())) out[name] = values;
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) out[name] = [value];
  return out;
}

/**
 * The file under `rendererDir` that an app:// URL names, or null when the URL is not the app's
 * own or tries to leave the folder. Segments are checked after percent-decoding, so `%2e%2e`,
 * `..%2f` and `%5c` cannot climb out, whatever the URL parser normalised before.
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST) return null;
  if (u.username || u.password || u.port) return null;
  const path = u.pathname === '/' ? '/index.html' : u.pathname;
  if (!path.startsWith('/') || path.includes('\\')) return null;
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null; // malformed escape
    }
    // '' (a doubled or trailing slash), dot segments, separators, NUL and drive letters are refused.
    if (seg === '' || seg === '.' || seg === '..' || /[/\\:\0]/.test(seg)) return null;
    segments.push(seg);
  }
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

/** Request types that would render or run what they load; data: and blob: never qualify for them. */
const ACTIVE_TYPES = new Set(['mainFrame', 'subFrame', 'object', 'script', 'stylesheet', 'xhr', 'webSocket']);

/**
 * webRequest filter: only the app's own files (app://), DevTools' own frontend, and data:/blob:
 * images or fonts. Everything else is refused: http(s), ws(s), ftp, file: (even inside the app,
 * since the app never loads from file:), other custom schemes.
 */
export function isAllowedRequestUrl(url: string, rendererDir: string, resourceType?: string): boolean {
  if (resolveAppFile(url, rendererDir) !== null) return true;
  const scheme = schemeOf(url);
  if (scheme === 'devtools:') return true; // DevTools is disabled in packaged builds (secureWebPreferences)
  if (resourceType !== undefined && ACTIVE_TYPES.has(resourceType)) return false;
  if (scheme === 'data:') {
    const mediaType = url.slice('data:'.length).split(/[;,]/, 1)[0]?.trim().toLowerCase() ?? '';
    return mediaType.startsWith('image/') || mediaType.startsWith('font/');
  }
  if (scheme === 'blob:') {
    // A blob URL carries its creator's origin: only blobs the app itself made.
    return url.startsWith(`blob:${APP_ORIGIN}/`);
  }
  return false;
}

/** will-navigate / will-redirect / will-frame-navigate: the app's index only (in-page #routes do not navigate). */
export function isAllowedNavigation(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    !u.username &&
    !u.password &&
    !u.port &&
    u.pathname === '/index.html'
  );
}

/** Permission requests and checks (camera, notifications, clipboard, HID, geolocation...): all denied. */
export function decidePermission(_permission: string, _requestingUrl?: string): boolean {
  return false;
}

function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(url);
  return m?.[1]?.toLowerCase() ?? '';
}

// Content types live in src/shared so the browser host can use them without importing the shell.
export { contentTypeFor } from '../shared/contentType';

/**
 * Chromium and Node switches that open a debugger, run other programs, turn the sandbox or web
 * security off, or send traffic elsewhere. The app refuses to start when any is on its command
 * line (fuses cover only --inspect and NODE_OPTIONS). Checked with app.commandLine.hasSwitch,
 * which parses them as Chromium does (any prefix, any case on Windows).
 */
export const REFUSED_SWITCHES: readonly string[] = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
  'no-sandbox',
  'disable-gpu-sandbox',
  'disable-web-security',
  'disable-site-isolation-trials',
  'allow-file-access-from-files',
  'ignore-certificate-errors',
  'proxy-server',
  'proxy-pac-url',
  'host-rules',
  'host-resolver-rules',
  'load-extension',
  'renderer-cmd-prefix',
  'utility-cmd-prefix',
  'gpu-launcher',
  'browser-subprocess-path',
  'enable-blink-features',
  'user-data-dir',
];

/** Switches the app adds itself: never look for a proxy (no WPAD/PAC lookups), as it never uses the network. */
export const APPENDED_SWITCHES: readonly (readonly [string, string?])[] = [['no-proxy-server']];

/** A bare, harmless file name for the save dialog from the name the renderer suggests. */
export function safeFileName(suggested: string): string {
  const base = suggested.split(/[/\\]/).pop() ?? '';
  const cleaned = Array.from(
    base
      .normalize('NFC')
      .replace(/\p{Cc}/gu, '')
      .replace(/[<>:"|?*]/g, '_')
      .replace(/^[.\s]+|[.\s]+$/g, ''),
  )
    .slice(0, 200)
    .join('');
  if (!cleaned) return 'tep-tin';
  // Windows device names (CON, NUL, COM1...) cannot be ordinary files.
  return /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(cleaned) ? `_${cleaned}` : cleaned;
}

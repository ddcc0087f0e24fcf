// The Electron shell, kept thin: one window, the hardening list (rules in ./hardening.ts), IPC
// forwarded to the core, native dialogs, and the vault locked on suspend and screen lock.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type SaveDialogOptions,
  type WebContents,
} from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IPC, SaveFileRequest } from '../shared/bridge';
import { isChannel, type WireResult } from '../shared/contract';
import { Core, defaultDataDir } from './core/app';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APPENDED_SWITCHES,
  contentTypeFor,
  decidePermission,
  isAllowedNavigation,
  isAllowedRequestUrl,
  REFUSED_SWITCHES,
  resolveAppFile,
  safeFileName,
  secureWebPreferences,
  SECURITY_HEADERS,
  withSecurityHeaders,
} from './hardening';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function refuseDangerousSwitches(): boolean {
  const found = REFUSED_SWITCHES.filter((s) => app.commandLine.hasSwitch(s));
  if (found.length === 0) return false;
  console.error(`[main] refusing to start with command-line switch(es): ${found.join(', ')}`);
  app.exit(1);
  return true;
}

/** Every web contents (the window, and anything Chromium creates): no navigation, popups or webviews. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAllowedNavigation(event.url)) event.preventDefault();
  });
  // The app's own files never redirect.
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // The renderer's files, from the built folder only (resolveAppFile refuses anything outside it).
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('Not found', { status: 404 });
    }
    try {
      const body = new Uint8Array(await readFile(file));
      return new Response(body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-store' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, RENDERER_DIR, details.resourceType);
    if (!allowed)
      console.warn(`[main] refused ${details.resourceType} request: ${details.url.slice(0, 120)}`);
    callback({ cancel: !allowed });
  });
  // The CSP also comes with each app:// response; this covers any response from elsewhere.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Files leave only through the save dialog (IPC.saveFile), never as browser downloads.
  ses.on('will-download', (event) => event.preventDefault());
  ses.setSpellCheckerEnabled(false);
}

/** IPC is answered only for the app's own top-level page in the app's window. */
function fromApp(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null &&
    frame.parent === null &&
    isAllowedNavigation(frame.url) &&
    mainWindow !== null &&
    !mainWindow.isDestroyed() &&
    event.sender === mainWindow.webContents
  );
}

function registerIpc(theCore: Core): void {
  ipcMain.handle(
    IPC.invoke,
    async (event, channel: unknown, input: unknown): Promise<WireResult<unknown>> => {
      if (!fromApp(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Not the app window' } };
      if (!isChannel(channel))
        return { ok: false, error: { code: 'VALIDATION', message: 'Unknown channel' } };
      return theCore.invoke(channel, input);
    },
  );

  ipcMain.handle(IPC.saveFile, async (event, raw: unknown): Promise<string | null> => {
    if (!fromApp(event)) throw new Error('Not the app window');
    const parsed = SaveFileRequest.safeParse(raw);
    if (!parsed.success) throw new Error('Invalid save request');
    const name = safeFileName(parsed.data.suggestedName);
    const ext = extname(name).slice(1).toLowerCase();
    const options: SaveDialogOptions = {
      defaultPath: join(app.getPath('documents'), name),
      filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : [],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    await writeFile(result.filePath, Buffer.from(parsed.data.dataBase64, 'base64'));
    return result.filePath;
  });

  ipcMain.handle(IPC.chooseFolder, async (event): Promise<string | null> => {
    if (!fromApp(event)) throw new Error('Not the app window');
    const owner = BrowserWindow.fromWebContents(event.sender);
    const properties: ('openDirectory' | 'createDirectory')[] = ['openDirectory', 'createDirectory'];
    const result = owner
      ? await dialog.showOpenDialog(owner, { properties })
      : await dialog.showOpenDialog({ properties });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}

function notifyLocked(reason: string): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC.locked, reason);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'TTLL Desk',
    webPreferences: secureWebPreferences(PRELOAD, { devTools: !app.isPackaged }),
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

async function start(): Promise<void> {
  hardenSession();
  core = Core.open({ dataDir: defaultDataDir(), timers: true, onLocked: notifyLocked });
  registerIpc(core);
  powerMonitor.on('suspend', () => core?.lock('suspend'));
  powerMonitor.on('lock-screen', () => core?.lock('lock-screen'));
  mainWindow = createWindow();
}

function main(): void {
  if (refuseDangerousSwitches()) return;
  // Chromium's own files (cache, local storage) in a subfolder: on Windows userData is also the
  // vault's data folder (%APPDATA%\TTLL Desk). Before the single-instance lock, which lives there.
  app.setPath('userData', join(app.getPath('userData'), 'chromium'));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  for (const [name, value] of APPENDED_SWITCHES) app.commandLine.appendSwitch(name, value);
  // A standard, secure scheme so the page has a real origin ('self' in the CSP); no CORS or
  // fetch privileges, since the page only loads its own files.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
  ]);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[main] start failed', err);
      dialog.showErrorBox('TTLL Desk', `Không khởi động được ứng dụng: ${(err as Error).message}`);
      app.exit(1);
    });
}

main();

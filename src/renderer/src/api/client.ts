// The renderer's one way to the core: `invoke(channel, input)` over the Electron bridge when the
// preload exposed `window.api`, over loopback HTTP with the per-launch token otherwise.
import type {
  Channel,
  ErrorCode,
  FileOut,
  InputOf,
  OutputOf,
  WireError,
  WireResult,
} from '../../../shared/contract';
import '../../../shared/bridge';

/** A call the core refused: the code picks the message, issues point at fields. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: WireError['issues'];
  /** THROTTLED: seconds until another attempt is accepted. */
  readonly retryAfterSeconds: number | undefined;
  constructor(e: WireError) {
    super(e.message);
    this.name = 'ApiError';
    this.code = e.code;
    this.issues = e.issues;
    this.retryAfterSeconds = e.retryAfterSeconds;
  }
}

/** The core could not be reached at all (browser host stopped, token refused). */
export class ConnectionError extends Error {
  /** HTTP status when the host answered, 0 when nothing answered. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ConnectionError';
    this.status = status;
  }
}

const TOKEN_KEY = 'ttll.token';

/**
 * Browser mode hands the per-launch token in the URL fragment (never sent to the server in
 * request lines or logs); keep it for this tab only and clear it from the address bar.
 */
function browserToken(): string {
  const m = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
const token = window.api ? '' : browserToken();
if (!window.api) {
  // The address with a new token pasted into this same tab changes only the fragment (no reload):
  // start again so it is read.
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)token=/.test(window.location.hash)) window.location.reload();
  });
}

export const isDesktop = (): boolean => Boolean(window.api);

const lockListeners = new Set<() => void>();
/** Called whenever a call answers LOCKED (idle lock, suspend): the app goes to the unlock screen. */
export function onLockedResponse(cb: () => void): () => void {
  lockListeners.add(cb);
  return () => {
    lockListeners.delete(cb);
  };
}

async function send(channel: Channel, input: unknown): Promise<WireResult<unknown>> {
  if (window.api) return window.api.invoke(channel, input);
  let res: Response;
  try {
    res = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ttll-token': token },
      body: JSON.stringify({ channel, input }),
    });
  } catch (e) {
    throw new ConnectionError(0, (e as Error).message);
  }
  // The host answers every contract call as JSON (errors included); anything else is the transport.
  if (!(res.headers.get('content-type') ?? '').includes('application/json'))
    throw new ConnectionError(res.status, `HTTP ${res.status}`);
  return (await res.json()) as WireResult<unknown>;
}

let lastCallAt = Date.now();
/**
 * When this window last made a call that counts as activity for the core's idle lock (every call
 * but vault.status, as the core counts them): the idle warning counts down from it.
 */
export const lastActivityAt = (): number => lastCallAt;

/** One typed call of the contract; throws ApiError when the core answers `{ok:false}`. */
export async function invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  if (channel !== 'vault.status') lastCallAt = Date.now();
  const r = await send(channel, input);
  if (!r.ok) {
    if (r.error.code === 'LOCKED') lockListeners.forEach((cb) => cb());
    throw new ApiError(r.error);
  }
  return r.data as OutputOf<C>;
}

/** Saves a generated file: the native dialog in Electron, a download in browser mode. */
export async function saveFile(file: FileOut): Promise<string | null> {
  if (window.api) return window.api.saveFile({ suggestedName: file.fileName, dataBase64: file.dataBase64 });
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file.fileName;
}

/** The native folder chooser in Electron; null in browser mode, where the path is typed instead. */
export async function chooseFolder(): Promise<string | null> {
  return window.api ? window.api.chooseFolder() : null;
}

/** Reads a chosen file as base64 for the core (import). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

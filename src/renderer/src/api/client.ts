import type { Channel, ErrorCode, InputOf, OutputOf, WireError, WireResult } from '../../../shared/contract';
import type { FileOut } from '../../../shared/contract';
import '../../../shared/bridge';

/** A failed core call: the code picks the Vietnamese message, issues point at fields. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: WireError['issues'];
  constructor(e: WireError) {
    super(e.message);
    this.code = e.code;
    this.issues = e.issues;
  }
}

const TOKEN_KEY = 'ttll.token';

/**
 * Browser mode hands the per-launch token in the URL fragment (never sent to the server in
 * request lines or logs); keep it for this tab only and clear it from the address bar.
 */
function browserToken(): string {
  const m = /token=([\w-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
const token = window.api ? '' : browserToken();

const lockListeners = new Set<() => void>();
/** Called whenever a call answers LOCKED (idle lock, suspend): the app goes to the unlock screen. */
export function onLockedResponse(cb: () => void): () => void {
  lockListeners.add(cb);
  return () => lockListeners.delete(cb);
}

async function send(channel: Channel, input: unknown): Promise<WireResult<unknown>> {
  if (window.api) return window.api.invoke(channel, input);
  const res = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ttll-token': token },
    body: JSON.stringify({ channel, input }),
  });
  if (!res.ok) return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${res.status}` } };
  return (await res.json()) as WireResult<unknown>;
}

export async function invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
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
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file.fileName;
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

export const isDesktop = () => Boolean(window.api);

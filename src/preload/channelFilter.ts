// The preload's own check, kept free of Electron so it is unit-tested in Node. The main process
// checks again: the renderer is untrusted and could reach IPC some other way.
import { isChannel, type WireError } from '../shared/contract';

/** null when `channel` is a contract channel; otherwise the refusal to hand back to the caller. */
export function refuseUnknownChannel(channel: unknown): { ok: false; error: WireError } | null {
  if (isChannel(channel)) return null;
  // Only strings are echoed: anything else could be a renderer object with its own toString().
  const shown = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
  return { ok: false, error: { code: 'VALIDATION', message: `Unknown channel: ${shown}` } };
}

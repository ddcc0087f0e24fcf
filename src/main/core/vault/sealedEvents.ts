import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { makePrivate } from './privateFiles';
import { newKeyPair, openFrom, publicOf, sealTo } from './x25519';

/**
 * Events that happen while the vault is locked (failed logins) cannot be written to the
 * encrypted database. They are sealed to an X25519 public key whose private half lives inside
 * the database, appended to a side file, and moved into the audit log at the next unlock.
 * The side file therefore holds no readable user names or times.
 *
 * The file starts with a line naming it (a random id): the session that locks records in the
 * database which file it left and how many events it held, so a file deleted, replaced or cut
 * short while locked is reported at the next unlock.
 */
const EVENTS = { info: 'ttll-sealed/1', bindKeys: false };
const AAD = 'ttll-sealed/1';
const HEADER = '#ttll-sealed-file ';

export interface SealedFileState {
  /** The file's id (null for a file written before files had one). */
  id: string | null;
  /** Event lines in it. */
  lines: number;
}

export function newSealKeyPair(): { publicDer: string; privateDer: string } {
  const pair = newKeyPair();
  return { publicDer: pair.publicDer, privateDer: pair.privateDer.toString('base64') };
}

/** The file's id and number of events, or null when there is no file. */
export function sealedFileState(file: string): SealedFileState | null {
  if (!existsSync(file)) return null;
  let id: string | null = null;
  let lines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith(HEADER)) id ??= line.slice(HEADER.length).trim();
    else if (line) lines++;
  }
  return { id, lines };
}

/** The file as it is, or a new empty one with a fresh id. */
export function ensureSealedFile(file: string): SealedFileState {
  const cur = sealedFileState(file);
  if (cur) return cur;
  const id = randomBytes(12).toString('hex');
  appendFileSync(file, `${HEADER}${id}\n`, { mode: 0o600 });
  return sealedFileState(file) ?? { id, lines: 0 };
}

/** Appends one sealed event; returns the id of the file it went to. */
export function appendSealed(file: string, publicDer: string, event: object): string | null {
  const { id } = ensureSealedFile(file);
  const { eph, sealed } = sealTo(publicDer, Buffer.from(JSON.stringify(event)), AAD, EVENTS);
  appendFileSync(file, `${eph}.${sealed}\n`, { mode: 0o600 });
  makePrivate(file); // the mode above applies only when the file is created
  return id;
}

/** Opens every sealed line; lines that do not open are reported as such, not dropped silently. */
export function readSealed(file: string, privateDer: string): { events: unknown[]; unreadable: number } {
  if (!existsSync(file)) return { events: [], unreadable: 0 };
  const priv = Buffer.from(privateDer, 'base64');
  const pub = publicOf(priv);
  const events: unknown[] = [];
  let unreadable = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith(HEADER)) continue;
    const [eph, ct] = line.split('.');
    try {
      const pt = openFrom(priv, pub, eph ?? '', ct ?? '', AAD, EVENTS);
      if (pt) events.push(JSON.parse(pt.toString('utf8')));
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { events, unreadable };
}

export function removeSealed(file: string): void {
  rmSync(file, { force: true });
}

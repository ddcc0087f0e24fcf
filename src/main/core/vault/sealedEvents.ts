import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { makePrivate } from './privateFiles';
import { newKeyPair, openFrom, publicOf, sealTo } from './x25519';

/**
 * Events that happen while the vault is locked (failed logins) cannot be written to the
 * encrypted database. They are sealed to an X25519 public key whose private half lives inside
 * the database, appended to a side file, and moved into the audit log at the next unlock.
 * The side file therefore holds no readable user names or times.
 */
const EVENTS = { info: 'ttll-sealed/1', bindKeys: false };
const AAD = 'ttll-sealed/1';

export function newSealKeyPair(): { publicDer: string; privateDer: string } {
  const pair = newKeyPair();
  return { publicDer: pair.publicDer, privateDer: pair.privateDer.toString('base64') };
}

export function appendSealed(file: string, publicDer: string, event: object): void {
  const { eph, sealed } = sealTo(publicDer, Buffer.from(JSON.stringify(event)), AAD, EVENTS);
  appendFileSync(file, `${eph}.${sealed}\n`, { mode: 0o600 });
  makePrivate(file); // the mode above applies only when the file is created
}

/** Opens every sealed line; lines that do not open are reported as such, not dropped silently. */
export function readSealed(file: string, privateDer: string): { events: unknown[]; unreadable: number } {
  if (!existsSync(file)) return { events: [], unreadable: 0 };
  const priv = Buffer.from(privateDer, 'base64');
  const pub = publicOf(priv);
  const events: unknown[] = [];
  let unreadable = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
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

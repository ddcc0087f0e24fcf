import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { open, seal } from './aead';
import { makePrivate } from './privateFiles';

/**
 * Events that happen while the vault is locked (failed logins) cannot be written to the
 * encrypted database. They are sealed to an X25519 public key whose private half lives inside
 * the database, appended to a side file, and moved into the audit log at the next unlock.
 * The side file therefore holds no readable user names or times.
 */
export function newSealKeyPair(): { publicDer: string; privateDer: string } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicDer: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function sharedKey(
  priv: ReturnType<typeof createPrivateKey>,
  pub: ReturnType<typeof createPublicKey>,
): Buffer {
  return Buffer.from(
    hkdfSync('sha256', diffieHellman({ privateKey: priv, publicKey: pub }), '', 'ttll-sealed/1', 32),
  );
}

export function appendSealed(file: string, publicDer: string, event: object): void {
  const eph = generateKeyPairSync('x25519');
  const recipient = createPublicKey({ key: Buffer.from(publicDer, 'base64'), format: 'der', type: 'spki' });
  const ct = seal(sharedKey(eph.privateKey, recipient), Buffer.from(JSON.stringify(event)), 'ttll-sealed/1');
  const ephDer = eph.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  appendFileSync(file, `${ephDer}.${ct.toString('base64')}\n`, { mode: 0o600 });
  makePrivate(file); // the mode above applies only when the file is created
}

/** Opens every sealed line; lines that do not open are reported as such, not dropped silently. */
export function readSealed(file: string, privateDer: string): { events: unknown[]; unreadable: number } {
  if (!existsSync(file)) return { events: [], unreadable: 0 };
  const priv = createPrivateKey({ key: Buffer.from(privateDer, 'base64'), format: 'der', type: 'pkcs8' });
  const events: unknown[] = [];
  let unreadable = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const [ephB64, ctB64] = line.split('.');
    try {
      const eph = createPublicKey({ key: Buffer.from(ephB64 ?? '', 'base64'), format: 'der', type: 'spki' });
      const pt = open(sharedKey(priv, eph), Buffer.from(ctB64 ?? '', 'base64'), 'ttll-sealed/1');
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

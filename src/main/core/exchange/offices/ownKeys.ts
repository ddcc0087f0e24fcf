/**
 * This office's exchange keys, kept in the encrypted database (exchange_own_keys): made at setup,
 * or at the first unlock of a vault made before the exchange existed (provisionOwnKeys).
 */
import { randomBytes } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { bech32 } from '@scure/base';
import type { OfficeProfile } from '../../../../shared/contract';
import { stmt, type Db } from '../../db/open';
import { fingerprint, publicKeysOf, type OfficeKeys, type OfficePublicKeys } from '../package/keys';

interface KeyRow {
  office: string;
  signing_secret: string;
  signing_key: string;
  age_identity: string;
  recipient: string;
  fingerprint: string;
  created_at: string;
}

/**
 * New keys, synchronously: setup and unlock run inside synchronous transactions, and
 * package/keys.ts's newOfficeKeys is async only because age-encryption's API is. The identity and
 * recipient are encoded as age encodes them (generateX25519Identity, identityToRecipient);
 * a test checks the recipient against age's own derivation.
 */
export function generateOfficeKeys(office: string): OfficeKeys {
  const { secretKey, publicKey } = ed25519.keygen();
  const scalar = randomBytes(32);
  const keys: OfficeKeys = {
    office,
    signingSecret: secretKey,
    signingKey: Buffer.from(publicKey).toString('hex'),
    ageIdentity: bech32.encodeFromBytes('AGE-SECRET-KEY-', scalar).toUpperCase(),
    recipient: bech32.encodeFromBytes('age', x25519.scalarMultBase(scalar)),
  };
  scalar.fill(0);
  return keys;
}

function currentRow(db: Db): KeyRow | undefined {
  return stmt(
    db,
    'SELECT * FROM exchange_own_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1',
  ).get() as KeyRow | undefined;
}

const toKeys = (r: KeyRow): OfficeKeys => ({
  office: r.office,
  signingSecret: Uint8Array.from(Buffer.from(r.signing_secret, 'hex')),
  signingKey: r.signing_key,
  ageIdentity: r.age_identity,
  recipient: r.recipient,
});

/** Whether this office has current keys (false only on a vault not yet provisioned). */
export function hasOwnKeys(db: Db): boolean {
  return currentRow(db) !== undefined;
}

/** This office's current keys, private halves included (zero `signingSecret` when done). */
export function ownKeys(db: Db): OfficeKeys {
  const r = currentRow(db);
  if (!r) throw new Error('This office has no exchange keys yet');
  return toKeys(r);
}

/** This office's current public keys and their fingerprint (8 groups of 5 digits) and creation time. */
export function ownPublicKeys(db: Db): OfficePublicKeys & { fingerprint: string; createdAt: string } {
  const r = currentRow(db);
  if (!r) throw new Error('This office has no exchange keys yet');
  return {
    office: r.office,
    signingKey: r.signing_key,
    recipient: r.recipient,
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
  };
}

/**
 * Every key this office has held, current first: a package made for a key since retired (a
 * rotation while it was on its way) still opens. Zero each `signingSecret` when done.
 */
export function ownKeyRing(db: Db): OfficeKeys[] {
  return (
    stmt(db, 'SELECT * FROM exchange_own_keys ORDER BY retired_at IS NOT NULL, id DESC').all() as KeyRow[]
  ).map(toKeys);
}

/** Stores new current keys for the office (call inside a transaction); returns their public half. */
export function createOwnKeys(
  db: Db,
  office: OfficeProfile,
  now: Date,
): OfficePublicKeys & { fingerprint: string } {
  const keys = generateOfficeKeys(office.code);
  const pub = publicKeysOf(keys);
  const fp = fingerprint(pub);
  stmt(
    db,
    `INSERT INTO exchange_own_keys
       (office, signing_secret, signing_key, age_identity, recipient, fingerprint, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    office.code,
    Buffer.from(keys.signingSecret).toString('hex'),
    keys.signingKey,
    keys.ageIdentity,
    keys.recipient,
    fp,
    now.toISOString(),
  );
  keys.signingSecret.fill(0);
  return { ...pub, fingerprint: fp };
}

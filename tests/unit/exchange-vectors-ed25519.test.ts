/**
 * All 914 CCTV Ed25519 vectors (tests/vectors/ed25519, copied unchanged with their LICENSE)
 * through verifyStrict, each against the decision the rule documented in signature.ts implies:
 * refuse a vector flagged low_order_A, low_order_R, non_canonical_A or non_canonical_R; accept
 * the rest (a low-order component or residue alone is accepted: cofactored equation, no blocklist
 * can see a mixed-order point). Every vector is a valid signature apart from its flags.
 */
import { describe, expect, it } from 'vitest';
import { verifyStrict } from '../../src/main/core/exchange/package/signature';
import vectors from '../vectors/ed25519/ed25519vectors.json';

const REFUSED = ['low_order_A', 'low_order_R', 'non_canonical_A', 'non_canonical_R'];

interface Vector {
  number: number;
  key: string;
  sig: string;
  msg: string;
  flags: string[] | null;
}
const all = vectors as Vector[];
const accepts = (v: Vector) => !(v.flags ?? []).some((f) => REFUSED.includes(f));

describe('CCTV Ed25519 vectors through verifyStrict', () => {
  it('has all 914 vectors, 106 of them accepted by the rule', () => {
    expect(all.length).toBe(914);
    expect(all.filter(accepts).length).toBe(106);
  });

  it.each(all.map((v) => [v.number, (v.flags ?? []).join(' ') || 'no flags', v] as const))(
    'vector %i (%s)',
    (_n, _flags, v) => {
      const ok = verifyStrict(
        Buffer.from(v.key, 'hex'),
        Buffer.from(v.msg, 'utf8'),
        Buffer.from(v.sig, 'hex'),
      );
      expect(ok).toBe(accepts(v));
    },
  );
});

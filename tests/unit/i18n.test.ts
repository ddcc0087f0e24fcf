import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  CLEARANCES,
  CONTACT_ROLES,
  DOC_IMPORT_REASONS,
  ERROR_CODES,
  IMPORT_REASONS,
  OFFICE_LEVELS,
  ORG_KINDS,
  ROLES,
} from '../../src/shared/contract';
import { PASSWORD_ISSUES } from '../../src/shared/password';
import { en } from '../../src/renderer/src/i18n/en';
import { vi } from '../../src/renderer/src/i18n/vi';

// The UI's two languages: same keys (also checked by the type of en.ts), same {parameters},
// and a Vietnamese wording for every code the contract can send.
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI text tables', () => {
  it('have the same keys and the same parameters in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(placeholders(en[key as keyof typeof vi]), key).toEqual(placeholders(text));
    }
  });

  it('word every enum and code of the contract', () => {
    const keys = new Set(Object.keys(vi));
    const expected = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...IMPORT_REASONS.map((r) => `contacts.reason.${r}`),
      ...DOC_IMPORT_REASONS.map((r) => `docs.reason.${r}`),
      ...ORG_KINDS.map((k) => `contacts.kind.${k}`),
      ...CONTACT_ROLES.map((r) => `contacts.role.${r}`),
      ...ROLES.map((r) => `role.${r}`),
      ...CLEARANCES.map((c) => `clearance.${c}`),
      ...OFFICE_LEVELS.map((l) => `level.${l}`),
      ...AUDIT_ACTIONS.map((a) => `auditAction.${a}`),
      // Field issue codes of the core's own rules (zod's are worded by their code).
      ...['phone', 'cycle', 'reference', 'not-extended', ...PASSWORD_ISSUES].map((c) => `field.${c}`),
    ];
    expect(expected.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('label only audit actions a module writes (no label left behind by a rename)', () => {
    const actions = new Set<string>(AUDIT_ACTIONS);
    const labelled = Object.keys(vi)
      .filter((k) => k.startsWith('auditAction.'))
      .map((k) => k.slice('auditAction.'.length));
    expect(labelled.filter((a) => !actions.has(a))).toEqual([]);
  });

  it('has no empty entries', () => {
    for (const [key, text] of Object.entries(vi)) expect(text.trim(), key).not.toBe('');
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
  });
});

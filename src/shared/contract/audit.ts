import { z } from 'zod';
import { Empty, Text } from './common';
import { defineModuleContract } from './define';
import type { Role } from './enums';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListInput = z.object({
  actor: Text(40).optional(),
  action: Text(60).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export const AuditListOutput = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export const AuditVerifyOutput = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  /**
   * verified: every seal checked with the audit key (an administrator); not-checked: the hash chain
   * only (this session does not hold the audit key); none: a vault without an audit key (version 1).
   */
  sealing: z.enum(['verified', 'not-checked', 'none']).default('not-checked'),
  /** The first sealed entry (null when none is). */
  sealedFrom: z.number().int().nullable().default(null),
});
export type AuditVerifyOutput = z.infer<typeof AuditVerifyOutput>;

const AUDIT_READERS: readonly Role[] = ['admin', 'leader'];

export const auditContract = defineModuleContract({
  key: 'audit',
  channels: {
    'audit.list': { input: AuditListInput, output: AuditListOutput, access: AUDIT_READERS },
    'audit.verify': { input: Empty, output: AuditVerifyOutput, access: AUDIT_READERS },
    /** The actions the running core can write (every module's), for the audit page's filter. */
    'audit.actions': { input: Empty, output: z.array(z.string()), access: AUDIT_READERS },
  },
  auditActions: ['audit.verify', 'audit.denied', 'audit.seal-start'],
});

import { z } from 'zod';
import { Empty, FileOut, Text } from './common';
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
/**
 * An entry as the log lists it: with what it is about in words ("Sổ đến 2026 số 12 — 15/QĐ-UBND",
 * a contact's name), null when the target has no name or no longer exists. Not part of the hash.
 */
export const AuditListEntry = AuditEntry.extend({ label: z.string().nullable() });
export type AuditListEntry = z.infer<typeof AuditListEntry>;
export const AuditListInput = z.object({
  actor: Text(40).optional(),
  action: Text(60).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  /** One kind of target ("document"), or one object (with targetId). */
  targetType: Text(40).optional(),
  targetId: Text(200).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export const AuditListOutput = z.object({ items: z.array(AuditListEntry), total: z.number().int() });
/** The whole filtered log as an XLSX workbook (for an inspection); the UI may pass its action names. */
export const AuditExportInput = AuditListInput.omit({ limit: true, offset: true }).extend({
  actionLabels: z
    .record(z.string().max(80), z.string().max(200))
    .refine((r) => Object.keys(r).length <= 1000, 'too many labels')
    .optional(),
});
export const AuditVerifyOutput = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyOutput = z.infer<typeof AuditVerifyOutput>;

const AUDIT_READERS: readonly Role[] = ['admin', 'leader'];

export const auditContract = defineModuleContract({
  key: 'audit',
  channels: {
    'audit.list': { input: AuditListInput, output: AuditListOutput, access: AUDIT_READERS },
    'audit.export': { input: AuditExportInput, output: FileOut, access: AUDIT_READERS },
    'audit.verify': { input: Empty, output: AuditVerifyOutput, access: AUDIT_READERS },
    /** The actions the running core can write (every module's), for the audit page's filter. */
    'audit.actions': { input: Empty, output: z.array(z.string()), access: AUDIT_READERS },
  },
  auditActions: ['audit.verify', 'audit.denied', 'audit.export'],
});

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
export const AuditListEntry = AuditEntry.extend({
  label: z.string().nullable(),
  /**
   * The entry is about a classified document above the reader's clearance: its details (names,
   * authorisations, recipients) are withheld, `details` is empty. Not part of the hash.
   */
  withheld: z.boolean(),
});
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
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 hexadecimal digits');

/** The last entry of the log, as anchored outside the database (backups, reports, packages). */
export const AuditHead = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string(),
  /** The entry's seal ('' when not sealed): an anchor with it also catches a chain re-sealed under another key. */
  mac: z.string(),
  count: z.number().int(),
});
export type AuditHead = z.infer<typeof AuditHead>;

/** A head written down earlier (a backup's anchor file, a printed report, a hash read out). */
export const AuditAnchor = z.object({
  seq: z.number().int().positive().optional(),
  hash: Hex64,
  mac: z.union([Hex64, z.literal('')]).optional(),
  /** Where it came from, for the report (a file name, "command line"). */
  source: Text(300).optional(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;

export const AuditVerifyInput = z.object({ anchors: z.array(AuditAnchor).max(1000).default([]) });

export const AUDIT_ANCHOR_STATUSES = ['in-chain', 'in-fork', 'mismatch', 'missing'] as const;
export const AuditVerifyOutput = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  head: AuditHead.nullable().default(null),
  /**
   * verified: every seal checked with the audit key (an administrator); not-checked: the hash chain
   * only (this session does not hold the audit key); none: a vault without an audit key (version 1).
   */
  sealing: z.enum(['verified', 'not-checked', 'none']).default('not-checked'),
  /** The first sealed entry (null when none is). */
  sealedFrom: z.number().int().nullable().default(null),
  /** Each restore in the log: the backup's head it continued from and the entries carried over. */
  forks: z
    .array(
      z.object({
        seq: z.number().int(),
        backupHead: z.object({ seq: z.number().int(), hash: z.string() }),
        replacedHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
        carried: z.number().int(),
        sealing: z.string(),
      }),
    )
    .default([]),
  anchors: z
    .array(
      z.object({
        seq: z.number().int().nullable(),
        hash: z.string(),
        source: z.string(),
        status: z.enum(AUDIT_ANCHOR_STATUSES),
        detail: z.string(),
      }),
    )
    .default([]),
});
export type AuditVerifyOutput = z.infer<typeof AuditVerifyOutput>;

const AUDIT_READERS: readonly Role[] = ['admin', 'leader'];

export const auditContract = defineModuleContract({
  key: 'audit',
  channels: {
    'audit.list': { input: AuditListInput, output: AuditListOutput, access: AUDIT_READERS },
    'audit.export': { input: AuditExportInput, output: FileOut, access: AUDIT_READERS },
    'audit.verify': { input: AuditVerifyInput, output: AuditVerifyOutput, access: AUDIT_READERS },
    /** The head to anchor outside the database (write it down, print it, keep the file). */
    'audit.head': { input: Empty, output: AuditHead.nullable(), access: AUDIT_READERS },
    /** The actions the running core can write (every module's), for the audit page's filter. */
    'audit.actions': { input: Empty, output: z.array(z.string()), access: AUDIT_READERS },
  },
  auditActions: ['audit.verify', 'audit.denied', 'audit.export', 'audit.seal-start'],
});

import { z } from 'zod';

export const ROLES = ['admin', 'leader', 'clerk', 'coordinator', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Ordered lowest first: a user may see an entry when clearanceRank(user) >= levelRank(entry). */
export const CLEARANCES = ['none', 'mat', 'toi-mat', 'tuyet-mat'] as const;
export const Clearance = z.enum(CLEARANCES);
export type Clearance = z.infer<typeof Clearance>;
export function clearanceRank(c: Clearance): number {
  return CLEARANCES.indexOf(c);
}

export const OFFICE_LEVELS = ['province', 'commune', 'agency'] as const;
export const OfficeLevel = z.enum(OFFICE_LEVELS);
export type OfficeLevel = z.infer<typeof OfficeLevel>;

export const ORG_KINDS = [
  'provincial-agency',
  'commune-committee',
  'election-committee',
  'polling-team',
  'telecom',
  'postal',
  'broadcaster',
  'radio-station',
  'police-military',
  'other',
] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const CONTACT_ROLES = ['focal-point', 'duty-officer', 'leader', 'technical'] as const;
export const ContactRole = z.enum(CONTACT_ROLES);
export type ContactRole = z.infer<typeof ContactRole>;

/** Error codes crossing the contract; the renderer maps each to a Vietnamese message. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'LOCKED',
  'WRONG_CREDENTIALS',
  /** Too many failed sign-ins: wait `retryAfterSeconds`. */
  'THROTTLED',
  'USER_DISABLED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'DB_DAMAGED',
  /** The database was written by a newer version of the app (or one with more modules). */
  'SCHEMA_NEWER',
  'BACKUP_INVALID',
  'IMPORT_INVALID',
  'IO',
  'BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

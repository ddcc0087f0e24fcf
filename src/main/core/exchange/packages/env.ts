/**
 * What sending and receiving need around them: the database and this office, the act's clock,
 * transaction and audit (a handler's ctx), the directory of offices and the record types.
 */
import type { OfficeLevel, OfficeProfile } from '../../../../shared/contract';
import type { EXCHANGE_PACKAGE_AUDIT_ACTIONS } from '../../../../shared/contract/exchangePackages';
import type { Db } from '../../db/open';
import type { AuditEntryOf } from '../../handler';
import type { OfficeKeys, OfficePublicKeys } from '../package/keys';
import type { SenderKey } from '../package/package';
import type { RecordTypes } from './recordTypes';

/** A directory entry as exchange rules read it. */
export interface PeerOffice {
  code: string;
  level: OfficeLevel;
  /** Record types it may send us / receive from us (`*`: every type). */
  maySend: readonly string[];
  mayReceive: readonly string[];
}

export interface RecipientTarget {
  codes?: readonly string[] | undefined;
  group?: string | undefined;
  all?: boolean | undefined;
}

/** The directory of offices and this office's keys (exchange/offices). */
export interface ExchangeDirectory {
  ownKeys(db: Db): OfficeKeys;
  senderKey(db: Db, office: string, keyId: string, at: Date): SenderKey | undefined;
  office(db: Db, code: string): PeerOffice | null;
  /** Active offices matching the target, never this office. */
  recipients(db: Db, target: RecipientTarget, at: Date): OfficePublicKeys[];
}

export type ExchangeAuditAction = (typeof EXCHANGE_PACKAGE_AUDIT_ACTIONS)[number];

export interface ExchangeEnv {
  db: Db;
  office: OfficeProfile;
  userName: string;
  now(): Date;
  /** One IMMEDIATE transaction (ctx.tx). */
  tx<T>(fn: () => T): T;
  /** An audit entry by the user, inside the current transaction (ctx.audit). */
  audit(entry: AuditEntryOf<ExchangeAuditAction>): void;
  dir: ExchangeDirectory;
  types: RecordTypes;
  /** Called after each package of a batch (done of total). */
  onProgress?: (done: number, total: number) => void;
}

/** Whether a directory list (maySend, mayReceive) allows a record type. */
export const allowsType = (list: readonly string[], type: string): boolean =>
  list.includes('*') || list.includes(type);

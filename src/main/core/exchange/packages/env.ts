/**
 * What sending and receiving need around them: the database and this office, the act's clock,
 * transaction and audit (a handler's ctx), and the record types the modules declare.
 */
import type { EXCHANGE_PACKAGE_AUDIT_ACTIONS, OfficeProfile } from '../../../../shared/contract';
import type { Db } from '../../db/open';
import type { AuditEntryOf } from '../../handler';
import type { RecordTypes } from '../../db/recordTypes';

export interface ExchangeEnv {
  db: Db;
  office: OfficeProfile;
  userName: string;
  now(): Date;
  /** One IMMEDIATE transaction (ctx.tx). */
  tx<T>(fn: () => T): T;
  /** An audit entry by the user, inside the current transaction (ctx.audit). */
  audit(entry: AuditEntryOf<(typeof EXCHANGE_PACKAGE_AUDIT_ACTIONS)[number]>): void;
  types: RecordTypes;
  /** Called after each step of a batch (done of total). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

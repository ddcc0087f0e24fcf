import type { AuditEntry, OfficeProfile } from '../../../shared/contract';
import type { Db } from '../db/open';

/*
 * What the vault needs from the modules above it, as interfaces the vault owns. The audit and
 * users modules provide them and the composition root hands them in (src/main/core/app.ts,
 * modules.ts), so the vault imports none of those modules and they may depend on it.
 */

/** An audit entry as the caller writes it: the log numbers it and, unless given, dates it. */
export type AuditRecord = Omit<AuditEntry, 'seq' | 'at'> & { at?: string };

/** The hash-chained audit log, as the vault writes to it (provided by the audit module). */
export interface AuditPort {
  /** Appends one entry; call inside the transaction of the act it records. */
  append(db: Db, entry: AuditRecord): void;
  /** Whether entries are being sealed (MACed) now. */
  sealing(db: Db): boolean;
  /** Starts a sealing segment under the audit key; returns the first sequence number it covers. */
  startSegment(db: Db, auditKey: { key: Buffer; epoch: number }): number;
}

/** What the vault's calls need of user accounts (provided by the users module). */
export interface AccountPort {
  /** Throws VALIDATION when the password breaks the policy. */
  checkPassword(password: string, opts: { path: string; userName: string; current?: string }): void;
  /** Records whether the user must change the password at the next sign-in; inside the caller's transaction. */
  setMustChangePassword(db: Db, userName: string, value: boolean, at: Date): void;
}

/**
 * Data a module makes once for each vault (the exchange's office keys): at setup, and at the
 * first unlock of a vault made before the module had it, in a transaction with its audit entry.
 */
export interface Provision {
  /** Whether the vault still lacks it: a read, so an everyday unlock takes no write lock. */
  pending(db: Db): boolean;
  /** Makes it inside the caller's transaction; returns the audit entry recording it. */
  make(
    db: Db,
    at: { office: OfficeProfile; actor: string; now: Date },
  ): Omit<AuditRecord, 'actor' | 'outcome'>;
}

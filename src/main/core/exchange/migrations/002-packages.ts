import type { Migration } from '../../module';

// The exchange log, per-office chain state, the audit heads received and the quarantine of forks.
export default {
  step: 2,
  sql: `
  CREATE TABLE exchange_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    sequence INTEGER,
    result TEXT NOT NULL CHECK (result IN ('sent', 'applied', 'already-applied', 'rejected', 'quarantined')),
    reason TEXT,
    counts TEXT NOT NULL,
    receipt INTEGER NOT NULL CHECK (receipt IN (0, 1)),
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL
  );
  CREATE INDEX exchange_log_hash ON exchange_log(hash);
  CREATE TABLE exchange_peers (
    office TEXT PRIMARY KEY NOT NULL,
    sent_seq INTEGER NOT NULL DEFAULT 0,
    sent_hash TEXT,
    sent_at TEXT,
    watermark INTEGER NOT NULL DEFAULT 0,
    applied_seq INTEGER NOT NULL DEFAULT 0,
    applied_hash TEXT,
    applied_at TEXT,
    acked_seq INTEGER NOT NULL DEFAULT 0,
    acked_at TEXT,
    pending TEXT
  );
  CREATE TABLE exchange_chain (
    office TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    sequence INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (office, direction, sequence)
  );
  CREATE TABLE exchange_audit_heads (
    office TEXT NOT NULL,
    count INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (office, count)
  );
  CREATE TABLE exchange_quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    applied_hash TEXT,
    hash TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
  );
`,
} satisfies Migration;

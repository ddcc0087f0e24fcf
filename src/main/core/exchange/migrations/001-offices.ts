import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// This office's keys (local) and the directory of offices (shared, from the province).
export default {
  step: 1,
  sql: `
  CREATE TABLE exchange_own_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    office TEXT NOT NULL,
    signing_secret TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    age_identity TEXT NOT NULL,
    recipient TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
  );
  CREATE UNIQUE INDEX exchange_own_keys_current ON exchange_own_keys(office) WHERE retired_at IS NULL;
  CREATE TABLE exchange_offices (${SHARED_RECORD_SQL},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'commune', 'agency')),
    signing_key TEXT NOT NULL,
    recipient TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    groups TEXT NOT NULL,
    may_send TEXT NOT NULL,
    may_receive TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    revoked_at TEXT,
    revoked_reason TEXT,
    organization_id TEXT
  );
  `,
} satisfies Migration;

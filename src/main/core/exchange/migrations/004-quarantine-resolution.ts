import type { Migration } from '../../module';

// How an administrator resolved a quarantined fork: the package applied kept (the other dismissed)
// or the sender's restart accepted (its chain here rewound), with the reason, who and when.
export default {
  step: 4,
  sql: `
  ALTER TABLE exchange_quarantine ADD COLUMN resolution TEXT CHECK (resolution IN ('kept', 'restarted'));
  ALTER TABLE exchange_quarantine ADD COLUMN resolved_reason TEXT;
  ALTER TABLE exchange_quarantine ADD COLUMN resolved_by TEXT;
  ALTER TABLE exchange_quarantine ADD COLUMN resolved_at TEXT;
  `,
} satisfies Migration;

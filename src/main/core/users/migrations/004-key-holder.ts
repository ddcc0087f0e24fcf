import type { Migration } from '../../module';

// Which key-file holder (the hash of the user's public key) is each user's: grants and slots are
// addressed to it, so the key file itself names no one. Empty until the user's slot is made
// (created, password reset, or first sign-in after the upgrade from key file version 1).
export default {
  step: 4,
  sql: `
  ALTER TABLE users ADD COLUMN key_holder TEXT;
  `,
} satisfies Migration;

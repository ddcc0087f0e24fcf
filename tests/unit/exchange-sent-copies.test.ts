/**
 * The copies of sent packages kept for a resend: in pieces of 1 MiB, never whole in memory, gone
 * with their package once it is acknowledged; a copy kept whole by an older version moves into
 * the pieces as it is.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/main/core/db/migrations';
import { openEncrypted } from '../../src/main/core/db/open';
import { buildRegistry } from '../../src/main/core/moduleRegistry';
import { MODULES } from '../../src/main/core/modules';
import { keepSentFile, sentFilePieces, sentFiles } from '../../src/main/core/exchange/packages/state';
import type { PendingSend } from '../../src/main/core/exchange/packages/state';
import { tempDir } from '../helpers/core';

const newDb = () =>
  openEncrypted(join(tempDir(), 'v.db'), randomBytes(32).toString('hex'), 'aegis', { create: true });

const pending = (sequence: number): PendingSend => ({
  sequence,
  hash: 'a'.repeat(64),
  path: '',
  fileName: `SKHCN-UBXA-${String(sequence).padStart(6, '0')}.ttllpkg`,
  size: 0,
  records: 1,
  watermark: null,
  counts: {},
  receipt: false,
  createdAt: '2026-11-29T01:00:00.000Z',
});

describe('kept copies of sent packages', () => {
  it('are kept in 1 MiB pieces, read back in order, and go with their package', () => {
    const db = newDb();
    applyMigrations(db, buildRegistry(MODULES).steps);
    const bytes = randomBytes(2 * 1024 * 1024 + 5);
    const file = join(tempDir(), 'p.ttllpkg');
    writeFileSync(file, bytes);
    db.transaction(() => keepSentFile(db, 'UBXA', pending(7), file))();
    const pieces = [...sentFilePieces(db, 'UBXA', 7)];
    expect(pieces.map((p) => p.length)).toEqual([1024 * 1024, 1024 * 1024, 5]);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    expect(sentFiles(db, 'UBXA', 1).map((f) => f.sequence)).toEqual([7]);
    // Kept again (a crash before its record): replaced, not doubled.
    db.transaction(() => keepSentFile(db, 'UBXA', pending(7), file))();
    expect(Buffer.concat([...sentFilePieces(db, 'UBXA', 7)]).equals(bytes)).toBe(true);

    db.prepare('DELETE FROM exchange_sent_files WHERE office = ? AND sequence <= ?').run('UBXA', 7);
    expect(db.prepare('SELECT count(*) AS n FROM exchange_sent_chunks').get()).toEqual({ n: 0 });
  });

  it('a copy kept whole before this version moves into the pieces unchanged', () => {
    const db = newDb();
    const { steps } = buildRegistry(MODULES);
    applyMigrations(
      db,
      steps.filter((s) => s.id !== 'exchange/6'),
    );
    const bytes = randomBytes(3000);
    db.prepare(
      `INSERT INTO exchange_sent_files (office, sequence, file_name, records, receipt, bytes)
       VALUES ('UBXA', 3, 'SKHCN-UBXA-000003.ttllpkg', 2, 0, ?)`,
    ).run(bytes);
    applyMigrations(db, steps);
    expect(Buffer.concat([...sentFilePieces(db, 'UBXA', 3)]).equals(bytes)).toBe(true);
    const columns = (db.prepare('PRAGMA table_info(exchange_sent_files)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('bytes');
  });
});

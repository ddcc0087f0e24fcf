/**
 * The files of records in packages (a table whose policy has `file`, db/tablePolicy.ts).
 *
 * Sending: a record goes without its bytes; they follow as the package's attachments, one per
 * live record with a file, in record order, so the signed manifest binds each attachment to its
 * record by position. Receiving: each attachment is decrypted on its own, checked against its
 * record's SHA-256 and size, and staged in the encrypted database (exchange_incoming_files)
 * before the package's apply transaction puts the bytes back into the record. Decryption is
 * asynchronous and the apply transaction is not, so the staging is what keeps memory at one file
 * at a time instead of every file of a batch; a file never touches the disk outside the vault.
 */
import { randomUUID } from 'node:crypto';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { stmt } from '../../db/open';
import type { FilePolicy } from '../../db/tablePolicy';
import { AppError } from '../../errors';
import { PackageError } from '../package/codes';
import type { BuildInput, OpenedPackage } from '../package/package';
import { sha256Hex } from '../package/package';
import type { PackageRecord } from '../package/payload';
import type { RecordType, RecordTypes } from '../../db/recordTypes';

/** age adds a header (a line of about 100 bytes per recipient) and 16 bytes per 64 KiB chunk. */
const ageOverhead = (plain: number, recipients: number): number =>
  1024 + 256 * recipients + 16 * Math.ceil((plain + 1) / 65536);

const MIME = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

const fileOf = (type: RecordType | undefined): FilePolicy | undefined => type?.table.policy.file;

function sqlColumn(type: RecordType, field: string): string {
  const c = (getTableColumns(type.table.table) as Record<string, SQLiteColumn>)[field];
  if (!c) throw new Error(`${getTableName(type.table.table)} has no field ${field}`);
  return c.name;
}

/** The record as it travels: without its file's bytes. */
export function withoutFile(type: RecordType, row: Record<string, unknown>): PackageRecord['record'] {
  const file = fileOf(type);
  if (!file) return row as PackageRecord['record'];
  const { [file.content]: _bytes, ...rest } = row;
  return rest as PackageRecord['record'];
}

/** The records of a package that bring a file, in order: live records of a type with a file. */
function withFiles(types: RecordTypes, records: readonly PackageRecord[]) {
  return records.flatMap((r) => {
    const type = types.byName.get(r.type);
    const file = fileOf(type);
    return type && file && !r.record.deleted ? [{ type, file, record: r.record }] : [];
  });
}

/**
 * The attachments of a package with these records, each read from the database when the package
 * writer comes to it (one in memory at a time): a file no longer matching its record, changed
 * since the record was read, refuses the export.
 */
export function outgoingFiles(
  db: Db,
  types: RecordTypes,
  records: readonly PackageRecord[],
): NonNullable<BuildInput['attachments']> {
  return withFiles(types, records).map(({ type, file, record }) => {
    const mime = record.mime;
    const size = Number(record[file.size]);
    return {
      contentType: typeof mime === 'string' && MIME.test(mime) ? mime : 'application/octet-stream',
      size,
      read() {
        const row = stmt(
          db,
          `SELECT "${sqlColumn(type, file.content)}" AS bytes FROM "${getTableName(type.table.table)}" WHERE id = ?`,
        ).get(record.id) as { bytes: Buffer } | undefined;
        if (!row || row.bytes.length !== size || sha256Hex(row.bytes) !== record[file.sha256])
          throw new AppError(
            'CONFLICT',
            `The file of ${type.table.what} ${record.id} changed meanwhile; export again`,
          );
        return row.bytes;
      },
    };
  });
}

/** Staged files of the imports running in this process; any other staged row is a crash's leftover. */
const running = new Set<string>();

/** One import's staging area for the files of the packages it reads. */
export interface FileStage {
  /** Decrypts and checks a package's files and stages them; PackageError when one is wrong. */
  stage(p: OpenedPackage): Promise<void>;
  /** The bytes a record of a package brings back (inside the apply transaction); null if not staged. */
  content(p: OpenedPackage, type: RecordType, record: Record<string, unknown>): Buffer | null;
  /** Forgets everything staged (after the batch, whatever happened). */
  close(): void;
}

export function openFileStage(db: Db, types: RecordTypes): FileStage {
  const run = randomUUID();
  const placeholders = () => [...running].map(() => '?').join(',');
  // Leftovers of a process killed mid-import: nobody will apply them.
  stmt(db, `DELETE FROM exchange_incoming_files WHERE run NOT IN (${placeholders()})`).run(...running);
  running.add(run);
  return {
    async stage(p) {
      const expected = withFiles(types, p.records);
      if (expected.length !== p.attachments.length)
        throw new PackageError(
          'PKG_FILE_MISMATCH',
          `${p.attachments.length} attachment(s) for ${expected.length} record file(s)`,
        );
      for (const [i, { type, file, record }] of expected.entries()) {
        const size = record[file.size];
        const sha256 = record[file.sha256];
        const what = `${type.table.what} ${record.id}`;
        if (file.content in record)
          throw new PackageError('PKG_RECORD_INVALID', `the ${what} carries its file inline`);
        if (typeof size !== 'number' || typeof sha256 !== 'string')
          throw new PackageError('PKG_RECORD_INVALID', `the ${what} lacks its file's size or hash`);
        const att = p.attachments[i]!;
        // From sizes the signature covers, before anything is decrypted.
        const cap = file.maxBytes + ageOverhead(file.maxBytes, p.manifest.recipients.length);
        if (size > file.maxBytes || att.size > cap)
          throw new PackageError('PKG_FILE_TOO_LARGE', `the file of ${what}: ${size} bytes`);
        const bytes = Buffer.from(await att.bytes());
        if (bytes.length !== size || sha256Hex(bytes) !== sha256)
          throw new PackageError('PKG_FILE_MISMATCH', `attachment ${i + 1} is not the file of ${what}`);
        stmt(
          db,
          'INSERT OR IGNORE INTO exchange_incoming_files (run, package_hash, sha256, content) VALUES (?, ?, ?, ?)',
        ).run(run, p.hash, sha256, bytes);
      }
    },
    content(p, type, record) {
      const file = fileOf(type);
      if (!file) throw new Error(`${type.name} records have no file`);
      if (record.deleted) return Buffer.alloc(0);
      const row = stmt(
        db,
        'SELECT content FROM exchange_incoming_files WHERE run = ? AND package_hash = ? AND sha256 = ?',
      ).get(run, p.hash, record[file.sha256]) as { content: Buffer } | undefined;
      return row?.content ?? null;
    },
    close() {
      running.delete(run);
      stmt(db, 'DELETE FROM exchange_incoming_files WHERE run = ?').run(run);
    },
  };
}

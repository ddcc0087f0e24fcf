import { randomUUID } from 'node:crypto';
import { OfficeProfile, type Settings } from '../../../shared/contract';
import { stmt, type Db } from './open';

/** Key/value settings of this office, JSON values, inside the encrypted database. */
export function getSetting(db: Db, key: string): unknown {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}

export function putSetting(db: Db, key: string, value: unknown): void {
  stmt(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export const DEFAULT_SETTINGS: Settings = {
  idleTimeoutMinutes: 10,
  backupDir: '',
  backupEveryHours: 24,
  backupKeep: 14,
  lastBackupAt: null,
  protectionYears: { mat: 10, 'toi-mat': 20, 'tuyet-mat': 30 },
  reportPeriodStart: { day: 15, month: 12 },
};

export function readSettings(db: Db): Settings {
  const stored = (getSetting(db, 'app.settings') ?? {}) as Partial<Settings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export function writeSettings(db: Db, s: Settings): void {
  putSetting(db, 'app.settings', s);
}

const INCARNATION_KEY = 'kernel.incarnation';

/**
 * This database's incarnation: a random UUID made at setup (settings step 2) and replaced when a
 * backup is restored, so what is issued after a restore (versions, change-feed sequences) is
 * never taken for what was issued before it from the same numbers.
 */
export function currentIncarnation(db: Db): string {
  const v = getSetting(db, INCARNATION_KEY);
  if (typeof v !== 'string') throw new Error('This database has no incarnation');
  return v;
}

/**
 * currentIncarnation as an SQL value, for a statement that writes it in every row (the change
 * feed): read by SQLite in the statement itself, not once per row through JS.
 */
export const INCARNATION_SQL = `(SELECT value ->> '$' FROM settings WHERE key = '${INCARNATION_KEY}')`;

/** Starts a new incarnation (at restore, in the restored database); returns it. */
export function newIncarnation(db: Db): string {
  const id = randomUUID();
  putSetting(db, INCARNATION_KEY, id);
  return id;
}

/**
 * This office's profile, with the fields added after setup filled with their defaults (place name,
 * drafting units), so a vault made by an older version reads as it always did.
 */
export function readOffice(db: Db): OfficeProfile {
  const raw = getSetting(db, 'office');
  const parsed = OfficeProfile.safeParse(raw);
  if (parsed.success) return parsed.data;
  return { placeName: '', draftingUnits: [], ...(raw as Partial<OfficeProfile>) } as OfficeProfile;
}

export function writeOffice(db: Db, office: OfficeProfile): void {
  putSetting(db, 'office', office);
}

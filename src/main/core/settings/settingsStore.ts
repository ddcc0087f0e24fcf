import type { Settings } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';

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

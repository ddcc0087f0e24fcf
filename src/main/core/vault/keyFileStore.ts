import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { getSetting } from '../db/settingsStore';
import { AppError } from '../errors';
import { KEY_FILE, NEXT_KEY_FILE } from './dataFolder';
import { readKeyFile, syncDir, writeKeyFile, type AnyKeyFile, type KeyFileV2 } from './keyfile';

/** The setting naming the key-file generation the database was last sealed for. */
export const GENERATION_SETTING = 'vault.keyFileGeneration';

/**
 * The key file of a data folder on disk, with the one written ahead of a database change
 * (NEXT_KEY_FILE) until the database says whether that change committed.
 */
export class KeyFileStore {
  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, KEY_FILE);
  }
  get nextPath(): string {
    return join(this.dataDir, NEXT_KEY_FILE);
  }

  read(): AnyKeyFile {
    const kf = readKeyFile(this.path);
    if (!kf) throw new AppError('NOT_INITIALIZED', 'This data folder has not been set up');
    return kf;
  }

  /** The key file as a version 2 one; CONFLICT while the vault still waits for its upgrade. */
  v2(): KeyFileV2 {
    const kf = this.read();
    if (kf.format !== 'ttll-vault/2')
      throw new AppError('CONFLICT', 'An administrator must sign in once to upgrade this vault first');
    return kf;
  }

  write(kf: KeyFileV2): void {
    writeKeyFile(this.path, kf);
  }

  /** The key file written ahead of its database change, if one is there and readable. */
  pending(): AnyKeyFile | null {
    try {
      return readKeyFile(this.nextPath);
    } catch {
      return null; // a torn .next never committed anything: it is dropped at unlock
    }
  }

  /**
   * A key file written ahead of its database change is promoted when the database committed that
   * change (it names the file's generation), dropped otherwise. Returns the credential for the
   * file that stays (opened again with the password if needed). Under the write lock.
   */
  settle<C extends { kf: AnyKeyFile }>(db: Db, cred: C, reopen: (kf: AnyKeyFile) => C | null): C | null {
    const next = this.pending();
    if (!existsSync(this.nextPath)) return cred;
    const nextGeneration = next?.format === 'ttll-vault/2' ? next.generation : null;
    const fromNext = cred.kf.format === 'ttll-vault/2' && cred.kf.generation === nextGeneration;
    if (next && nextGeneration && getSetting(db, GENERATION_SETTING) === nextGeneration) {
      renameSync(this.nextPath, this.path);
      syncDir(this.dataDir);
      return fromNext ? cred : reopen(next);
    }
    rmSync(this.nextPath, { force: true });
    return fromNext ? reopen(this.read()) : cred;
  }
}

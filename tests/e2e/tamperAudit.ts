// Edits one audit entry of a vault the way an insider with the key and a SQLite tool could:
// `tsx tests/e2e/tamperAudit.ts DATA_DIR USER PASSWORD SEQ`. Used to prove `audit verify` notices.
import Database from 'better-sqlite3';
import { applyKey } from '../../src/main/core/db/open';
import { Core } from '../../src/main/core/app';

const [dataDir, user, password, seq] = process.argv.slice(2);
if (!dataDir || !user || !password || !seq) throw new Error('usage: DATA_DIR USER PASSWORD SEQ');
const { vault } = Core.open({ dataDir, kdfTargetMs: 50 });
await vault.unlock(user, password);
const keyHex = vault.keyForRestore()!.toString('hex');
const cipher = vault.cipher();
vault.lock();
const db = new Database(vault.dbPath);
applyKey(db, keyHex, cipher);
db.exec('DROP TRIGGER audit_log_no_update');
db.prepare('UPDATE audit_log SET details = \'{"edited":true}\' WHERE seq = ?').run(Number(seq));
db.close();
console.log(`edited audit entry ${seq}`);

import { exchangeContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { exchangeCli } from './offices/cli';
import m001 from './migrations/001-offices';
import m002 from './migrations/002-packages';
import m003 from './migrations/003-sent-files';
import m004 from './migrations/004-quarantine-resolution';
import m005 from './migrations/005-incoming-files';
import m006 from './migrations/006-sent-chunks';
import { packagesCli } from './packages/cli';
import { packagesHandlers } from './packages/handlers';
import {
  exchangeAuditHeads,
  exchangeChain,
  exchangeIncomingFiles,
  exchangeLog,
  exchangePeers,
  exchangeQuarantine,
  exchangeSentChunks,
  exchangeSentFiles,
} from './packages/schema';
import { OFFICE_RECORDS } from './offices/directory';
import { officesHandlers } from './offices/handlers';
import { ownKeysProvision } from './offices/provision';
import { exchangeOwnKeys } from './offices/schema';
import { localTable } from '../db/tablePolicy';

/**
 * Data exchange between offices: this office's keys and the directory of offices (offices/),
 * the signed package format (package/), and sending, receiving and the exchange log (packages/).
 */
export const exchangeModule = defineModule({
  contract: exchangeContract,
  handlers: { ...officesHandlers, ...packagesHandlers },
  migrations: [m001, m002, m003, m004, m005, m006],
  tables: [
    {
      table: exchangeOwnKeys,
      policy: localTable("this office's private keys: they never leave the encrypted database"),
    },
    OFFICE_RECORDS,
    { table: exchangeLog, policy: localTable("this office's log of the packages it sent and received") },
    { table: exchangePeers, policy: localTable('where each chain of packages with another office stands') },
    {
      table: exchangeChain,
      policy: localTable('the packages of each chain, for replays, forks and receipts'),
    },
    {
      table: exchangeAuditHeads,
      policy: localTable('the audit heads other offices showed in their packages'),
    },
    { table: exchangeQuarantine, policy: localTable('forks kept for an administrator to look at') },
    {
      table: exchangeSentFiles,
      policy: localTable('copies of the packages sent and not yet acknowledged, to write them again'),
    },
    { table: exchangeSentChunks, policy: localTable('the bytes of those copies, in pieces of 1 MiB') },
    {
      table: exchangeIncomingFiles,
      policy: localTable('files of packages being imported, checked and waiting for their apply'),
    },
  ],
  cli: [...exchangeCli, ...packagesCli],
  cliWords: ['keys', 'directory', 'packages'],
  provision: ownKeysProvision,
});

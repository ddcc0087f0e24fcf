import { exchangeContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { exchangeCli } from './offices/cli';
import m001 from './migrations/001-offices';
import { OFFICE_RECORDS } from './offices/directory';
import { officesHandlers } from './offices/handlers';
import { ownKeysProvision } from './offices/provision';
import { exchangeOwnKeys } from './offices/schema';
import { localTable } from '../db/tablePolicy';

/**
 * Data exchange between offices: this office's keys and the directory of offices (offices/),
 * and the signed package format (package/).
 */
export const exchangeModule = defineModule({
  contract: exchangeContract,
  handlers: { ...officesHandlers },
  migrations: [m001],
  tables: [
    {
      table: exchangeOwnKeys,
      policy: localTable("this office's private keys: they never leave the encrypted database"),
    },
    OFFICE_RECORDS,
  ],
  cli: exchangeCli,
  cliWords: ['keys', 'directory'],
  provision: ownKeysProvision,
});

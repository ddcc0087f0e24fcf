import { settingsContract } from '../../../shared/contract';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { settingsCli } from './cli';
import { settingsHandlers } from './handlers';
import m001 from './migrations/001-settings';
import m002 from './migrations/002-change-feed';
import { changeFeed, settings } from './schema';

export const settingsModule = defineModule({
  contract: settingsContract,
  handlers: settingsHandlers,
  cli: settingsCli,
  migrations: [m001, m002],
  tables: [
    { table: settings, policy: localTable("this office's settings") },
    {
      table: changeFeed,
      policy: localTable("this office's sequence of changes to shared records (what to package next)"),
    },
  ],
});

import { settingsContract } from '../../../shared/contract';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { settingsHandlers } from './handlers';
import m001 from './migrations/001-settings';
import { settings } from './schema';

export const settingsModule = defineModule({
  contract: settingsContract,
  handlers: settingsHandlers,
  migrations: [m001],
  tables: [{ table: settings, policy: localTable("this office's settings") }],
});

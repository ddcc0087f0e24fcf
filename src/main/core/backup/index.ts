import { backupContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { backupCli } from './cli';
import { backupHandlers } from './handlers';

export const backupModule = defineModule({
  contract: backupContract,
  handlers: backupHandlers,
  migrations: [],
  tables: [],
  cli: backupCli,
});

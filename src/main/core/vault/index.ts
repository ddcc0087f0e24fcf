import { vaultContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { vaultHandlers } from './handlers';

/** Setup, sign-in, lock and passwords; its data lives in the key file and the users/settings tables. */
export const vaultModule = defineModule({
  contract: vaultContract,
  handlers: vaultHandlers,
  migrations: [],
  tables: [],
});

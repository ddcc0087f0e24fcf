import { usersContract } from '../../../shared/contract';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { usersCli } from './cli';
import { usersHandlers } from './handlers';
import { setMustChangePassword } from './mustChangePassword';
import { checkPassword } from './passwordPolicy';
import type { AccountPort } from '../vault/ports';
import m001 from './migrations/001-users';
import m002 from './migrations/002-export-permission';
import m003 from './migrations/003-must-change-password';
import m004 from './migrations/004-key-holder';
import { users } from './schema';

export const usersModule = defineModule({
  contract: usersContract,
  handlers: usersHandlers,
  migrations: [m001, m002, m003, m004],
  tables: [{ table: users, policy: localTable('the people who sign in at this office') }],
  cli: usersCli,
});

/** The password rules and must-change flag, as the vault's calls use them (wired in modules.ts). */
export const accountPort: AccountPort = { checkPassword, setMustChangePassword };

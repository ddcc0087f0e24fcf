import { vaultContract } from '../../shared/contract';
import { auditModule } from './audit';
import { backupModule } from './backup';
import { contactsModule } from './contacts';
import { docsModule } from './docs';
import { exchangeModule } from './exchange';
import { inspectionsModule } from './inspections';
import { defineHandlers } from './handler';
import { defineModule, type CoreModule } from './module';
import { plansModule } from './plans';
import { settingsModule } from './settings';
import { accountPort, usersModule } from './users';
import { vaultCalls } from './vault/handlers';

/**
 * Setup, sign-in, lock and passwords; its data lives in the key file and the users/settings tables.
 * Declared here, where the vault's calls meet the module shape and the users module's password
 * rules, so the vault itself imports neither.
 */
const vaultModule = defineModule({
  contract: vaultContract,
  handlers: defineHandlers(vaultContract)(vaultCalls(accountPort)),
  migrations: [],
  tables: [],
});

/**
 * The modules of the app, in load order: schema steps are applied module by module in this
 * order, so a module may depend only on those before it. Adding a module is one line here and
 * one in src/shared/contract/index.ts (and a section in the renderer if it has a screen).
 */
export const MODULES: readonly CoreModule[] = [
  settingsModule,
  usersModule,
  auditModule,
  vaultModule,
  backupModule,
  contactsModule,
  docsModule,
  plansModule,
  exchangeModule,
  inspectionsModule,
] as readonly CoreModule[];

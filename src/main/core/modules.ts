import { auditModule } from './audit';
import { backupModule } from './backup';
import { contactsModule } from './contacts';
import { docsModule } from './docs';
import { exchangeModule } from './exchange';
import type { CoreModule } from './module';
import { plansModule } from './plans';
import { settingsModule } from './settings';
import { usersModule } from './users';
import { vaultModule } from './vault';

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
] as readonly CoreModule[];

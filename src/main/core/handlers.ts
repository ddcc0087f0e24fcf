import type { Channel } from '../../shared/contract';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backup/handlers';
import { contactHandlers } from './contacts/handlers';
import type { Handlers } from './handler';
import { printHandlers } from './registry/printHandlers';
import { registryHandlers } from './registry/handlers';
import { docImportHandlers } from './registry/importHandlers';
import { settingsHandlers } from './settings/handlers';
import { userHandlers } from './users/handlers';
import { vaultHandlers } from './vault/handlers';

/** Every channel of the contract has exactly one handler: a missing one is a type error. */
export const handlers: Handlers<Channel> = {
  ...vaultHandlers,
  ...userHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...contactHandlers,
  ...registryHandlers,
  ...printHandlers,
  ...docImportHandlers,
};

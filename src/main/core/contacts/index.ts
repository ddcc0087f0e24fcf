import { contactsContract } from '../../../shared/contract';
import { localTable, sharedTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { contactsCli } from './cli';
import { contactsHandlers } from './handlers';
import m001 from './migrations/001-directory';
import { contactPhones, contacts, contactSearchKeys, organizations } from './schema';

export const contactsModule = defineModule({
  contract: contactsContract,
  handlers: contactsHandlers,
  migrations: [m001],
  tables: [
    { table: organizations, policy: sharedTable('both') },
    { table: contacts, policy: sharedTable('both') },
    { table: contactPhones, policy: localTable('derived from contacts (duplicate flags)') },
    { table: contactSearchKeys, policy: localTable('derived from contacts (search and sort keys)') },
  ],
  cli: contactsCli,
});

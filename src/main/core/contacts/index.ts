import { contactsContract } from '../../../shared/contract';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { contactsCli } from './cli';
import { CONTACT_RECORDS } from './contactStore';
import { contactsHandlers } from './handlers';
import { contactsTemplateHandlers } from './importTemplate';
import m001 from './migrations/001-directory';
import m002 from './migrations/002-list-order';
import { ORGANIZATION_RECORDS } from './organizations';
import { contactPhones, contacts, contactSearchKeys } from './schema';

export const contactsModule = defineModule({
  contract: contactsContract,
  handlers: { ...contactsHandlers, ...contactsTemplateHandlers },
  migrations: [m001, m002],
  tables: [
    ORGANIZATION_RECORDS,
    CONTACT_RECORDS,
    {
      table: contactPhones,
      policy: localTable('derived from contacts (duplicate flags)', { derivedFrom: contacts }),
    },
    {
      table: contactSearchKeys,
      policy: localTable('derived from contacts (search and sort keys)', { derivedFrom: contacts }),
    },
  ],
  cli: contactsCli,
});

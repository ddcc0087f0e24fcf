import { docsContract } from '../../../shared/contract';
import { localTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { ATTACHMENT_RECORDS } from './attachments';
import { docsCli } from './cli';
import { DOCUMENT_RECORDS } from './documentStore';
import { docsHandlers } from './handlers';
import { docsImportHandlers } from './importHandlers';
import { docsTemplateHandlers } from './importTemplate';
import { COPY_RECORDS, DECISION_RECORDS, TRANSFER_RECORDS } from './lifecycle';
import m001 from './migrations/001-registers';
import m002 from './migrations/002-lifecycle';
import m003 from './migrations/003-handling';
import m004 from './migrations/004-sealed';
import m005 from './migrations/005-search-order';
import m006 from './migrations/006-list-index';
import m007 from './migrations/007-search-merge';
import { docsPrintHandlers } from './printHandlers';
import { DOCS_SEALED } from './sealing';
import { docsSimilarHandlers } from './similar';
import { documentCounters, documentHandling, documents, documentSearchKeys } from './schema';

export const docsModule = defineModule({
  contract: docsContract,
  handlers: {
    ...docsHandlers,
    ...docsImportHandlers,
    ...docsPrintHandlers,
    ...docsSimilarHandlers,
    ...docsTemplateHandlers,
  },
  migrations: [m001, m002, m003, m004, m005, m006, m007],
  tables: [
    DOCUMENT_RECORDS,
    ATTACHMENT_RECORDS,
    TRANSFER_RECORDS,
    COPY_RECORDS,
    DECISION_RECORDS,
    { table: documentCounters, policy: localTable("this office's register numbering") },
    {
      table: documentHandling,
      policy: localTable(
        "this office's handling of each entry, its own or received (processing, reply, holder)",
      ),
    },
    {
      table: documentSearchKeys,
      policy: localTable('derived from documents (search keys)', { derivedFrom: documents }),
    },
  ],
  cli: docsCli,
  sealed: DOCS_SEALED,
});

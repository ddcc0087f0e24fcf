import { docsContract } from '../../../shared/contract';
import { localTable, sharedTable } from '../db/tablePolicy';
import { defineModule } from '../module';
import { docsCli } from './cli';
import { docsHandlers } from './handlers';
import { docsImportHandlers } from './importHandlers';
import m001 from './migrations/001-registers';
import m002 from './migrations/002-lifecycle';
import { docsPrintHandlers } from './printHandlers';
import {
  documentAttachments,
  documentCopies,
  documentCounters,
  documentDecisions,
  documents,
  documentSearchKeys,
  documentTransfers,
} from './schema';

export const docsModule = defineModule({
  contract: docsContract,
  handlers: { ...docsHandlers, ...docsImportHandlers, ...docsPrintHandlers },
  migrations: [m001, m002],
  tables: [
    // Ordinary entries travel when chosen one by one; classified ones never leave (exchange rule).
    { table: documents, policy: sharedTable('both') },
    { table: documentAttachments, policy: sharedTable('never') },
    { table: documentTransfers, policy: sharedTable('never') },
    { table: documentCopies, policy: sharedTable('never') },
    { table: documentDecisions, policy: sharedTable('never') },
    { table: documentCounters, policy: localTable("this office's register numbering") },
    { table: documentSearchKeys, policy: localTable('derived from documents (search keys)') },
  ],
  cli: docsCli,
});

import { inspectionsContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { inspectionsCli } from './cli';
import { inspectionsHandlers } from './handlers';
import m001 from './migrations/001-inspections';
import { inspectionsPrintHandlers } from './printHandlers';
import {
  ACTION_RECORDS,
  CHECKLIST_RECORDS,
  FILE_RECORDS,
  FINDING_RECORDS,
  INSPECTION_RECORDS,
  RESULT_RECORDS,
  SELF_RECORDS,
} from './store';

export const inspectionsModule = defineModule({
  contract: inspectionsContract,
  handlers: { ...inspectionsHandlers, ...inspectionsPrintHandlers },
  migrations: [m001],
  tables: [
    CHECKLIST_RECORDS,
    INSPECTION_RECORDS,
    RESULT_RECORDS,
    FINDING_RECORDS,
    ACTION_RECORDS,
    FILE_RECORDS,
    SELF_RECORDS,
  ],
  cli: inspectionsCli,
});

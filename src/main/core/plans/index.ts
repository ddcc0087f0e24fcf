import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { plansContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { plansCli } from './cli';
import { plansHandlers } from './handlers';
import { localTable } from '../db/tablePolicy';
import m001 from './migrations/001-plans';
import m002 from './migrations/002-due-dates';
import m003 from './migrations/003-evidence';
import m004 from './migrations/004-reporting';
import { plansPrintHandlers } from './printHandlers';
import { planTaskDues, planTaskOrgs, planTaskState, planTasks, planTaskText } from './schema';
import { EVIDENCE_RECORDS } from './evidence';
import { EVENT_RECORDS, PLAN_RECORDS, PROGRESS_RECORDS, TASK_RECORDS } from './store';

/** What this office derives from the tasks (dueIndex.ts): local, rebuilt by the records' hooks. */
const derived = (table: SQLiteTable, what: string) => ({
  table,
  policy: localTable(`derived from tasks (${what})`, { derivedFrom: planTasks }),
});

export const plansModule = defineModule({
  contract: plansContract,
  handlers: { ...plansHandlers, ...plansPrintHandlers },
  migrations: [m001, m002, m003, m004],
  tables: [
    EVENT_RECORDS,
    PLAN_RECORDS,
    TASK_RECORDS,
    PROGRESS_RECORDS,
    EVIDENCE_RECORDS,
    derived(planTaskState, 'due dates, state'),
    derived(planTaskDues, 'due dates'),
    derived(planTaskText, 'search text'),
    derived(planTaskOrgs, 'organisations'),
  ],
  cli: plansCli,
  // The CLI speaks of events, tasks and progress reports as words of their own.
  cliWords: ['events', 'tasks', 'reports'],
});

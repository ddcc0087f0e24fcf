import { plansContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { plansCli } from './cli';
import { plansHandlers } from './handlers';
import { localTable } from '../db/tablePolicy';
import m001 from './migrations/001-plans';
import m002 from './migrations/002-due-dates';
import { plansPrintHandlers } from './printHandlers';
import { planTaskDues, planTaskOrgs, planTaskState, planTasks } from './schema';
import { EVENT_RECORDS, PLAN_RECORDS, PROGRESS_RECORDS, TASK_RECORDS } from './store';

export const plansModule = defineModule({
  contract: plansContract,
  handlers: { ...plansHandlers, ...plansPrintHandlers },
  migrations: [m001, m002],
  tables: [
    EVENT_RECORDS,
    PLAN_RECORDS,
    TASK_RECORDS,
    PROGRESS_RECORDS,
    {
      table: planTaskState,
      policy: localTable('derived from tasks (due dates, state)', { derivedFrom: planTasks }),
    },
    { table: planTaskDues, policy: localTable('derived from tasks (due dates)', { derivedFrom: planTasks }) },
    {
      table: planTaskOrgs,
      policy: localTable('derived from tasks (organisations)', { derivedFrom: planTasks }),
    },
  ],
  cli: plansCli,
  // The CLI speaks of events, tasks and progress reports as words of their own.
  cliWords: ['events', 'tasks', 'reports'],
});

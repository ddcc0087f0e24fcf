import { plansContract } from '../../../shared/contract';
import { defineModule } from '../module';
import { plansCli } from './cli';
import { plansHandlers } from './handlers';
import m001 from './migrations/001-plans';
import { plansPrintHandlers } from './printHandlers';
import { EVENT_RECORDS, PLAN_RECORDS, PROGRESS_RECORDS, TASK_RECORDS } from './store';

export const plansModule = defineModule({
  contract: plansContract,
  handlers: { ...plansHandlers, ...plansPrintHandlers },
  migrations: [m001],
  tables: [EVENT_RECORDS, PLAN_RECORDS, TASK_RECORDS, PROGRESS_RECORDS],
  cli: plansCli,
  // The CLI speaks of events, tasks and progress reports as words of their own.
  cliWords: ['events', 'tasks', 'reports'],
});

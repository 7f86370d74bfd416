import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { JobDefinition } from '../../../platform/jobs/index.ts';
import { resetMonthlyBudgets } from './budgets.ts';
import {
  budgetResetQueue,
  scheduleBudgetReset,
  type BudgetResetJobData,
} from './budgets-schedule.ts';

/**
 * The worker: resets the monthly budgets whose month has passed, then queues the next reset, for
 * the 1st after both now and this job's own time (a job started a moment early by clock skew must
 * not queue itself again). Repeating it is harmless: a budget of the current month is left alone.
 */
export function budgetResetJob(): JobDefinition<BudgetResetJobData> {
  return {
    queue: budgetResetQueue,
    async handle(run, env) {
      const ctx: ServiceContext = {
        db: env.db,
        clock: env.clock,
        requestId: run.id,
        sourceIp: '',
        source: 'system',
        log: env.log,
        principal: null,
      };
      const reset = await resetMonthlyBudgets(ctx);
      env.log.info({ reset }, 'monthly budgets reset');
      const now = env.clock.now();
      const own = new Date(run.data.at);
      const after = Number.isNaN(own.getTime()) || own < now ? now : own;
      await withTransaction(env.db, (tx) => scheduleBudgetReset(tx, after, now));
    },
  };
}

import { eq, sql } from 'drizzle-orm';
import { platformSettings } from '../../../platform/config/schema.ts';
import type { Db } from '../../../platform/db/index.ts';
import { enqueueJob, type QueueSpec } from '../../../platform/jobs/index.ts';
import { DEFAULT_OPERATOR_TIME_ZONE, isTimeZone, nextMonthlyReset } from './budgets-rules.ts';

/** The `platform_settings` key of the operator's time zone (the monthly reset's midnight). */
export const OPERATOR_TIME_ZONE_KEY = 'platform.operator_time_zone';

/** The operator's time zone: the setting when it names a known zone, else Asia/Shanghai. */
export async function readOperatorTimeZone(db: Db): Promise<string> {
  const [row] = await db
    .select({ value: platformSettings.value })
    .from(platformSettings)
    .where(eq(platformSettings.key, OPERATOR_TIME_ZONE_KEY));
  return typeof row?.value === 'string' && isTimeZone(row.value)
    ? row.value
    : DEFAULT_OPERATOR_TIME_ZONE;
}

/** The monthly budget reset (R-FUND-06); one job waits for each coming 1st at 00:00. */
export const budgetResetQueue: QueueSpec = {
  name: 'accounts-budget-reset',
  retryLimit: 5,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 600,
};

/** The `platform_settings` key holding the reset time a job is already queued for. */
export const BUDGET_RESET_SCHEDULE_KEY = 'accounts.budget_reset_scheduled_for';

/** What a reset job carries: the 00:00 on the 1st it was queued for (ISO). */
export interface BudgetResetJobData {
  at: string;
}

/**
 * Queues the reset for the first 00:00 on the 1st (operator's time zone) after `after`, in `tx`,
 * unless a job for that time is queued already: the schedule row changes only for a new time, and
 * the transaction that changes it is the one that enqueues, so concurrent callers queue one job.
 */
export async function scheduleBudgetReset(tx: Db, after: Date, now: Date): Promise<void> {
  const at = nextMonthlyReset(after, await readOperatorTimeZone(tx)).toISOString();
  const changed = await tx
    .insert(platformSettings)
    .values({ key: BUDGET_RESET_SCHEDULE_KEY, value: at, updatedAt: now, updatedBy: 'system' })
    .onConflictDoUpdate({
      target: platformSettings.key,
      set: { value: at, updatedAt: now },
      setWhere: sql`${platformSettings.value} <> ${JSON.stringify(at)}::jsonb`,
    })
    .returning({ key: platformSettings.key });
  if (changed.length > 0) {
    const data: BudgetResetJobData = { at };
    await enqueueJob(tx, budgetResetQueue, data, { startAfter: new Date(at) });
  }
}

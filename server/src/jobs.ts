import type { JobDefinition, QueueSpec } from './platform/jobs/index.ts';
import type { SigningKey } from './platform/signing/index.ts';
import { bindingNotificationJob, bindingNotificationQueue } from './modules/customers/index.ts';
import { budgetResetJob, budgetResetQueue } from './modules/accounts/index.ts';

/**
 * Every background queue of the application, as app.ts lists every route: `huoban migrate` (and
 * start, and the test template database) installs them, `huoban start` works them.
 */
export const jobQueues: QueueSpec[] = [bindingNotificationQueue, budgetResetQueue];

export interface JobDependencies {
  signingKey: SigningKey;
}

/** The workers of `jobQueues`. */
export function jobDefinitions(deps: JobDependencies): JobDefinition[] {
  return [bindingNotificationJob({ signingKey: deps.signingKey }), budgetResetJob()];
}

import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { platformSettings } from '../../../platform/config/schema.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { invalidParameter } from '../../../platform/http/errors.ts';
import { actorName } from './shared.ts';
import {
  ASSOCIATION_LIMIT_BOUNDS,
  MAX_REVIEWER_CONTACT_LENGTH,
  parseAssociationRequestLimit,
  parsePreReviewSetting,
  toStoredAssociationRequestLimit,
  type AssociationRequestLimit,
  type PreReviewSetting,
} from './association-rules.ts';

/** When and by whom an operator setting was last changed (null and '' while the default applies). */
interface SettingChange {
  updatedAt: Date | null;
  updatedBy: string;
}

/** An operator setting of this module, parsed, with its last change. */
async function readSetting<T>(
  db: Db,
  key: string,
  parse: (value: unknown) => T,
): Promise<T & SettingChange> {
  const [row] = await db.select().from(platformSettings).where(eq(platformSettings.key, key));
  return {
    ...parse(row?.value),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? '',
  };
}

/** Stores an operator setting in `tx` and audits the change with its old and new value. */
async function writeSetting(
  ctx: ServiceContext,
  tx: Db,
  change: {
    key: string;
    action: string;
    before: Record<string, unknown>;
    value: Record<string, unknown>;
    updatedBy: string;
  },
): Promise<Date> {
  const now = ctx.clock.now();
  const { key, value, updatedBy } = change;
  await tx
    .insert(platformSettings)
    .values({ key, value, updatedAt: now, updatedBy })
    .onConflictDoUpdate({
      target: platformSettings.key,
      set: { value, updatedAt: now, updatedBy },
    });
  await recordAudit(ctx, tx, {
    action: change.action,
    resourceType: 'platform.setting',
    resourceId: key,
    resourceName: key,
    before: change.before,
    after: value,
  });
  return now;
}

/** The `platform_settings` key of the limit; the customers module owns it. */
export const ASSOCIATION_REQUEST_LIMIT_KEY = 'customers.association_request_limit';

export type AssociationRequestLimitSetting = AssociationRequestLimit & SettingChange;

/** The limit in force, read inside the caller's transaction when one is given. */
export function readAssociationRequestLimit(db: Db): Promise<AssociationRequestLimitSetting> {
  return readSetting(db, ASSOCIATION_REQUEST_LIMIT_KEY, parseAssociationRequestLimit);
}

function assertOperator(ctx: ServiceContext) {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
}

/**
 * The operator's limit on disassociation and type-switch requests (R-DIS-02/03, U2).
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`.
 */
export async function getAssociationRequestLimit(
  ctx: ServiceContext,
): Promise<AssociationRequestLimitSetting> {
  assertOperator(ctx);
  return readAssociationRequestLimit(ctx.db);
}

/**
 * Sets how many requests each side may make per customer within how many months (R-DIS-02/03:
 * the spec's two rule sets differ, so the operator chooses; U2). Audited with the old and new value.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`; CBC.0100
 *   naming `max_requests` or `period_months` when out of range.
 */
export async function setAssociationRequestLimit(
  ctx: ServiceContext,
  input: AssociationRequestLimit,
): Promise<AssociationRequestLimitSetting> {
  const principal = assertOperator(ctx);
  const { maxRequests, periodMonths } = ASSOCIATION_LIMIT_BOUNDS;
  if (
    !Number.isInteger(input.maxRequests) ||
    input.maxRequests < maxRequests.min ||
    input.maxRequests > maxRequests.max
  ) {
    throw invalidParameter(
      'max_requests',
      `must be an integer from ${maxRequests.min} to ${maxRequests.max}`,
    );
  }
  if (
    !Number.isInteger(input.periodMonths) ||
    input.periodMonths < periodMonths.min ||
    input.periodMonths > periodMonths.max
  ) {
    throw invalidParameter(
      'period_months',
      `must be an integer from ${periodMonths.min} to ${periodMonths.max}`,
    );
  }
  return withTransaction(ctx.db, async (tx) => {
    const before = await readAssociationRequestLimit(tx);
    const updatedBy = actorName(principal);
    const updatedAt = await writeSetting(ctx, tx, {
      key: ASSOCIATION_REQUEST_LIMIT_KEY,
      action: 'customers.association_limit.update',
      before: toStoredAssociationRequestLimit(before),
      value: toStoredAssociationRequestLimit(input),
      updatedBy,
    });
    return { ...input, updatedAt, updatedBy };
  });
}

/** The `platform_settings` key of the disassociation pre-review (R-DIS-06). */
export const PRE_REVIEW_KEY = 'customers.disassociation_pre_review';

export type PreReviewSettingView = PreReviewSetting & SettingChange;

/** Whether partners' disassociation requests are pre-reviewed, read in the caller's transaction. */
export function readPreReviewSetting(db: Db): Promise<PreReviewSettingView> {
  return readSetting(db, PRE_REVIEW_KEY, parsePreReviewSetting);
}

/**
 * The operator's disassociation pre-review setting (R-DIS-06).
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`.
 */
export async function getPreReviewSetting(ctx: ServiceContext): Promise<PreReviewSettingView> {
  assertOperator(ctx);
  return readPreReviewSetting(ctx.db);
}

/**
 * Turns the operator's pre-review of partners' disassociation requests on or off (R-DIS-06) and
 * sets the contact a partner sees beside a failed pre-review. Requests already waiting for the
 * review stay in the queue when it is turned off. Audited with the old and new value.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`; CBC.0100
 *   naming `reviewer_contact` when it is blank while the review is on, or too long.
 */
export async function setPreReviewSetting(
  ctx: ServiceContext,
  input: PreReviewSetting,
): Promise<PreReviewSettingView> {
  const principal = assertOperator(ctx);
  const contact = input.reviewerContact.trim();
  if (input.enabled && contact === '') {
    throw invalidParameter('reviewer_contact', 'must not be blank while the pre-review is on');
  }
  if (contact.length > MAX_REVIEWER_CONTACT_LENGTH) {
    throw invalidParameter(
      'reviewer_contact',
      `must be at most ${MAX_REVIEWER_CONTACT_LENGTH} characters`,
    );
  }
  return withTransaction(ctx.db, async (tx) => {
    const before = await readPreReviewSetting(tx);
    const updatedBy = actorName(principal);
    const updatedAt = await writeSetting(ctx, tx, {
      key: PRE_REVIEW_KEY,
      action: 'customers.pre_review_setting.update',
      before: { enabled: before.enabled, reviewer_contact: before.reviewerContact },
      value: { enabled: input.enabled, reviewer_contact: contact },
      updatedBy,
    });
    return { enabled: input.enabled, reviewerContact: contact, updatedAt, updatedBy };
  });
}

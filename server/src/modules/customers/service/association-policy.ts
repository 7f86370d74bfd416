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

/** The `platform_settings` key of the limit; the customers module owns it. */
export const ASSOCIATION_REQUEST_LIMIT_KEY = 'customers.association_request_limit';

export interface AssociationRequestLimitSetting extends AssociationRequestLimit {
  /** Null while the default applies (nobody has set the limit yet). */
  updatedAt: Date | null;
  updatedBy: string;
}

/** The limit in force, read inside the caller's transaction when one is given. */
export async function readAssociationRequestLimit(db: Db): Promise<AssociationRequestLimitSetting> {
  const [row] = await db
    .select()
    .from(platformSettings)
    .where(eq(platformSettings.key, ASSOCIATION_REQUEST_LIMIT_KEY));
  return {
    ...parseAssociationRequestLimit(row?.value),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? '',
  };
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
    const now = ctx.clock.now();
    const value = toStoredAssociationRequestLimit(input);
    const updatedBy = actorName(principal);
    await tx
      .insert(platformSettings)
      .values({ key: ASSOCIATION_REQUEST_LIMIT_KEY, value, updatedAt: now, updatedBy })
      .onConflictDoUpdate({
        target: platformSettings.key,
        set: { value, updatedAt: now, updatedBy },
      });
    await recordAudit(ctx, tx, {
      action: 'customers.association_limit.update',
      resourceType: 'platform.setting',
      resourceId: ASSOCIATION_REQUEST_LIMIT_KEY,
      resourceName: ASSOCIATION_REQUEST_LIMIT_KEY,
      before: toStoredAssociationRequestLimit(before),
      after: value,
    });
    return { ...input, updatedAt: now, updatedBy };
  });
}

/** The `platform_settings` key of the disassociation pre-review (R-DIS-06). */
export const PRE_REVIEW_KEY = 'customers.disassociation_pre_review';

export interface PreReviewSettingView extends PreReviewSetting {
  updatedAt: Date | null;
  updatedBy: string;
}

/** Whether partners' disassociation requests are pre-reviewed, read in the caller's transaction. */
export async function readPreReviewSetting(db: Db): Promise<PreReviewSettingView> {
  const [row] = await db
    .select()
    .from(platformSettings)
    .where(eq(platformSettings.key, PRE_REVIEW_KEY));
  return {
    ...parsePreReviewSetting(row?.value),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? '',
  };
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
    const now = ctx.clock.now();
    const value = { enabled: input.enabled, reviewer_contact: contact };
    const updatedBy = actorName(principal);
    await tx
      .insert(platformSettings)
      .values({ key: PRE_REVIEW_KEY, value, updatedAt: now, updatedBy })
      .onConflictDoUpdate({
        target: platformSettings.key,
        set: { value, updatedAt: now, updatedBy },
      });
    await recordAudit(ctx, tx, {
      action: 'customers.pre_review_setting.update',
      resourceType: 'platform.setting',
      resourceId: PRE_REVIEW_KEY,
      resourceName: PRE_REVIEW_KEY,
      before: { enabled: before.enabled, reviewer_contact: before.reviewerContact },
      after: value,
    });
    return { enabled: input.enabled, reviewerContact: contact, updatedAt: now, updatedBy };
  });
}

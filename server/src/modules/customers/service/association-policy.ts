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
  parseAssociationRequestLimit,
  toStoredAssociationRequestLimit,
  type AssociationRequestLimit,
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

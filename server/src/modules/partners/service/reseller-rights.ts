import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { partners, resellerRights } from '../schema.ts';
import { findResellerOf } from '../lookup.ts';

export const RESELLER_RIGHTS_RESOURCE = 'partners.reseller_rights';

/** What a distributor lets one of its resellers do (P-37 授权). */
export interface ResellerRights {
  resellerId: string;
  resellerName: string;
  /** 代客下单 / 代客运维: the reseller may ask its customers for authorization (SM-19). */
  onBehalf: boolean;
  /** Null while the distributor has granted nothing yet. */
  updatedAt: Date | null;
  updatedBy: string;
}

function assertDistributor(ctx: ServiceContext): Principal {
  assertAccountType(ctx, ['tier1_distributor']);
  return assertPermission(ctx, Permissions.RESELLER_MANAGE);
}

async function rightsRow(db: Db, distributorId: string, resellerId: string) {
  const [row] = await db
    .select()
    .from(resellerRights)
    .where(
      and(
        eq(resellerRights.partnerId, distributorId),
        eq(resellerRights.resellerPartnerId, resellerId),
      ),
    );
  return row ?? null;
}

async function ownReseller(db: Db, distributorId: string, resellerId: string) {
  const reseller = await findResellerOf(db, distributorId, resellerId);
  if (!reseller) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such reseller' });
  return reseller;
}

/**
 * The rights the calling distributor granted one of its resellers (P-37 授权).
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0404
 *   when the reseller is unknown or bound to another distributor.
 */
export async function getResellerRights(
  ctx: ServiceContext,
  resellerId: string,
): Promise<ResellerRights> {
  const principal = assertDistributor(ctx);
  const reseller = await ownReseller(ctx.db, principal.partnerId, resellerId);
  const row = await rightsRow(ctx.db, principal.partnerId, reseller.id);
  return {
    resellerId: reseller.id,
    resellerName: reseller.name,
    onBehalf: row?.onBehalf ?? false,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? '',
  };
}

/**
 * Grants or withdraws a reseller's rights (P-37 授权). Withdrawing 代客下单/代客运维 stops new
 * authorization requests of the reseller; authorizations its customers already gave stay until
 * they revoke them (SM-19). Audited with the old and new rights.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0404
 *   when the reseller is unknown or bound to another distributor.
 */
export async function setResellerRights(
  ctx: ServiceContext,
  input: { resellerId: string; onBehalf: boolean },
): Promise<ResellerRights> {
  const principal = assertDistributor(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const reseller = await ownReseller(tx, principal.partnerId, input.resellerId);
    const before = await rightsRow(tx, principal.partnerId, reseller.id);
    const now = ctx.clock.now();
    const updatedBy = `${principal.accountName}/${principal.userName}`;
    await tx
      .insert(resellerRights)
      .values({
        id: newId(),
        partnerId: principal.partnerId,
        resellerPartnerId: reseller.id,
        onBehalf: input.onBehalf,
        updatedAt: now,
        updatedBy,
      })
      .onConflictDoUpdate({
        target: [resellerRights.partnerId, resellerRights.resellerPartnerId],
        set: { onBehalf: input.onBehalf, updatedAt: now, updatedBy },
      });
    await recordAudit(ctx, tx, {
      partnerId: principal.partnerId,
      action: 'partners.reseller_rights.update',
      resourceType: RESELLER_RIGHTS_RESOURCE,
      resourceId: reseller.id,
      resourceName: reseller.name,
      before: { onBehalf: before?.onBehalf ?? false },
      after: { onBehalf: input.onBehalf },
    });
    return {
      resellerId: reseller.id,
      resellerName: reseller.name,
      onBehalf: input.onBehalf,
      updatedAt: now,
      updatedBy,
    };
  });
}

/**
 * Whether the reseller `resellerId` holds its distributor's 代客下单/代客运维 right, which SM-19
 * requires before it asks a customer for authorization. A reseller no longer bound to a
 * distributor holds no right: the grant belonged to the distributor it left.
 */
export async function holdsOnBehalfRight(db: Db, resellerId: string): Promise<boolean> {
  const [row] = await db
    .select({ onBehalf: resellerRights.onBehalf })
    .from(resellerRights)
    .innerJoin(
      partners,
      and(
        eq(partners.id, resellerRights.resellerPartnerId),
        eq(partners.parentPartnerId, resellerRights.partnerId),
      ),
    )
    .where(eq(resellerRights.resellerPartnerId, resellerId));
  return row?.onBehalf ?? false;
}

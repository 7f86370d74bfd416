import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { balanceOf, postTransaction } from '../../accounts/index.ts';
import type { DisassociationEffect } from '../../customers/index.ts';
import { couponWireStatus } from '../rules.ts';
import { coupons } from '../schema.ts';
import {
  balanceAfter,
  COUPON_RESOURCE,
  couponAccount,
  logOperation,
  OperationTypes,
  partnerCoupon,
  quotaAccount,
} from './shared.ts';

/** The remark of the automatic reclaims in the partner's coupon operation records. */
export const DISASSOCIATION_RECLAIM_REMARK = 'disassociation';

/**
 * R-COUP-07, R-DIS-07: when a customer leaves its partner, every coupon that partner issued to it
 * and that is not yet spent or expired (未激活 or 可使用) is reclaimed: the whole balance goes back
 * to the quota it came from, in the transaction that completes the disassociation, logged and
 * audited like a manual reclaim. Expired and used coupons stay as they are (SM-6); coupons of
 * other issuers and the customer's own stored-value cards are not this partner's to take.
 * Registered by the composition root.
 */
export const reclaimCouponsOnDisassociation: DisassociationEffect = async (
  tx,
  ctx,
  { partnerId, customer },
) => {
  const now = ctx.clock.now();
  const held = await tx
    .select()
    .from(coupons)
    .where(
      and(
        eq(coupons.partnerId, partnerId),
        eq(coupons.customerId, customer.id),
        eq(coupons.status, 'issued'),
        partnerCoupon(),
      ),
    )
    .orderBy(asc(coupons.id))
    .for('update');
  for (const coupon of held) {
    const account = couponAccount(coupon);
    const balance = await balanceOf(tx, account);
    const status = couponWireStatus(coupon, balance, now);
    if (status !== 1 && status !== 2) continue;
    const posted = await postTransaction(ctx, tx, {
      kind: 'coupon_reclaim',
      partnerId,
      legs: [
        { account, amount: balance.neg() },
        { account: quotaAccount({ id: coupon.quotaId, partnerId }), amount: balance },
      ],
      amount: balance,
      counterparty: { type: 'customer', id: customer.id, name: customer.accountName },
      memo: DISASSOCIATION_RECLAIM_REMARK,
    });
    await tx
      .update(coupons)
      .set({
        status: 'reclaimed',
        reclaimedAmount: balance.toFixed(2),
        reclaimedAt: now,
        updatedAt: now,
      })
      .where(and(eq(coupons.partnerId, partnerId), eq(coupons.id, coupon.id)));
    await logOperation(ctx, tx, {
      partnerId,
      operationType: OperationTypes.COUPON_RECLAIM,
      quotaId: coupon.quotaId,
      couponId: coupon.id,
      customerId: customer.id,
      customerName: customer.accountName,
      amount: balance,
      balanceAfter: balanceAfter(posted, account),
      transactionId: posted.id,
      remark: DISASSOCIATION_RECLAIM_REMARK,
    });
    await recordAudit(ctx, tx, {
      partnerId,
      action: 'coupons.coupon.reclaim_on_disassociation',
      resourceType: COUPON_RESOURCE,
      resourceId: coupon.id,
      resourceName: customer.accountName,
      before: { status: 'issued', balance: balance.toFixed(2) },
      after: { status: 'reclaimed', balance: '0.00', transactionId: posted.id },
    });
  }
};

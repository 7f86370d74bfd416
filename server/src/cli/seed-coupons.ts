import {
  grantQuota,
  issueCoupons,
  issueQuotaToResellers,
  reclaimCoupon,
  reclaimResellerQuotas,
} from '../modules/coupons/index.ts';
import { DAY_MS, HOUR_MS } from '../platform/clock/index.ts';
import type { AuthenticatedContext } from '../platform/http/context.ts';
import { Money } from '../platform/money/index.ts';

/** The demo's coupons (issue 4, item 9): who holds which quota and coupons after `seed --demo`. */
export interface DemoCouponsInput {
  /** The operator's context: it grants quota (R-COUP-01). */
  operator: AuthenticatedContext;
  company: { partnerId: string; ctx: AuthenticatedContext };
  distributor: { partnerId: string; ctx: AuthenticatedContext };
  /** A公司's associated resale customers, in seed order. */
  companyResaleCustomerIds: readonly string[];
  resellerIds: readonly string[];
}

/** The quota the operator grants A公司 and the distributor. */
export const DEMO_COMPANY_QUOTA = '50000.00';
export const DEMO_DISTRIBUTOR_QUOTA = '20000.00';

/** A公司's coupons, one per resale customer in seed order; the third is reclaimed. */
export const DEMO_COUPONS = [
  { faceValue: '500.00', minimumOrderAmount: '100.00', memo: '新客首购 (demo)' },
  { faceValue: '1000.00', minimumOrderAmount: '0.00', memo: '续费激励 (demo)' },
  { faceValue: '300.00', minimumOrderAmount: '50.00', memo: '误发，已回收 (demo)' },
] as const;

function at(ctx: AuthenticatedContext, when: Date): AuthenticatedContext {
  return { ...ctx, clock: { now: () => when } };
}

function assertAllSucceeded(what: string, errors: readonly { id: string; errorCode: string }[]) {
  if (errors.length > 0) {
    throw new Error(
      `demo ${what} failed: ${errors.map((e) => `${e.id} ${e.errorCode}`).join(', ')}`,
    );
  }
}

/**
 * Seeds coupon quotas and coupons through the real services, so every amount is a ledger posting
 * and an operation-log line: the operator grants A公司 and the distributor a quota valid for a
 * year, A公司 issues coupons to its first resale customers and reclaims one issued by mistake,
 * and the distributor issues quota to its resellers and takes one back. Moves are an hour apart
 * from 10 days ago, so 券管理's 操作记录 reads like a history.
 */
export async function seedDemoCoupons(input: DemoCouponsInput): Promise<void> {
  const now = input.operator.clock.now().getTime();
  const start = now - 10 * DAY_MS;
  let step = 0;
  const next = (ctx: AuthenticatedContext) => at(ctx, new Date(start + step++ * HOUR_MS));
  const validity = {
    effectiveTime: new Date(start),
    expireTime: new Date(now + 365 * DAY_MS),
    scope: { cloudServiceTypes: [], productIds: [] },
  };
  const companyQuota = await grantQuota(next(input.operator), {
    ...validity,
    partnerId: input.company.partnerId,
    amount: new Money(DEMO_COMPANY_QUOTA),
    remark: '年度代金券额度 (demo)',
  });
  const distributorQuota = await grantQuota(next(input.operator), {
    ...validity,
    partnerId: input.distributor.partnerId,
    amount: new Money(DEMO_DISTRIBUTOR_QUOTA),
    remark: '年度代金券额度 (demo)',
  });

  const issued: string[] = [];
  for (const [index, coupon] of DEMO_COUPONS.entries()) {
    const customerId = input.companyResaleCustomerIds[index];
    if (!customerId) break;
    const result = await issueCoupons(next(input.company.ctx), {
      quotaId: companyQuota.quotaId,
      customerIds: [customerId],
      faceValue: new Money(coupon.faceValue),
      minimumOrderAmount: new Money(coupon.minimumOrderAmount),
      scope: { cloudServiceTypes: [], productIds: [] },
      memo: coupon.memo,
    });
    assertAllSucceeded('coupon issue', result.errorDetails);
    issued.push(...result.couponInfos.map((info) => info.couponId));
  }
  const mistaken = issued[2];
  if (mistaken) await reclaimCoupon(next(input.company.ctx), { couponId: mistaken });

  const resellerQuotas: string[] = [];
  for (const [index, resellerId] of input.resellerIds.entries()) {
    const result = await issueQuotaToResellers(next(input.distributor.ctx), {
      quotaId: distributorQuota.quotaId,
      indirectPartnerIds: [resellerId],
      amount: new Money(index === 0 ? '5000.00' : '3000.00'),
    });
    assertAllSucceeded('reseller quota issue', result.errorDetails);
    resellerQuotas.push(...result.simpleQuotaInfos.map((info) => info.quotaId));
  }
  const taken = resellerQuotas[1];
  if (taken) {
    const result = await reclaimResellerQuotas(next(input.distributor.ctx), {
      quotaIds: [taken],
      remark: '额度调整 (demo)',
    });
    assertAllSucceeded('reseller quota reclaim', result.errorDetails);
  }
}

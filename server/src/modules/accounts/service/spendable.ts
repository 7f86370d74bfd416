import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import { findFundsCustomers, resolveFundsPartner } from '../../customers/index.ts';
import { balanceOf } from './ledger.ts';
import {
  assertCaller,
  BALANCE_ACCOUNT_TYPES,
  customerCash,
  partnerCash,
  partnerCredit,
} from './shared.ts';

/** One source of money the holder can spend now, with the time it stops being spendable. */
export interface SpendableSource {
  kind: 'cash' | 'credit' | 'coupon';
  amount: MoneyValue;
  /** Null: it does not expire (cash, a credit line without an end). */
  expiresAt: Date | null;
  /** The coupon's id (coupon sources only). */
  reference?: string;
}

/** A coupon a customer can spend now, as the coupons module reports it. */
export interface UsableCouponBalance {
  couponId: string;
  balance: MoneyValue;
  expireTime: Date;
}

/**
 * The usable coupons of one customer of `partnerId`, soonest expiry first. The coupons module
 * owns them and imports this one, so the composition root hands its reader in.
 */
export type UsableCouponSource = (
  db: Db,
  partnerId: string,
  customerId: string,
  now: Date,
) => Promise<UsableCouponBalance[]>;

let usableCouponSource: UsableCouponSource | null = null;

/** Installs the coupons module's reader of usable coupons (see `UsableCouponSource`). */
export function registerUsableCouponSource(source: UsableCouponSource): void {
  usableCouponSource = source;
}

async function usableCouponsOf(
  db: Db,
  partnerId: string,
  customerId: string,
  now: Date,
): Promise<SpendableSource[]> {
  if (!usableCouponSource) throw new Error('no usable-coupon source registered');
  const usable = await usableCouponSource(db, partnerId, customerId, now);
  return usable.map((coupon) => ({
    kind: 'coupon',
    amount: coupon.balance,
    expiresAt: coupon.expireTime,
    reference: coupon.couponId,
  }));
}

export interface SpendableFunds {
  total: MoneyValue;
  sources: SpendableSource[];
}

function summed(sources: SpendableSource[]): SpendableFunds {
  const positive = sources.filter((source) => source.amount.gt(0));
  return {
    total: positive.reduce((sum, source) => sum.plus(source.amount), new Money(0)),
    sources: positive,
  };
}

function readPermission(ctx: AuthenticatedContext) {
  return ctx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)
    ? Permissions.ACCOUNT_BALANCE_VIEW
    : Permissions.CUSTOMER_VIEW;
}

/**
 * What a resale customer can spend in one view (Huoban extension, issue 4 item 6): its cash
 * balance and each usable coupon (active, unexpired by the clock, with a balance) with its
 * expiry. Customers hold no credit line. Sources that hold nothing are left out.
 *
 * @throws CBC.0151 wrong caller class or no read permission; CBC.0404 unknown, foreign,
 *   out-of-scope, referral or disassociated customer (a foreign `indirect_partner_id` too).
 */
export async function customerSpendableFunds(
  ctx: AuthenticatedContext,
  input: { customerId: string; indirectPartnerId?: string | undefined },
): Promise<SpendableFunds> {
  const principal = assertCaller(ctx, BALANCE_ACCOUNT_TYPES, readPermission(ctx));
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'read');
  const [customer] = partnerId
    ? await findFundsCustomers(ctx.db, principal, partnerId, [input.customerId])
    : [];
  if (!customer || customer.status !== 'active' || customer.associationType !== '2') {
    throw new ApiError(Errors.NOT_FOUND, { field: 'customer_id', detail: 'no such customer' });
  }
  return summed([
    { kind: 'cash', amount: await balanceOf(ctx.db, customerCash(customer)), expiresAt: null },
    ...(await usableCouponsOf(ctx.db, customer.partnerId, customer.id, ctx.clock.now())),
  ]);
}

/**
 * What the calling partner (or, by `indirect_partner_id`, its reseller) can spend: cash and what
 * is left of its credit line. Partners hold coupon quota, not coupons: quota only issues coupons
 * to customers (R-COUP), so it is not spendable and not listed.
 *
 * @throws CBC.0151 wrong caller class or no `account.balance.view`; CBC.99000037 foreign reseller.
 */
export async function partnerSpendableFunds(
  ctx: AuthenticatedContext,
  input: { indirectPartnerId?: string | undefined },
): Promise<SpendableFunds> {
  const principal = assertCaller(ctx, BALANCE_ACCOUNT_TYPES, Permissions.ACCOUNT_BALANCE_VIEW);
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'write');
  if (!partnerId) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  return summed([
    { kind: 'cash', amount: await balanceOf(ctx.db, partnerCash(partnerId)), expiresAt: null },
    { kind: 'credit', amount: await balanceOf(ctx.db, partnerCredit(partnerId)), expiresAt: null },
  ]);
}

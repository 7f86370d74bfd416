import {
  registerUsableCouponSource,
  returnBalanceOnDisassociation,
} from './modules/accounts/index.ts';
import { reclaimCouponsOnDisassociation, usableCouponsOf } from './modules/coupons/index.ts';
import { registerDisassociationEffect } from './modules/customers/index.ts';

/**
 * Wires the cross-module steps whose provider imports the module that runs them (accounts and
 * coupons import customers; coupons imports accounts), so the consumer cannot import the
 * provider. Idempotent: `buildApp` and `openRuntime` both call it.
 */
export function installModuleHooks(): void {
  // R-DIS-07: the cash first, then the coupons, in the transaction completing the disassociation.
  registerDisassociationEffect(returnBalanceOnDisassociation);
  registerDisassociationEffect(reclaimCouponsOnDisassociation);
  registerUsableCouponSource(usableCouponsOf);
}

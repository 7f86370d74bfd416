import {
  registerUsableCouponSource,
  returnBalanceOnDisassociation,
} from './modules/accounts/index.ts';
import { reclaimCouponsOnDisassociation, usableCouponsOf } from './modules/coupons/index.ts';
import {
  isCustomerAccountNameTaken,
  registerDisassociationEffect,
} from './modules/customers/index.ts';
import { registerAccountNameUse } from './modules/partners/index.ts';

/**
 * Wires the cross-module steps whose provider imports the module that runs them (accounts and
 * coupons import customers; coupons imports accounts; customers imports partners), so the
 * consumer cannot import the provider. Idempotent: `buildApp` and `openRuntime` both call it.
 */
export function installModuleHooks(): void {
  // R-DIS-07: the cash first, then the coupons, in the transaction completing the disassociation.
  registerDisassociationEffect(returnBalanceOnDisassociation);
  registerDisassociationEffect(reclaimCouponsOnDisassociation);
  registerUsableCouponSource(usableCouponsOf);
  // Partners and customers sign in on one page: a new partner account takes no customer's name.
  registerAccountNameUse(isCustomerAccountNameTaken);
}

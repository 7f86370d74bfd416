export { registerCouponsApi } from './api.ts';
export { registerCouponsConsoleRoutes } from './console.ts';
export { registerCouponsPortalRoutes } from './portal.ts';
export {
  grantQuota,
  issueCoupons,
  issueQuotaToResellers,
  reclaimCoupon,
  reclaimGrantedQuota,
  reclaimResellerQuotas,
  type CouponIssue,
  type CouponIssueResult,
  usableCouponsOf,
  type QuotaGrant,
  type UsableCoupon,
} from './service/index.ts';
export { reclaimCouponsOnDisassociation } from './service/disassociation.ts';

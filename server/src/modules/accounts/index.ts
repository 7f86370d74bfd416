export { registerAccountsApi } from './api.ts';
export { registerAccountsConsoleRoutes } from './console.ts';
export { registerBudgetApi } from './budget-api.ts';
export {
  notifyBudgetAlerts,
  recordCustomerSpend,
  resetMonthlyBudgets,
  setCustomerBudgets,
  type FiredBudgetAlert,
  type SpendOutcome,
} from './service/budgets.ts';
export { budgetResetJob } from './service/budgets-reset-job.ts';
export { grantResellerBudgetQuota } from './service/budget-quotas.ts';
export { budgetResetQueue } from './service/budgets-schedule.ts';
export { registerAccountsPortalRoutes } from './portal.ts';
export {
  allocateToCustomer,
  allocateToReseller,
  reclaimFromCustomer,
  reclaimFromReseller,
  recordTopUp,
} from './service/index.ts';
export {
  balanceOf,
  findAccount,
  newTransactionId,
  postTransaction,
  verifyLedger,
  type AccountKey,
  type Leg,
  type LedgerDifference,
  type LedgerVerification,
  type PostedTransaction,
  type PostingInput,
} from './service/index.ts';
export {
  accountKinds,
  transactionKinds,
  type AccountKind,
  type TransactionKind,
} from './schema.ts';
export { returnBalanceOnDisassociation } from './service/disassociation.ts';
export {
  registerUsableCouponSource,
  type UsableCouponBalance,
  type UsableCouponSource,
} from './service/spendable.ts';

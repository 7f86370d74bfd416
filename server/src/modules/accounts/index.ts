export { registerAccountsApi } from './api.ts';
export { registerAccountsConsoleRoutes } from './console.ts';
export { registerAccountsPortalRoutes } from './portal.ts';
export {
  balanceOf,
  findAccount,
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

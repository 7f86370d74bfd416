export {
  allocateToCustomer,
  listCustomerBalances,
  moveCustomerFundsInBatch,
  reclaimFromCustomer,
  type BatchFundsMove,
  type BatchFundsResult,
  type CustomerBalance,
  type CustomerFundsMove,
  type FundsMoveResult,
} from './funds.ts';
export {
  balanceOf,
  findAccount,
  newTransactionId,
  postTransaction,
  type AccountKey,
  type Leg,
  type PostedTransaction,
  type PostingInput,
} from './ledger.ts';
export {
  getAccountLedger,
  listPartnerFunds,
  recordTopUp,
  setCreditLine,
  type CreditLineResult,
  type LedgerAccountView,
  type LedgerEntryView,
  type PartnerFundsSummary,
} from './operator.ts';
export {
  exportAdjustRecords,
  listAdjustRecords,
  listCustomerChangeRecords,
  listPortalChangeRecords,
  listPartnerChangeRecords,
  showCustomerBalances,
  type AdjustRecord,
  type AdjustRecordFilters,
  type ChangeRecord,
  type ChangeRecordFilters,
  type ChangeRecordPage,
  type CustomerAccountBalance,
} from './records.ts';
export {
  allocateToReseller,
  listPartnerBalances,
  reclaimFromReseller,
  type PartnerAccountBalance,
  type ResellerFundsMove,
} from './resellers.ts';
export { verifyLedger, type LedgerDifference, type LedgerVerification } from './verify.ts';

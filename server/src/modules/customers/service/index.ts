export {
  assignAccountManager,
  listAssignableMembers,
  listAssignmentHistory,
  startManagementPeriod,
  unassignAccountManager,
  type AssignmentPeriod,
} from './assign.ts';
export {
  exportConsoleCustomers,
  getConsoleCustomer,
  listConsoleCustomers,
  revealCustomerContact,
  type AssociationRecordView,
  type ConsoleCustomerFilters,
  type CustomerDetail,
  type RevealableField,
} from './console-views.ts';
export { createSubCustomer, type CreateCustomerInput, type CreatedCustomer } from './create.ts';
export {
  checkUserIdentity,
  isCustomerAccountNameTaken,
  sendVerificationCode,
  type IdentityCheck,
  type IdentitySearchType,
  type SendCodeInput,
} from './identity.ts';
export {
  listNewCustomerTags,
  listSubCustomers,
  type CustomerListItem,
  type CustomerTag,
  type SubCustomerFilters,
} from './list.ts';
export { updateCustomerProfile, type CustomerProfileInput } from './profile.ts';
export { getPortalAccount, getPortalCustomer, type PortalAccount } from './portal.ts';
export { customerDirectory, toCustomerPrincipal } from './portal-identity.ts';
export {
  exportResellerCustomers,
  listResellerCustomers,
  listResellerFilterOptions,
  type ResellerCustomerFilters,
  type ResellerCustomerItem,
} from './reseller-customers.ts';

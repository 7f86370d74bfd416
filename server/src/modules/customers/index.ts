export { registerCustomersApi } from './api.ts';
export { registerCustomersConsoleRoutes } from './console.ts';
export {
  assignAccountManager,
  checkUserIdentity,
  createSubCustomer,
  isCustomerAccountNameTaken,
  listAssignableMembers,
  listAssignmentHistory,
  listNewCustomerTags,
  listSubCustomers,
  sendVerificationCode,
  unassignAccountManager,
  updateCustomerProfile,
  type AssignmentPeriod,
  type CreateCustomerInput,
  type CreatedCustomer,
  type CustomerListItem,
  type SubCustomerFilters,
} from './service/index.ts';
export { associationTypes, type AssociationType } from './schema.ts';
export {
  endAuthorizationsOnDisassociation,
  type AuthorizationRow,
} from './service/authorization.ts';
export {
  findFundsCustomers,
  findOwnFundsCustomer,
  resolveFundsPartner,
  scopedCustomerIds,
  type FundsCustomer,
} from './service/funds-access.ts';
export { registerCustomerPortalRoutes } from './portal.ts';
export { customerDirectory } from './service/portal-identity.ts';
export {
  bindingNotificationJob,
  bindingNotificationQueue,
  queueBindingNotification,
  type BindingNotificationInput,
} from './service/binding-notifications.ts';
export { customerAgencies } from './service/authorization-agency.ts';
export { applyForDisassociation } from './service/association-portal.ts';
export { createPreregistration, type PreregistrationInput } from './service/preregistration.ts';
export { generateOfflineLink, sendEmailInvitations } from './service/invitations.ts';
export {
  accountChecks,
  disassociationEffects,
  registerDisassociationEffect,
  type AccountCheck,
  type CompletionInput,
  type DisassociationEffect,
} from './service/association.ts';
export {
  findCustomerRef,
  FreezeStates,
  lockFreezeState,
  setCustomerFreezeState,
  type FreezeCause,
  type FreezeState,
} from './service/freeze.ts';
export {
  checkOperationCode,
  consumeOperationCode,
  OPERATION_CODE_SCENE,
} from './service/operation-codes.ts';

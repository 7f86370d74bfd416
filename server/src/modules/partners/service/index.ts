export {
  approveCertification,
  getCertification,
  listCertifications,
  recordVerificationFailure,
  rejectCertification,
  submitCertification,
  unlockCertification,
  type CertificationFilters,
  type CertificationInfo,
  type CertificationListItem,
  type CertificationView,
} from './certification.ts';
export {
  createOperatorAccount,
  createPartner,
  type CreatedPartner,
  type CreateOperatorAccountInput,
  type CreatePartnerInput,
} from './create-partner.ts';
export { listPartners, type PartnerFilters, type PartnerListItem } from './list-partners.ts';
export {
  getPartnerProfile,
  updatePartnerProfile,
  type PartnerProfile,
  type UpdatePartnerProfileInput,
} from './profile.ts';
export {
  createProgram,
  listOpenPrograms,
  listPrograms,
  type CreateProgramInput,
  type ProgramView,
} from './programs.ts';
export {
  getResellerRights,
  holdsOnBehalfRight,
  setResellerRights,
  type ResellerRights,
} from './reseller-rights.ts';
export {
  isPartnerAccountNameTaken,
  registerAccountNameUse,
  type AccountNameUse,
  type CreatedAccount,
  type PartnerRef,
  type ProgramRef,
} from './shared.ts';
export {
  requestSignUp,
  verifySignUp,
  type SignedUpPartner,
  type SignUpInput,
  type SignUpRequested,
  type VerifySignUpInput,
} from './sign-up.ts';
export {
  applicationStatusAfter,
  applyToDistributor,
  cancelInvitation,
  decideApplications,
  inviteReseller,
  listDistributorApplications,
  listIndirectPartners,
  listResellerApplications,
  resellerInvitationMail,
  resendResellerInvitations,
  respondAsReseller,
  INVITATION_RESEND_INTERVAL_MS,
  type ApplicationEvent,
  type ApplicationFilters,
  type ApplicationSide,
  type DecisionResult,
  type IndirectPartner,
  type IndirectPartnerFilters,
  type ResellerApplicationView,
  type ResendResult,
} from './resellers.ts';

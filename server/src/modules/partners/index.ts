export { accountDirectory } from './directory.ts';
export {
  findPartnerById,
  findPartnerByName,
  findResellerOf,
  isInstallationEmpty,
  type PartnerAccount,
} from './lookup.ts';
export {
  partnerTypes,
  type PartnerType,
  type PartnerStatus,
  type CertificationStatus,
} from './schema.ts';
export { programPartnerTypes, type ProgramPartnerType } from './rules.ts';
export {
  approveCertification,
  createOperatorAccount,
  createPartner,
  createProgram,
  getCertification,
  getPartnerProfile,
  listCertifications,
  listOpenPrograms,
  listPartners,
  listPrograms,
  recordVerificationFailure,
  rejectCertification,
  requestSignUp,
  submitCertification,
  unlockCertification,
  updatePartnerProfile,
  verifySignUp,
  type CertificationInfo,
  type CertificationView,
  type CreatedAccount,
  type CreatedPartner,
  type CreateOperatorAccountInput,
  type CreatePartnerInput,
  type CreateProgramInput,
  type PartnerProfile,
  type ProgramView,
} from './service/index.ts';

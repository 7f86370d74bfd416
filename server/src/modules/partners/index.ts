export { accountDirectory } from './directory.ts';
export { findPartnerById, findPartnerByName, type PartnerAccount } from './lookup.ts';
export { partnerTypes, type PartnerType, type PartnerStatus } from './schema.ts';

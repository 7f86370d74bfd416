export {
  changeMemberPassword,
  findMemberForLogin,
  loadMemberAuthorization,
  mergeDataScopes,
  recordMemberLoginFailure,
  recordMemberLoginSuccess,
  type MemberAuthorization,
  type MemberRow,
} from './identity.ts';
export { memberStatuses, type MemberStatus } from './schema.ts';
export { presetRoles, PresetRoleCodes, type PresetRoleCode } from './rules.ts';
export {
  setUpOrganisation,
  type Organisation,
  type RoleRow,
  type SetUpOrganisationInput,
} from './service/index.ts';

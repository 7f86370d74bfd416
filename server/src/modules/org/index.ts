export {
  findMemberForLogin,
  loadMemberAuthorization,
  mergeDataScopes,
  recordMemberLoginFailure,
  recordMemberLoginSuccess,
  type MemberAuthorization,
  type MemberRow,
} from './identity.ts';
export { memberStatuses, type MemberStatus } from './schema.ts';

export { assignMemberRoles, type AssignMemberRolesResult } from './assign-member-roles.ts';
export { createMember, type CreateMemberInput } from './create-member.ts';
export { createRole, type CreateRoleInput } from './create-role.ts';
export { deleteMember } from './delete-member.ts';
export { deleteRole } from './delete-role.ts';
export { getMember, listMembers, type MemberFilters } from './list-members.ts';
export { listPermissions, listRoles } from './list-roles.ts';
export { disableMember, enableMember } from './member-status.ts';
export { getProfile, updateProfile, type Profile, type UpdateProfileInput } from './profile.ts';
export { resetMemberPassword } from './reset-member-password.ts';
export {
  setUpOrganisation,
  type Organisation,
  type OwnerCredential,
  type SetUpOrganisationInput,
} from './set-up-organisation.ts';
export type { MemberRoleRef, MemberView, RoleRow, RoleView } from './shared.ts';
export { updateMember, type UpdateMemberInput } from './update-member.ts';
export { updateRole, type UpdateRoleInput } from './update-role.ts';

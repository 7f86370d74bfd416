import type { PrincipalDirectory } from '../../platform/auth/directory.ts';
import { operatorPermissions } from '../../platform/auth/permissions.ts';
import {
  changeMemberPassword,
  findMemberForLogin,
  loadMemberAuthorization,
  recordMemberLoginFailure,
  recordMemberLoginSuccess,
} from '../org/index.ts';
import { findPartnerById, findPartnerByName } from './lookup.ts';

/**
 * Identities as the authentication platform sees them: a partner account (domain) and its
 * members, the account owner being the member flagged `isOwner`.
 */
export const accountDirectory: PrincipalDirectory = {
  async loadPrincipal(db, ref, method) {
    if (ref.type !== 'member') return null;
    const partner = await findPartnerById(db, ref.partnerId);
    if (!partner || partner.status !== 'active') return null;
    const authorization = await loadMemberAuthorization(db, ref.partnerId, ref.id);
    if (!authorization || authorization.member.status !== 'active') return null;
    const { member, permissions, dataScope, teamMemberIds } = authorization;
    if (partner.partnerType !== 'operator') {
      for (const permission of operatorPermissions) permissions.delete(permission);
    }
    return {
      type: 'member',
      id: member.id,
      partnerId: partner.id,
      accountType: partner.partnerType,
      accountName: partner.name,
      userName: member.userName,
      displayName: member.displayName,
      isOwner: member.isOwner,
      permissions,
      dataScope,
      teamMemberIds,
      authMethod: method,
      mustChangePassword: member.mustChangePassword,
    };
  },

  async findLoginCredential(db, accountName, userName) {
    const partner = await findPartnerByName(db, accountName);
    if (!partner) return null;
    const ownerLogin = userName === undefined || userName === '' || userName === accountName;
    const member = await findMemberForLogin(db, partner.id, ownerLogin ? undefined : userName);
    if (!member) return null;
    return {
      ref: { type: 'member', id: member.id, partnerId: partner.id },
      accountName: partner.name,
      userName: member.userName,
      passwordHash: member.passwordHash,
      isEnabled: member.status === 'active' && partner.status === 'active',
      failedLoginCount: member.failedLoginCount,
      lockedUntil: member.lockedUntil,
    };
  },

  recordLoginFailure: (db, ref, count, lockedUntil) =>
    recordMemberLoginFailure(db, ref.partnerId, ref.id, count, lockedUntil),

  recordLoginSuccess: (db, ref, at) => recordMemberLoginSuccess(db, ref.partnerId, ref.id, at),

  changePassword: (db, ref, passwordHash, at) =>
    changeMemberPassword(db, ref.partnerId, ref.id, passwordHash, at),

  async findDomain(db, ref) {
    const partner = await findPartnerById(db, ref.partnerId);
    if (!partner) return null;
    return { id: partner.id, name: partner.name, enabled: partner.status === 'active' };
  },
};

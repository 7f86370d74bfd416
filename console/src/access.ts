import { useMemo } from 'react';
import { useCurrentUser } from './api/session';
import type { SessionUser } from './api/types';

/**
 * The permission codes the server grants (server/src/platform/auth/permissions.ts). The console
 * never checks role names: it asks for these codes through the named rights below.
 */
export const PermissionCodes = {
  PARTNER_INFO_VIEW: 'partner.info.view',
  PARTNER_INFO_EDIT: 'partner.info.edit',
  PARTNER_CERTIFICATION_MANAGE: 'partner.certification.manage',
  ORG_MEMBER_VIEW: 'org.member.view',
  ORG_MEMBER_MANAGE: 'org.member.manage',
  ORG_ROLE_MANAGE: 'org.role.manage',
  ACCESS_KEY_MANAGE: 'access_key.manage',
  AUDIT_VIEW: 'audit.view',
  RESELLER_MANAGE: 'reseller.manage',
  CUSTOMER_VIEW: 'customer.view',
  CUSTOMER_EXPORT: 'customer.export',
  CUSTOMER_ASSIGN: 'customer.assign',
  CUSTOMER_MANAGE: 'customer.manage',
  OPERATOR_PARTNER_MANAGE: 'operator.partner.manage',
  ACCOUNT_BALANCE_VIEW: 'account.balance.view',
  ACCOUNT_FUNDS_MANAGE: 'account.funds.manage',
  COUPON_VIEW: 'coupon.view',
  COUPON_MANAGE: 'coupon.manage',
  OPERATOR_CERTIFICATION_REVIEW: 'operator.certification.review',
} as const;

/** Named rights derived from the session; routes and pages check these names only. */
export interface Access {
  isOperator: boolean;
  isOwner: boolean;
  canViewMembers: boolean;
  canManageMembers: boolean;
  canManageRoles: boolean;
  canManageAccessKeys: boolean;
  canViewAudit: boolean;
  canViewPartnerInfo: boolean;
  canEditPartnerInfo: boolean;
  canViewCertification: boolean;
  canManageCertification: boolean;
  canReviewCertifications: boolean;
  canManagePartners: boolean;
  canManageResellers: boolean;
  canCooperateWithDistributor: boolean;
  canViewCustomers: boolean;
  canAssignCustomers: boolean;
  canExportCustomers: boolean;
  /** 云经销商的客户: a tier-1 distributor reads its resellers' customers (P-14). */
  canViewResellerCustomers: boolean;
  /** 资金管理 (P-31): the partner's own balances and change records. */
  canViewFunds: boolean;
  /** 拨款 / 回收 to resale customers and 批量拨款 / 批量回收 (P-14, R-FUND-03/04). */
  canManageFunds: boolean;
  /** 券管理 (P-17): quotas, issued coupons and the operation log. */
  canViewCoupons: boolean;
  /** 发放 / 回收 coupons and, for a distributor, reseller quota (R-COUP-02, R-COUP-06, R-COUP-11). */
  canManageCoupons: boolean;
  /** 解除关联 / 切换关联类型 requests for the customers in the member's scope (R-DIS-01). */
  canManageCustomers: boolean;
  /** 同意 / 驳回 customers' disassociation requests: administrators who see every customer. */
  canDecideAssociationRequests: boolean;
}

export type AccessName = keyof Access;

export function deriveAccess(user: SessionUser | null): Access {
  const held = new Set(user?.permissions ?? []);
  const has = (code: string) => held.has(code);
  const isOperator = user?.account_type === 'operator';
  // The provider's own account has no partner profile or certification of its own.
  const isPartner = user !== null && !isOperator;
  return {
    isOperator,
    isOwner: user?.is_owner ?? false,
    canViewMembers: has(PermissionCodes.ORG_MEMBER_VIEW) || has(PermissionCodes.ORG_MEMBER_MANAGE),
    canManageMembers: has(PermissionCodes.ORG_MEMBER_MANAGE),
    canManageRoles: has(PermissionCodes.ORG_ROLE_MANAGE),
    canManageAccessKeys: has(PermissionCodes.ACCESS_KEY_MANAGE),
    canViewAudit: has(PermissionCodes.AUDIT_VIEW),
    canViewPartnerInfo: isPartner && has(PermissionCodes.PARTNER_INFO_VIEW),
    canEditPartnerInfo: isPartner && has(PermissionCodes.PARTNER_INFO_EDIT),
    canViewCertification:
      isPartner &&
      (has(PermissionCodes.PARTNER_INFO_VIEW) || has(PermissionCodes.PARTNER_CERTIFICATION_MANAGE)),
    canManageCertification: isPartner && has(PermissionCodes.PARTNER_CERTIFICATION_MANAGE),
    canReviewCertifications: isOperator && has(PermissionCodes.OPERATOR_CERTIFICATION_REVIEW),
    canManagePartners: isOperator && has(PermissionCodes.OPERATOR_PARTNER_MANAGE),
    // Only a tier-1 distributor has resellers (P-37); only a reseller applies to one (SM-20).
    canManageResellers:
      user?.account_type === 'tier1_distributor' && has(PermissionCodes.RESELLER_MANAGE),
    canCooperateWithDistributor:
      user?.account_type === 'reseller' && has(PermissionCodes.PARTNER_INFO_VIEW),
    // Customers belong to partners; the provider's own account has none.
    canViewCustomers: isPartner && has(PermissionCodes.CUSTOMER_VIEW),
    canAssignCustomers: isPartner && has(PermissionCodes.CUSTOMER_ASSIGN),
    canExportCustomers: isPartner && has(PermissionCodes.CUSTOMER_EXPORT),
    canViewResellerCustomers:
      user?.account_type === 'tier1_distributor' && has(PermissionCodes.CUSTOMER_VIEW),
    canManageCustomers: isPartner && has(PermissionCodes.CUSTOMER_MANAGE),
    canViewFunds: isPartner && has(PermissionCodes.ACCOUNT_BALANCE_VIEW),
    canManageFunds: isPartner && has(PermissionCodes.ACCOUNT_FUNDS_MANAGE),
    canViewCoupons: isPartner && has(PermissionCodes.COUPON_VIEW),
    canManageCoupons: isPartner && has(PermissionCodes.COUPON_MANAGE),
    canDecideAssociationRequests:
      isPartner && has(PermissionCodes.CUSTOMER_MANAGE) && user.data_scope === 'all',
  };
}

export function useAccess(): Access {
  const user = useCurrentUser();
  return useMemo(() => deriveAccess(user), [user]);
}

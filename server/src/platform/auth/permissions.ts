/**
 * Permission items, the menu/function-level rights a role grants (Huawei's `BPC_ITEM_…`). Each has
 * a readable code; `huaweiItem` records Huawei's item where one is known. Services check codes,
 * never role names.
 */
export const Permissions = {
  PARTNER_INFO_VIEW: 'partner.info.view',
  PARTNER_INFO_EDIT: 'partner.info.edit',
  PARTNER_CERTIFICATION_MANAGE: 'partner.certification.manage',
  ORG_MEMBER_VIEW: 'org.member.view',
  ORG_MEMBER_MANAGE: 'org.member.manage',
  ORG_ROLE_MANAGE: 'org.role.manage',
  ACCESS_KEY_MANAGE: 'access_key.manage',
  AUDIT_VIEW: 'audit.view',
  CUSTOMER_VIEW: 'customer.view',
  CUSTOMER_MANAGE: 'customer.manage',
  CUSTOMER_EXPORT: 'customer.export',
  CUSTOMER_ASSIGN: 'customer.assign',
  CONSUMPTION_VIEW: 'consumption.view',
  ACCOUNT_BALANCE_VIEW: 'account.balance.view',
  ACCOUNT_FUNDS_MANAGE: 'account.funds.manage',
  COUPON_VIEW: 'coupon.view',
  COUPON_MANAGE: 'coupon.manage',
  PARTNER_BILL_VIEW: 'bill.partner.view',
  RESELLER_MANAGE: 'reseller.manage',
  OPERATOR_PARTNER_MANAGE: 'operator.partner.manage',
  OPERATOR_CERTIFICATION_REVIEW: 'operator.certification.review',
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];

export const allPermissions: readonly Permission[] = Object.values(Permissions);

/** Rights only the provider's operator account can hold, whatever a role says. */
export const operatorPermissions: readonly Permission[] = [
  Permissions.OPERATOR_PARTNER_MANAGE,
  Permissions.OPERATOR_CERTIFICATION_REVIEW,
];

/**
 * Granted to every role (R-ORG-16): home, viewing the partner information and managing one's own
 * credentials.
 */
export const defaultPermissions: readonly Permission[] = [
  Permissions.PARTNER_INFO_VIEW,
  Permissions.ACCESS_KEY_MANAGE,
];

export function isPermission(value: string): value is Permission {
  return (allPermissions as readonly string[]).includes(value);
}

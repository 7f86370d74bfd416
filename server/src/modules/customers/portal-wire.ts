import { Type, type Static } from '@sinclair/typebox';
import { toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { associationTypes, customerStatuses, verifiedStatuses } from './schema.ts';
import type { PortalAccount } from './service/portal.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

export const PortalAccountSchema = Type.Object({
  customer_id: Type.String({ description: 'The customer account id (domain_id)' }),
  account_name: Type.String(),
  customer_name: Type.String(),
  email: Type.String({ description: 'Masked' }),
  mobile: Type.String({ description: 'Masked' }),
  verified_status: literals(verifiedStatuses),
  is_frozen: Type.Boolean(),
  last_login_at: Type.Union([WireTimeSchema, Type.Null()]),
  association: Type.Object({
    partner_id: Type.String(),
    partner_name: Type.String(),
    association_type: literals(associationTypes),
    associated_on: WireTimeSchema,
    status: literals(customerStatuses),
  }),
});

export function toWirePortalAccount(account: PortalAccount): Static<typeof PortalAccountSchema> {
  return {
    customer_id: account.customerId,
    account_name: account.accountName,
    customer_name: account.customerName,
    email: account.emailMasked,
    mobile: account.mobileMasked,
    verified_status: account.verifiedStatus,
    is_frozen: account.isFrozen,
    last_login_at: toWireTime(account.lastLoginAt) ?? null,
    association: {
      partner_id: account.association.partnerId,
      partner_name: account.association.partnerName,
      association_type: account.association.associationType,
      associated_on: toWireTime(account.association.associatedOn) ?? '',
      status: account.association.status,
    },
  };
}

import { Type, type Static } from '@sinclair/typebox';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { authorizationStatuses } from './schema.ts';
import type { AuthorizationRow, CustomerAuthorizationState } from './service/authorization.ts';
import type { PortalAuthorization } from './service/authorization-portal.ts';

/** The portal lists at most this many authorization requests per page. */
export const PORTAL_AUTHORIZATION_MAX_LIMIT = 200;

const AuthorizationStatusSchema = Type.Union(
  authorizationStatuses.map((status) => Type.Literal(status)),
  {
    description:
      'pending 待客户确认, authorized 已授权, rejected 已拒绝, revoked 未授权 again (revoked by the customer, withdrawn by the partner or ended by disassociation)',
  },
);

const NullableTime = Type.Union([WireTimeSchema, Type.Null()]);

export const CustomerAuthorizationSchema = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  status: AuthorizationStatusSchema,
  requested_by: Type.String({ description: 'account/user of the member who asked' }),
  requested_at: WireTimeSchema,
  decided_at: NullableTime,
  revoked_at: NullableTime,
  revoked_by: Type.String({ description: 'Who revoked, withdrew or ended it; empty otherwise' }),
});

export const CustomerAuthorizationStateSchema = Type.Object({
  latest: Type.Union([CustomerAuthorizationSchema, Type.Null()]),
  history: Type.Array(CustomerAuthorizationSchema),
  commitment_required: Type.Boolean({
    description: 'The next request must come with accept_commitment: true (the first one)',
  }),
  commitment_version: Type.String(),
  reseller_right_missing: Type.Boolean({
    description:
      'The caller is a reseller whose distributor has not granted 代客下单/代客运维 (P-37); a request would fail with CBC.0422',
  }),
});

export const RequestAuthorizationBodySchema = Type.Object(
  {
    accept_commitment: Type.Optional(
      Type.Boolean({
        description: 'The commitment letter was shown and accepted; required on the first request',
      }),
    ),
  },
  { additionalProperties: false },
);

export const AuthorizationIdParamsSchema = Type.Object(
  { authorization_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const PortalAuthorizationSchema = Type.Object({
  ...CustomerAuthorizationSchema.properties,
  partner_id: Type.String(),
  partner_name: Type.String(),
});

export const PortalAuthorizationsQuerySchema = Type.Object(
  {
    status: Type.Optional(AuthorizationStatusSchema),
    ...pagingProperties(PORTAL_AUTHORIZATION_MAX_LIMIT),
  },
  { additionalProperties: false },
);

export const PortalAuthorizationsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  authorizations: Type.Array(PortalAuthorizationSchema),
});

export function toWireAuthorization(
  row: AuthorizationRow,
): Static<typeof CustomerAuthorizationSchema> {
  return {
    id: row.id,
    customer_id: row.customerId,
    status: row.status,
    requested_by: row.requestedBy,
    requested_at: toWireTime(row.requestedAt) ?? '',
    decided_at: toWireTime(row.decidedAt) ?? null,
    revoked_at: toWireTime(row.revokedAt) ?? null,
    revoked_by: row.revokedBy,
  };
}

export function toWireAuthorizationState(
  state: CustomerAuthorizationState,
): Static<typeof CustomerAuthorizationStateSchema> {
  return {
    latest: state.latest ? toWireAuthorization(state.latest) : null,
    history: state.history.map(toWireAuthorization),
    commitment_required: state.commitmentRequired,
    commitment_version: state.commitmentVersion,
    reseller_right_missing: state.resellerRightMissing,
  };
}

export function toWirePortalAuthorization(
  row: PortalAuthorization,
): Static<typeof PortalAuthorizationSchema> {
  return {
    ...toWireAuthorization(row),
    partner_id: row.partnerId,
    partner_name: row.partnerName,
  };
}

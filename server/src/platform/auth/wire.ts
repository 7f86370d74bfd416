import { Type, type Static } from '@sinclair/typebox';
import { toWireTime, WireTimeSchema } from '../http/schemas.ts';
import type { AccessKeyView, CreatedAccessKey } from './access-keys.ts';
import { dataScopes, domainIdOf, principalAccountTypes, type Principal } from './principal.ts';
import { accessKeyStatuses } from './schema.ts';
import type { SessionRecord } from './sessions.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

/** IAM's `POST /v3/auth/tokens` body for a password identity (other methods are not offered). */
export const TokenRequestSchema = Type.Object(
  {
    auth: Type.Object(
      {
        identity: Type.Object(
          {
            methods: Type.Array(Type.Literal('password'), { minItems: 1, maxItems: 1 }),
            password: Type.Object(
              {
                user: Type.Object(
                  {
                    name: Type.String({
                      minLength: 1,
                      maxLength: 64,
                      description: 'Account name or IAM user name',
                    }),
                    password: Type.String({ minLength: 1, maxLength: 128 }),
                    domain: Type.Object(
                      {
                        name: Type.String({
                          minLength: 1,
                          maxLength: 64,
                          description: 'Account (domain) name',
                        }),
                      },
                      { additionalProperties: false },
                    ),
                  },
                  { additionalProperties: false },
                ),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        scope: Type.Optional(
          Type.Object({}, { additionalProperties: true, description: 'Accepted and ignored' }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const IamTimeSchema = Type.String({
  description: "UTC time as IAM writes it, yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
});

export const TokenResponseSchema = Type.Object({
  token: Type.Object({
    expires_at: IamTimeSchema,
    issued_at: IamTimeSchema,
    methods: Type.Array(Type.String()),
    user: Type.Object({
      id: Type.String(),
      name: Type.String(),
      domain: Type.Object({ id: Type.String(), name: Type.String() }),
    }),
    catalog: Type.Array(Type.Unknown()),
  }),
});

/** IAM's timestamp form, e.g. `2026-11-23T02:00:00.000000Z`. */
function toIamTime(value: Date): string {
  return value.toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

export function toTokenResponse(
  principal: Principal,
  session: SessionRecord,
): Static<typeof TokenResponseSchema> {
  return {
    token: {
      expires_at: toIamTime(session.expiresAt),
      issued_at: toIamTime(session.issuedAt),
      methods: ['password'],
      user: {
        id: principal.id,
        name: principal.userName,
        domain: { id: domainIdOf(principal), name: principal.accountName },
      },
      catalog: [],
    },
  };
}

export const DomainsResponseSchema = Type.Object({
  domains: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), enabled: Type.Boolean() }),
  ),
});

export const LoginRequestSchema = Type.Object(
  {
    account_name: Type.String({ minLength: 1, maxLength: 64 }),
    user_name: Type.Optional(
      Type.String({ maxLength: 64, description: 'IAM user; absent for the account owner' }),
    ),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const SessionUserSchema = Type.Object({
  account_id: Type.String(),
  account_name: Type.String(),
  account_type: literals(principalAccountTypes),
  user_id: Type.String(),
  user_name: Type.String(),
  display_name: Type.String(),
  is_owner: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  data_scope: literals(dataScopes),
  must_change_password: Type.Boolean(),
});

export const SessionResponseSchema = Type.Object({
  user: SessionUserSchema,
  csrf_token: Type.String(),
});

export function toSessionResponse(
  principal: Principal,
  csrfToken: string,
): Static<typeof SessionResponseSchema> {
  return {
    user: {
      account_id: principal.partnerId,
      account_name: principal.accountName,
      account_type: principal.accountType,
      user_id: principal.id,
      user_name: principal.userName,
      display_name: principal.displayName,
      is_owner: principal.isOwner,
      permissions: [...principal.permissions].sort(),
      data_scope: principal.dataScope,
      must_change_password: principal.mustChangePassword,
    },
    csrf_token: csrfToken,
  };
}

export const PortalLoginRequestSchema = Type.Object(
  {
    account_name: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The customer's account name",
    }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const PortalSessionResponseSchema = Type.Object({
  customer: Type.Object({
    customer_id: Type.String({ description: 'The customer account id (its IAM domain id)' }),
    account_name: Type.String(),
    display_name: Type.String(),
    must_change_password: Type.Boolean(),
  }),
  csrf_token: Type.String(),
});

export function toPortalSessionResponse(
  principal: Principal,
  csrfToken: string,
): Static<typeof PortalSessionResponseSchema> {
  return {
    customer: {
      customer_id: principal.id,
      account_name: principal.accountName,
      display_name: principal.displayName,
      must_change_password: principal.mustChangePassword,
    },
    csrf_token: csrfToken,
  };
}

export const ChangePasswordRequestSchema = Type.Object(
  {
    old_password: Type.String({ minLength: 1, maxLength: 128 }),
    new_password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const AccessKeyParamsSchema = Type.Object({
  access_key: Type.String({ minLength: 1, maxLength: 64 }),
});

export const CreateAccessKeyRequestSchema = Type.Object(
  { description: Type.Optional(Type.String({ maxLength: 255 })) },
  { additionalProperties: false },
);

export const AccessKeySchema = Type.Object({
  access_key: Type.String(),
  status: literals(accessKeyStatuses),
  description: Type.String(),
  created_at: WireTimeSchema,
  last_used_at: Type.Union([WireTimeSchema, Type.Null()]),
});

export const CreatedAccessKeySchema = Type.Object({
  access_key: Type.String(),
  secret_key: Type.String({ description: 'Shown once; the server cannot show it again' }),
  status: literals(accessKeyStatuses),
  description: Type.String(),
  created_at: WireTimeSchema,
});

export const AccessKeyListSchema = Type.Object({
  total_count: Type.Integer(),
  access_keys: Type.Array(AccessKeySchema),
});

export function toAccessKeyWire(key: AccessKeyView): Static<typeof AccessKeySchema> {
  return {
    access_key: key.accessKey,
    status: key.status,
    description: key.description,
    created_at: toWireTime(key.createdAt) ?? '',
    last_used_at: toWireTime(key.lastUsedAt) ?? null,
  };
}

export function toCreatedAccessKeyWire(
  key: CreatedAccessKey,
): Static<typeof CreatedAccessKeySchema> {
  return {
    access_key: key.accessKey,
    secret_key: key.secretKey,
    status: key.status,
    description: key.description,
    created_at: toWireTime(key.createdAt) ?? '',
  };
}

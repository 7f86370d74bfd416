import { Type, type Static } from '@sinclair/typebox';
import { invalidParameter } from '../http/errors.ts';
import { toWireTime, WireTimeSchema } from '../http/schemas.ts';
import type { AccessKeyView, CreatedAccessKey } from './access-keys.ts';
import { dataScopes, domainIdOf, principalAccountTypes, type Principal } from './principal.ts';
import { accessKeyStatuses } from './schema.ts';
import type { SessionRecord } from './sessions.ts';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

const PasswordIdentitySchema = Type.Object(
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
);

/** Shortest and longest `duration_seconds` IAM accepts for an agency token. */
export const ASSUME_ROLE_MIN_SECONDS = 900;
export const ASSUME_ROLE_MAX_SECONDS = 86_400;

const AssumeRoleIdentitySchema = Type.Object(
  {
    domain_name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'The customer account (domain) name; or give domain_id',
      }),
    ),
    domain_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'The customer id (domain id)' }),
    ),
    agency_name: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The agency: the partner account's xaccount_type",
    }),
    duration_seconds: Type.Optional(
      Type.Integer({
        minimum: ASSUME_ROLE_MIN_SECONDS,
        maximum: ASSUME_ROLE_MAX_SECONDS,
        description: 'Validity of the customer token; 24 hours when absent',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * IAM's `POST /v3/auth/tokens` body: a password identity, or `assume_role` with a partner's
 * credential in `X-Auth-Token` (or an AK/SK signature) to obtain a customer's token.
 */
export const TokenRequestSchema = Type.Object(
  {
    auth: Type.Object(
      {
        identity: Type.Object(
          {
            methods: Type.Array(literals(['password', 'assume_role'] as const), {
              minItems: 1,
              maxItems: 1,
            }),
            password: Type.Optional(PasswordIdentitySchema),
            assume_role: Type.Optional(AssumeRoleIdentitySchema),
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

/** The identity a token request names, after the checks the schema cannot express. */
export type TokenIdentity =
  | { method: 'password'; accountName: string; userName: string; password: string }
  | {
      method: 'assume_role';
      domainName: string | undefined;
      domainId: string | undefined;
      agencyName: string;
      durationSeconds: number | undefined;
    };

/**
 * Reads the identity of a token request: the object the one method names must be present, and
 * `assume_role` names the customer by `domain_name` or `domain_id`.
 */
export function fromWireTokenRequest(body: Static<typeof TokenRequestSchema>): TokenIdentity {
  const { identity } = body.auth;
  if (identity.methods[0] === 'assume_role') {
    const assume = identity.assume_role;
    if (!assume) throw invalidParameter('auth.identity.assume_role', 'is required');
    if (!assume.domain_name && !assume.domain_id) {
      throw invalidParameter('auth.identity.assume_role.domain_name', 'or domain_id is required');
    }
    return {
      method: 'assume_role',
      domainName: assume.domain_name,
      domainId: assume.domain_id,
      agencyName: assume.agency_name,
      durationSeconds: assume.duration_seconds,
    };
  }
  const user = identity.password?.user;
  if (!user) throw invalidParameter('auth.identity.password', 'is required');
  return {
    method: 'password',
    accountName: user.domain.name,
    userName: user.name,
    password: user.password,
  };
}

const IamTimeSchema = Type.String({
  description: "UTC time as IAM writes it, yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'",
});

const IamUserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  domain: Type.Object({ id: Type.String(), name: Type.String() }),
});

export const TokenResponseSchema = Type.Object({
  token: Type.Object({
    expires_at: IamTimeSchema,
    issued_at: IamTimeSchema,
    methods: Type.Array(Type.String()),
    user: IamUserSchema,
    assumed_by: Type.Optional(
      Type.Object({ user: IamUserSchema }, { description: 'assume_role: who acts' }),
    ),
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
      methods: [principal.assumedBy ? 'assume_role' : 'password'],
      user: {
        id: principal.id,
        name: principal.userName,
        domain: { id: domainIdOf(principal), name: principal.accountName },
      },
      ...(principal.assumedBy && {
        assumed_by: {
          user: {
            id: principal.assumedBy.memberId,
            name: principal.assumedBy.userName,
            domain: { id: principal.assumedBy.partnerId, name: principal.assumedBy.accountName },
          },
        },
      }),
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

import { Type, type Static } from '@sinclair/typebox';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import type { PermissionCatalogueEntry } from './rules.ts';
import type { MemberView, Profile, RoleView } from './service/index.ts';

/**
 * The console's organisation API in snake_case. Formats are checked here, so bad input is a 400
 * naming the field before any service runs; business rules (role combinations, password policy)
 * are the services'.
 */

const IdSchema = Type.String({ minLength: 1, maxLength: 64 });
const NullableTimeSchema = Type.Union([WireTimeSchema, Type.Null()]);

/** Huawei IAM user names: letters, digits, `-`, `_` and `.`, not starting with a digit. */
const UserNameSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z_.\\-][A-Za-z0-9_.\\-]*$',
  description: 'Login name within the partner; cannot be changed later',
});
const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
/** An empty string clears the address. */
const EmailSchema = Type.String({
  maxLength: 255,
  pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  description: 'E-mail address; empty for none',
});
/** An empty string clears the number; `+86-13800000000` and `13800000000` are both accepted. */
const PhoneSchema = Type.String({
  maxLength: 32,
  pattern: '^$|^\\+?[0-9][0-9 -]{4,30}$',
  description: 'Phone number; empty for none',
});
/** The policy (length, character classes) is checked by the service, which names the field. */
const PasswordSchema = Type.String({ maxLength: 128 });
const RoleIdsSchema = Type.Array(IdSchema, { maxItems: 16, description: '1 to 3 role ids' });
const MemberStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
const DataScopeSchema = Type.Union(
  [Type.Literal('all'), Type.Literal('team'), Type.Literal('mine')],
  {
    description: 'all customers, the team of account managers one supervises, or only one’s own',
  },
);

export const MemberParamsSchema = Type.Object({ member_id: IdSchema });
export const RoleParamsSchema = Type.Object({ role_id: IdSchema });

export const MemberSchema = Type.Object(
  {
    id: Type.String(),
    user_name: Type.String(),
    display_name: Type.String(),
    email: Type.String(),
    phone: Type.String(),
    status: MemberStatusSchema,
    is_owner: Type.Boolean(),
    must_change_password: Type.Boolean(),
    roles: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
    supervisor_id: Type.Union([Type.String(), Type.Null()]),
    supervisor_name: Type.Union([Type.String(), Type.Null()]),
    created_at: WireTimeSchema,
    last_login_at: NullableTimeSchema,
  },
  { additionalProperties: false },
);
export type Member = Static<typeof MemberSchema>;

export const ListMembersQuerySchema = Type.Object({
  ...pagingProperties(),
  keyword: Type.Optional(
    Type.String({ maxLength: 64, description: 'Part of the user name, name or e-mail' }),
  ),
  role_id: Type.Optional(IdSchema),
  status: Type.Optional(MemberStatusSchema),
});

export const ListMembersResponseSchema = Type.Object({
  total_count: Type.Integer(),
  members: Type.Array(MemberSchema),
});

export const CreateMemberRequestSchema = Type.Object(
  {
    user_name: UserNameSchema,
    display_name: DisplayNameSchema,
    email: Type.Optional(EmailSchema),
    phone: Type.Optional(PhoneSchema),
    password: PasswordSchema,
    role_ids: RoleIdsSchema,
    supervisor_id: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateMemberRequestSchema = Type.Object(
  {
    display_name: Type.Optional(DisplayNameSchema),
    email: Type.Optional(EmailSchema),
    phone: Type.Optional(PhoneSchema),
    supervisor_id: Type.Optional(
      Type.Union([IdSchema, Type.Null()], { description: 'null removes the supervisor' }),
    ),
  },
  { additionalProperties: false },
);

export const AssignMemberRolesRequestSchema = Type.Object(
  { role_ids: RoleIdsSchema },
  { additionalProperties: false },
);

export const AssignMemberRolesResponseSchema = Type.Object({
  member: MemberSchema,
  detached_account_managers: Type.Integer({
    description:
      'Account managers left without a supervisor because the member lost the supervisor role',
  }),
});

export const ResetMemberPasswordRequestSchema = Type.Object(
  { new_password: PasswordSchema },
  { additionalProperties: false },
);

export const RoleSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    is_preset: Type.Boolean(),
    permissions: Type.Array(Type.String()),
    data_scope: DataScopeSchema,
    member_count: Type.Integer(),
    created_at: WireTimeSchema,
  },
  { additionalProperties: false },
);
export type Role = Static<typeof RoleSchema>;

export const ListRolesResponseSchema = Type.Object({
  total_count: Type.Integer(),
  roles: Type.Array(RoleSchema),
});

const RoleNameSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
const RoleDescriptionSchema = Type.String({ maxLength: 255 });
const PermissionCodesSchema = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 });

export const CreateRoleRequestSchema = Type.Object(
  {
    name: RoleNameSchema,
    description: Type.Optional(RoleDescriptionSchema),
    permissions: PermissionCodesSchema,
    data_scope: DataScopeSchema,
  },
  { additionalProperties: false },
);

export const UpdateRoleRequestSchema = Type.Object(
  {
    name: Type.Optional(RoleNameSchema),
    description: Type.Optional(RoleDescriptionSchema),
    permissions: Type.Optional(PermissionCodesSchema),
    data_scope: Type.Optional(DataScopeSchema),
  },
  { additionalProperties: false },
);

export const PermissionCatalogueResponseSchema = Type.Object({
  permissions: Type.Array(
    Type.Object({
      code: Type.String(),
      group: Type.String(),
      name_zh: Type.String(),
      name_en: Type.String(),
    }),
  ),
});

export const ProfileSchema = Type.Object(
  {
    user_name: Type.String(),
    display_name: Type.String(),
    email: Type.String(),
    phone: Type.String(),
    account_name: Type.String(),
    is_owner: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const UpdateProfileRequestSchema = Type.Object(
  {
    display_name: Type.Optional(DisplayNameSchema),
    email: Type.Optional(EmailSchema),
    phone: Type.Optional(PhoneSchema),
  },
  { additionalProperties: false },
);

export function toMemberWire(member: MemberView): Member {
  return {
    id: member.id,
    user_name: member.userName,
    display_name: member.displayName,
    email: member.email,
    phone: member.phone,
    status: member.status,
    is_owner: member.isOwner,
    must_change_password: member.mustChangePassword,
    roles: member.roles.map((role) => ({ id: role.id, code: role.code, name: role.name })),
    supervisor_id: member.supervisorId,
    supervisor_name: member.supervisorName,
    created_at: toWireTime(member.createdAt) ?? '',
    last_login_at: toWireTime(member.lastLoginAt) ?? null,
  };
}

export function toRoleWire(role: RoleView): Role {
  return {
    id: role.id,
    code: role.code,
    name: role.name,
    description: role.description,
    is_preset: role.isPreset,
    permissions: role.permissions,
    data_scope: role.dataScope,
    member_count: role.memberCount,
    created_at: toWireTime(role.createdAt) ?? '',
  };
}

export function toPermissionWire(entry: PermissionCatalogueEntry) {
  return { code: entry.code, group: entry.group, name_zh: entry.nameZh, name_en: entry.nameEn };
}

export function toProfileWire(profile: Profile): Static<typeof ProfileSchema> {
  return {
    user_name: profile.userName,
    display_name: profile.displayName,
    email: profile.email,
    phone: profile.phone,
    account_name: profile.accountName,
    is_owner: profile.isOwner,
  };
}

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  assignMemberRoles,
  createMember,
  createRole,
  deleteMember,
  deleteRole,
  disableMember,
  enableMember,
  getMember,
  getProfile,
  listMembers,
  listPermissions,
  listRoles,
  resetMemberPassword,
  updateMember,
  updateProfile,
  updateRole,
} from './service/index.ts';
import {
  AssignMemberRolesRequestSchema,
  AssignMemberRolesResponseSchema,
  CreateMemberRequestSchema,
  CreateRoleRequestSchema,
  ListMembersQuerySchema,
  ListMembersResponseSchema,
  ListRolesResponseSchema,
  MemberParamsSchema,
  MemberSchema,
  PermissionCatalogueResponseSchema,
  ProfileSchema,
  ResetMemberPasswordRequestSchema,
  RoleParamsSchema,
  RoleSchema,
  toMemberWire,
  toPermissionWire,
  toProfileWire,
  toRoleWire,
  UpdateMemberRequestSchema,
  UpdateProfileRequestSchema,
  UpdateRoleRequestSchema,
} from './wire.ts';

const NoContent = Type.Null({ description: 'No content' });
const memberTags = ['Console organization members'];
const roleTags = ['Console organization roles'];
const profileTags = ['Console profile'];

function registerMemberRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/org/members',
    {
      schema: {
        tags: memberTags,
        summary: 'List organization members',
        querystring: ListMembersQuerySchema,
        response: { 200: ListMembersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { keyword, role_id: roleId, status } = request.query;
      const page = await listMembers(
        authenticatedContextOf(request),
        { keyword, roleId, status },
        toPage(request.query),
      );
      return { total_count: page.totalCount, members: page.items.map(toMemberWire) };
    },
  );

  api.post(
    '/console/api/org/members',
    {
      schema: {
        tags: memberTags,
        summary: 'Create a member with an initial password and 1 to 3 roles',
        body: CreateMemberRequestSchema,
        response: { 200: MemberSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const member = await createMember(authenticatedContextOf(request), {
        userName: body.user_name,
        displayName: body.display_name,
        email: body.email,
        phone: body.phone,
        password: body.password,
        roleIds: body.role_ids,
        supervisorId: body.supervisor_id,
      });
      return toMemberWire(member);
    },
  );

  api.get(
    '/console/api/org/members/:member_id',
    {
      schema: {
        tags: memberTags,
        summary: 'Show a member',
        params: MemberParamsSchema,
        response: { 200: MemberSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toMemberWire(await getMember(authenticatedContextOf(request), request.params.member_id)),
  );

  api.put(
    '/console/api/org/members/:member_id',
    {
      schema: {
        tags: memberTags,
        summary: "Change a member's name, e-mail, phone or supervisor",
        params: MemberParamsSchema,
        body: UpdateMemberRequestSchema,
        response: { 200: MemberSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const member = await updateMember(authenticatedContextOf(request), request.params.member_id, {
        displayName: body.display_name,
        email: body.email,
        phone: body.phone,
        supervisorId: body.supervisor_id,
      });
      return toMemberWire(member);
    },
  );

  api.put(
    '/console/api/org/members/:member_id/roles',
    {
      schema: {
        tags: memberTags,
        summary: "Replace a member's roles",
        params: MemberParamsSchema,
        body: AssignMemberRolesRequestSchema,
        response: { 200: AssignMemberRolesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await assignMemberRoles(
        authenticatedContextOf(request),
        request.params.member_id,
        request.body.role_ids,
      );
      return {
        member: toMemberWire(result.member),
        detached_account_managers: result.detachedAccountManagers,
      };
    },
  );

  api.post(
    '/console/api/org/members/:member_id/disable',
    {
      schema: {
        tags: memberTags,
        summary: 'Disable a member',
        params: MemberParamsSchema,
        response: { 200: MemberSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toMemberWire(await disableMember(authenticatedContextOf(request), request.params.member_id)),
  );

  api.post(
    '/console/api/org/members/:member_id/enable',
    {
      schema: {
        tags: memberTags,
        summary: 'Enable a member',
        params: MemberParamsSchema,
        response: { 200: MemberSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toMemberWire(await enableMember(authenticatedContextOf(request), request.params.member_id)),
  );

  api.post(
    '/console/api/org/members/:member_id/reset-password',
    {
      schema: {
        tags: memberTags,
        summary: "Set a member's password; they must change it at next login",
        params: MemberParamsSchema,
        body: ResetMemberPasswordRequestSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await resetMemberPassword(
        authenticatedContextOf(request),
        request.params.member_id,
        request.body.new_password,
      );
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/console/api/org/members/:member_id',
    {
      schema: {
        tags: memberTags,
        summary: 'Delete a member with their credentials',
        params: MemberParamsSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await deleteMember(authenticatedContextOf(request), request.params.member_id);
      return reply.code(204).send(null);
    },
  );
}

function registerRoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/org/roles',
    {
      schema: {
        tags: roleTags,
        summary: 'List preset and custom roles with their member counts',
        response: { 200: ListRolesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const roles = await listRoles(authenticatedContextOf(request));
      return { total_count: roles.length, roles: roles.map(toRoleWire) };
    },
  );

  api.post(
    '/console/api/org/roles',
    {
      schema: {
        tags: roleTags,
        summary: 'Create a custom role (at most 10)',
        body: CreateRoleRequestSchema,
        response: { 200: RoleSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const role = await createRole(authenticatedContextOf(request), {
        name: body.name,
        description: body.description,
        permissions: body.permissions,
        dataScope: body.data_scope,
      });
      return toRoleWire(role);
    },
  );

  api.put(
    '/console/api/org/roles/:role_id',
    {
      schema: {
        tags: roleTags,
        summary: 'Edit a custom role',
        params: RoleParamsSchema,
        body: UpdateRoleRequestSchema,
        response: { 200: RoleSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const role = await updateRole(authenticatedContextOf(request), request.params.role_id, {
        name: body.name,
        description: body.description,
        permissions: body.permissions,
        dataScope: body.data_scope,
      });
      return toRoleWire(role);
    },
  );

  api.delete(
    '/console/api/org/roles/:role_id',
    {
      schema: {
        tags: roleTags,
        summary: 'Delete a custom role nobody holds',
        params: RoleParamsSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await deleteRole(authenticatedContextOf(request), request.params.role_id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/console/api/org/permissions',
    {
      schema: {
        tags: roleTags,
        summary: 'The permission items a role may carry, with group and labels',
        response: { 200: PermissionCatalogueResponseSchema, ...errorResponses() },
      },
    },
    (request) => ({
      permissions: listPermissions(authenticatedContextOf(request)).map(toPermissionWire),
    }),
  );
}

function registerProfileRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/profile',
    {
      schema: {
        tags: profileTags,
        summary: "The caller's own profile",
        response: { 200: ProfileSchema, ...errorResponses() },
      },
    },
    async (request) => toProfileWire(await getProfile(authenticatedContextOf(request))),
  );

  api.put(
    '/console/api/profile',
    {
      schema: {
        tags: profileTags,
        summary: "Change the caller's own name, e-mail or phone",
        body: UpdateProfileRequestSchema,
        response: { 200: ProfileSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const profile = await updateProfile(authenticatedContextOf(request), {
        displayName: body.display_name,
        email: body.email,
        phone: body.phone,
      });
      return toProfileWire(profile);
    },
  );
}

/** Organisation members, roles and the caller's own profile (P-60, §1.4–1.5). */
export function registerOrgConsoleRoutes(app: FastifyInstance): void {
  registerMemberRoutes(app);
  registerRoleRoutes(app);
  registerProfileRoutes(app);
}

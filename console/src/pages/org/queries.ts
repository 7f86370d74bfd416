import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  AssignRolesResult,
  CreateMemberRequest,
  Member,
  MemberList,
  MemberQuery,
  PermissionCatalogue,
  Role,
  RoleInput,
  RoleList,
  UpdateMemberRequest,
} from '../../api/types';

const MEMBERS = '/console/api/org/members';
const ROLES = '/console/api/org/roles';

export const memberQueries = {
  list: (query: MemberQuery) =>
    queryOptions({
      queryKey: queryKeys.members.list(query),
      queryFn: () => api.get<MemberList>(MEMBERS, { ...query }),
      staleTime: 0,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: queryKeys.members.detail(id),
      queryFn: () => api.get<Member>(`${MEMBERS}/${encodeURIComponent(id)}`),
    }),
};

export const roleQueries = {
  list: () =>
    queryOptions({
      queryKey: queryKeys.roles.list(),
      queryFn: () => api.get<RoleList>(ROLES),
      staleTime: 0,
    }),
  permissions: () =>
    queryOptions({
      queryKey: queryKeys.permissions.all,
      queryFn: () => api.get<PermissionCatalogue>('/console/api/org/permissions'),
      staleTime: Infinity,
    }),
};

export function useRoles() {
  return useQuery(roleQueries.list());
}

export function usePermissionCatalogue() {
  return useQuery(roleQueries.permissions());
}

/** Members who may lead account managers: holders of the supervisor role. */
export function useSupervisorCandidates(supervisorRoleId: string | undefined) {
  return useQuery({
    ...memberQueries.list({ role_id: supervisorRoleId, status: 'active', limit: 200 }),
    enabled: supervisorRoleId !== undefined,
  });
}

/** Invalidates what a member change can alter: members (and their supervisor names) and role counts. */
function useOrgInvalidation() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.members.all }),
      client.invalidateQueries({ queryKey: queryKeys.roles.all }),
    ]);
}

const memberPath = (id: string) => `${MEMBERS}/${encodeURIComponent(id)}`;
const rolePath = (id: string) => `${ROLES}/${encodeURIComponent(id)}`;

export function useCreateMember() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: (body: CreateMemberRequest) => api.post<Member>(MEMBERS, body),
    onSuccess: invalidate,
  });
}

export function useUpdateMember() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMemberRequest }) =>
      api.put<Member>(memberPath(id), body),
    onSuccess: invalidate,
  });
}

export function useAssignRoles() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: ({ id, roleIds }: { id: string; roleIds: string[] }) =>
      api.put<AssignRolesResult>(`${memberPath(id)}/roles`, { role_ids: roleIds }),
    onSuccess: invalidate,
  });
}

export function useSetMemberStatus() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'disable' | 'enable' }) =>
      api.post<Member>(`${memberPath(id)}/${action}`),
    onSuccess: invalidate,
  });
}

export function useResetMemberPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.post<unknown>(`${memberPath(id)}/reset-password`, { new_password: password }),
  });
}

export function useDeleteMember() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: (id: string) => api.delete(memberPath(id)),
    onSuccess: invalidate,
  });
}

export function useCreateRole() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: (body: RoleInput) => api.post<Role>(ROLES, body),
    onSuccess: invalidate,
  });
}

export function useUpdateRole() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RoleInput }) =>
      api.put<Role>(rolePath(id), body),
    onSuccess: invalidate,
  });
}

export function useDeleteRole() {
  const invalidate = useOrgInvalidation();
  return useMutation({
    mutationFn: (id: string) => api.delete(rolePath(id)),
    onSuccess: invalidate,
  });
}

import { queryOptions, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AccessKey, AccessKeyList, CreatedAccessKey } from '../../api/types';

/**
 * Where one area keeps its access keys: the partner console and the customer portal answer the
 * same calls under their own path and cache key.
 */
export interface AccessKeyEndpoint {
  path: string;
  listKey: QueryKey;
  /** Invalidated after every change, so every cached list of the area reloads. */
  allKey: QueryKey;
}

/** The signed-in partner user's own keys (支持 > 能力开放 > 接入配置). */
export const partnerAccessKeys: AccessKeyEndpoint = {
  path: '/console/api/access-keys',
  listKey: queryKeys.accessKeys.list(),
  allKey: queryKeys.accessKeys.all,
};

const keyPath = (endpoint: AccessKeyEndpoint, accessKey: string) =>
  `${endpoint.path}/${encodeURIComponent(accessKey)}`;

export function accessKeyListQuery(endpoint: AccessKeyEndpoint) {
  return queryOptions({
    queryKey: endpoint.listKey,
    queryFn: () => api.get<AccessKeyList>(endpoint.path),
    staleTime: 0,
  });
}

function useInvalidateKeys(endpoint: AccessKeyEndpoint) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: endpoint.allKey });
}

export function useCreateAccessKey(endpoint: AccessKeyEndpoint) {
  const invalidate = useInvalidateKeys(endpoint);
  return useMutation({
    mutationFn: (description: string) => api.post<CreatedAccessKey>(endpoint.path, { description }),
    onSuccess: invalidate,
  });
}

export function useSetAccessKeyStatus(endpoint: AccessKeyEndpoint) {
  const invalidate = useInvalidateKeys(endpoint);
  return useMutation({
    mutationFn: ({ accessKey, action }: { accessKey: string; action: 'disable' | 'enable' }) =>
      api.post<AccessKey>(`${keyPath(endpoint, accessKey)}/${action}`),
    onSuccess: invalidate,
  });
}

export function useDeleteAccessKey(endpoint: AccessKeyEndpoint) {
  const invalidate = useInvalidateKeys(endpoint);
  return useMutation({
    mutationFn: (accessKey: string) => api.delete(keyPath(endpoint, accessKey)),
    onSuccess: invalidate,
  });
}

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AccessKey, AccessKeyList, CreatedAccessKey } from '../../api/types';

const ACCESS_KEYS = '/console/api/access-keys';
const keyPath = (accessKey: string) => `${ACCESS_KEYS}/${encodeURIComponent(accessKey)}`;

export const accessKeyQueries = {
  list: () =>
    queryOptions({
      queryKey: queryKeys.accessKeys.list(),
      queryFn: () => api.get<AccessKeyList>(ACCESS_KEYS),
      staleTime: 0,
    }),
};

function useInvalidateKeys() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.accessKeys.all });
}

export function useCreateAccessKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (description: string) => api.post<CreatedAccessKey>(ACCESS_KEYS, { description }),
    onSuccess: invalidate,
  });
}

export function useSetAccessKeyStatus() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: ({ accessKey, action }: { accessKey: string; action: 'disable' | 'enable' }) =>
      api.post<AccessKey>(`${keyPath(accessKey)}/${action}`),
    onSuccess: invalidate,
  });
}

export function useDeleteAccessKey() {
  const invalidate = useInvalidateKeys();
  return useMutation({
    mutationFn: (accessKey: string) => api.delete(keyPath(accessKey)),
    onSuccess: invalidate,
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { CreateProgramRequest, Program } from '../../api/types';

/** Publishes a programme; every programme list (operator's and sign-up's) is then re-read. */
export function useCreateProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProgramRequest) =>
      api.post<Program>('/console/api/operator/programs', body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.programs.all }),
  });
}

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** The operator's pre-review setting (server: customers/association-wire.ts). */
export interface PreReviewSetting {
  key: string;
  enabled: boolean;
  reviewer_contact: string;
  updated_at: string | null;
  updated_by: string;
}

export type PreReviewQueue = 'pending' | 'reviewed';

/** A partner's disassociation request as the operator's pre-review queue lists it. */
export interface PreReviewItem {
  id: string;
  customer_id: string;
  customer_account_name: string;
  customer_name: string;
  partner_id: string;
  partner_name: string;
  kind: string;
  initiator: string;
  reason: string;
  status: string;
  requested_by: string;
  created_at: string;
  reviewed_by: string;
  reviewed_at: string | null;
  review_opinion: string;
}

const SETTING = '/console/api/operator/disassociation-pre-review';
const REVIEWS = '/console/api/operator/association-reviews';

export const preReviewKeys = {
  all: ['operator', 'association-reviews'] as const,
  setting: ['operator', 'association-reviews', 'setting'] as const,
};

export const preReviewQueries = {
  setting: () =>
    queryOptions({
      queryKey: preReviewKeys.setting,
      queryFn: () => api.get<PreReviewSetting>(SETTING),
    }),
  requests: (query: { queue: PreReviewQueue; offset: number; limit: number }) =>
    queryOptions({
      queryKey: [...preReviewKeys.all, 'list', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; requests: PreReviewItem[] }>(REVIEWS, { ...query }),
      staleTime: 0,
    }),
};

export function useSavePreReviewSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { enabled: boolean; reviewer_contact: string }) =>
      api.put<PreReviewSetting>(SETTING, body),
    onSuccess: (saved) => client.setQueryData(preReviewKeys.setting, saved),
  });
}

/** Pass, or fail with the reason the partner then sees beside the reviewers' contact. */
export function useReviewRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, pass, opinion }: { id: string; pass: boolean; opinion?: string }) =>
      api.post(`${REVIEWS}/${encodeURIComponent(id)}/${pass ? 'pass' : 'fail'}`, { opinion }),
    onSuccess: () => client.invalidateQueries({ queryKey: preReviewKeys.all }),
  });
}

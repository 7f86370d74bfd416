import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  CertificationReview,
  CertificationReviewList,
  CertificationReviewQuery,
  CreatePartnerRequest,
  PartnerList,
  PartnerQuery,
  PartnerSummary,
  Program,
} from '../../api/types';

const CERTIFICATIONS = '/console/api/operator/certifications';
const PARTNERS = '/console/api/operator/partners';
const certificationPath = (partnerId: string) =>
  `${CERTIFICATIONS}/${encodeURIComponent(partnerId)}`;

export const operatorQueries = {
  certifications: (query: CertificationReviewQuery) =>
    queryOptions({
      queryKey: queryKeys.certificationReviews.list(query),
      queryFn: () => api.get<CertificationReviewList>(CERTIFICATIONS, { ...query }),
      staleTime: 0,
    }),
  partners: (query: PartnerQuery) =>
    queryOptions({
      queryKey: queryKeys.operatorPartners.list(query),
      queryFn: () => api.get<PartnerList>(PARTNERS, { ...query }),
      staleTime: 0,
    }),
  programs: () =>
    queryOptions({
      queryKey: queryKeys.programs.all,
      queryFn: () => api.get<{ programs: Program[] }>('/console/api/operator/programs'),
    }),
};

export function usePrograms() {
  return useQuery(operatorQueries.programs());
}

/** Tier-1 distributors, the parents a new reseller can be created under. */
export function useDistributors(enabled: boolean) {
  return useQuery({
    ...operatorQueries.partners({ partner_type: 'tier1_distributor', limit: 200 }),
    enabled,
  });
}

export function useCreatePartner() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePartnerRequest) => api.post<PartnerSummary>(PARTNERS, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.operatorPartners.all }),
  });
}

function useInvalidateReviews() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.certificationReviews.all });
}

/** The review decisions that need nothing but the partner (SM-18). */
export type ReviewDecision = 'approve' | 'record-verification-failure' | 'unlock';

export function useReviewDecision() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: ({ partnerId, decision }: { partnerId: string; decision: ReviewDecision }) =>
      api.post<CertificationReview>(`${certificationPath(partnerId)}/${decision}`),
    onSuccess: invalidate,
  });
}

export function useRejectCertification() {
  const invalidate = useInvalidateReviews();
  return useMutation({
    mutationFn: ({ partnerId, reason }: { partnerId: string; reason: string }) =>
      api.post<CertificationReview>(`${certificationPath(partnerId)}/reject`, { reason }),
    onSuccess: invalidate,
  });
}

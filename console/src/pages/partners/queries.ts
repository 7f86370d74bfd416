import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  Certification,
  CertificationSubmission,
  PartnerProfile,
  PartnerProfileUpdate,
} from '../../api/types';

const PROFILE = '/console/api/partner/profile';
const CERTIFICATION = '/console/api/partner/certification';

export const partnerQueries = {
  profile: () =>
    queryOptions({
      queryKey: queryKeys.partnerProfile.all,
      queryFn: () => api.get<PartnerProfile>(PROFILE),
    }),
  certification: () =>
    queryOptions({
      queryKey: queryKeys.certification.all,
      queryFn: () => api.get<Certification>(CERTIFICATION),
      staleTime: 0,
    }),
};

export function usePartnerProfile() {
  return useQuery(partnerQueries.profile());
}

export function useCertification() {
  return useQuery(partnerQueries.certification());
}

export function useUpdatePartnerProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerProfileUpdate) => api.put<PartnerProfile>(PROFILE, body),
    onSuccess: (profile) => client.setQueryData(queryKeys.partnerProfile.all, profile),
  });
}

export function useSubmitCertification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificationSubmission) => api.post<Certification>(CERTIFICATION, body),
    onSuccess: (certification) => client.setQueryData(queryKeys.certification.all, certification),
  });
}

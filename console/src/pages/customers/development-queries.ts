import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile, type QueryParams } from '../../api/client';

/** Wire types of 客户拓展 (server/src/modules/customers/invitation-wire.ts). */

export type AssociationType = '1' | '2';
export type PreregistrationStatus =
  'in_review' | 'registered' | 'rejected' | 'expired' | 'associated';
export type InvitationStatus = 'invited' | 'associated' | 'failed' | 'expired' | 'revoked';

export interface MemberRef {
  id: string;
  user_name: string;
  display_name: string;
}

export interface Preregistration {
  id: string;
  customer_name: string;
  contact_name: string;
  email: string;
  mobile: string;
  association_type: AssociationType;
  status: PreregistrationStatus;
  expires_at: string | null;
  created_at: string;
  created_by: MemberRef;
  customer_id: string | null;
  opinion: string;
}

export interface ReviewItem extends Preregistration {
  partner_id: string;
  partner_name: string;
}

export interface Invitation {
  id: string;
  channel: 'email' | 'link';
  token: string | null;
  email: string;
  association_type: AssociationType;
  status: InvitationStatus;
  sent_at: string;
  expires_at: string | null;
  resend_count: number;
  tag: string;
  preregistration_id: string | null;
  inviter: MemberRef;
  created_at: string;
}

export interface Attempt {
  id: string;
  invitation_id: string;
  channel: 'email' | 'link';
  email: string;
  association_type: AssociationType;
  customer_id: string | null;
  account_name: string;
  outcome: 'associated' | 'failed';
  failure_cause: string;
  occurred_at: string;
  inviter: MemberRef;
}

export interface CreatePreregistrationBody {
  customer_name: string;
  contact_name?: string;
  email?: string;
  mobile?: string;
  association_type: AssociationType;
}

export interface SendInvitationsBody {
  emails: string[];
  association_type: AssociationType;
  preregistration_id?: string;
}

const BASE = '/console/api/customer-development';

export const developmentKeys = {
  all: ['customer-development'] as const,
  settings: ['customer-development', 'settings'] as const,
  links: ['customer-development', 'links'] as const,
};

export const developmentApi = {
  preregistrations: (query: QueryParams) =>
    api.get<{ total_count: number; preregistrations: Preregistration[] }>(
      `${BASE}/preregistrations`,
      query,
    ),
  invitations: (query: QueryParams) =>
    api.get<{ total_count: number; invitations: Invitation[] }>(`${BASE}/invitations`, query),
  history: (query: QueryParams) =>
    api.get<{ total_count: number; attempts: Attempt[] }>(`${BASE}/history`, query),
  preview: (associationType: AssociationType) =>
    api.get<{ subject: string; text: string }>(`${BASE}/invitations/preview`, {
      association_type: associationType,
    }),
  reviews: (query: QueryParams) =>
    api.get<{ total_count: number; preregistrations: ReviewItem[] }>(
      '/console/api/operator/preregistration-reviews',
      query,
    ),
  decide: (id: string, body: { approve: boolean; opinion?: string }) =>
    api.post<Preregistration>(
      `/console/api/operator/preregistration-reviews/${encodeURIComponent(id)}`,
      body,
    ),
};

/** The QR image of an offline link; the browser sends the session cookie with it. */
export function qrCodeUrl(linkId: string): string {
  return `${BASE}/links/${encodeURIComponent(linkId)}/qr.png`;
}

/** The acceptance page a link opens, on this console's own address. */
export function invitationPageUrl(token: string): string {
  return `${window.location.origin}/invite/${encodeURIComponent(token)}`;
}

export function downloadQrCode(linkId: string): Promise<void> {
  return downloadFile(
    `${BASE}/links/${encodeURIComponent(linkId)}/qr.png`,
    {},
    'invitation-qr.png',
  );
}

export function exportHistory(format: 'csv' | 'xlsx', filters: QueryParams): Promise<void> {
  return downloadFile(
    `${BASE}/history/export`,
    { ...filters, format },
    `invitation-history.${format}`,
  );
}

export function useDevelopmentSettings() {
  return useQuery({
    queryKey: developmentKeys.settings,
    queryFn: () => api.get<{ referral_enabled: boolean }>(`${BASE}/settings`),
  });
}

export function useOfflineLinks() {
  return useQuery({
    queryKey: developmentKeys.links,
    queryFn: () => api.get<{ invitations: Invitation[] }>(`${BASE}/links`),
  });
}

export function useGenerateLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (associationType: AssociationType) =>
      api.post<Invitation>(`${BASE}/links`, { association_type: associationType }),
    onSuccess: () => client.invalidateQueries({ queryKey: developmentKeys.links }),
  });
}

export function useCreatePreregistration() {
  return useMutation({
    mutationFn: (body: CreatePreregistrationBody) =>
      api.post<Preregistration>(`${BASE}/preregistrations`, body),
  });
}

export function useSendInvitations() {
  return useMutation({
    mutationFn: (body: SendInvitationsBody) =>
      api.post<{ invitations: Invitation[] }>(`${BASE}/invitations`, body),
  });
}

export function useInvitationAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'resend' | 'revoke' }) =>
      api.post<Invitation>(`${BASE}/invitations/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: developmentKeys.links }),
  });
}

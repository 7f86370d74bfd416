import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Wire shapes of the association routes (server/src/modules/customers/association-wire.ts). */
export type AssociationTypeCode = '1' | '2';
export type AssociationRequestKind = 'disassociate' | 'switch_type';
export type AssociationRequestInitiator = 'partner' | 'customer';
export type AssociationRequestStatus =
  | 'pending_review'
  | 'review_failed'
  | 'pending_customer'
  | 'pending_partner'
  | 'approved'
  | 'rejected'
  | 'cancelled';
export const associationEvents = [
  'associated',
  'disassociated',
  'type_switched',
  'request_submitted',
  'request_rejected',
  'request_withdrawn',
] as const;
export type AssociationEvent = (typeof associationEvents)[number];

export interface AssociationRequest {
  id: string;
  customer_id: string;
  customer_account_name: string;
  kind: AssociationRequestKind;
  initiator: AssociationRequestInitiator;
  from_association_type: AssociationTypeCode;
  to_association_type: AssociationTypeCode | null;
  reason: string;
  status: AssociationRequestStatus;
  requested_by: string;
  opinion: string;
  decided_by: string;
  decided_at: string | null;
  created_at: string;
  /** The operator's pre-review (R-DIS-06): who, when, why, and whom the partner may ask. */
  reviewed_by: string;
  reviewed_at: string | null;
  review_opinion: string;
  reviewer_contact: string;
}

export interface RequestAllowance {
  max_requests: number;
  period_months: number;
  used: number;
}

export interface AccountCheck {
  kind: AssociationRequestKind;
  passed: boolean;
  blockers: { code: string; message: string }[];
  allowance: RequestAllowance;
  open_request: AssociationRequest | null;
}

export interface AssociationRecord {
  id: string;
  customer_id: string;
  customer_account_name: string;
  customer_name: string;
  event: AssociationEvent;
  association_type: AssociationTypeCode;
  occurred_at: string;
  actor: string;
  request: {
    id: string;
    kind: AssociationRequestKind;
    initiator: AssociationRequestInitiator;
    status: AssociationRequestStatus;
    from_association_type: AssociationTypeCode;
    to_association_type: AssociationTypeCode | null;
    reason: string;
    opinion: string;
    decided_by: string;
    review_opinion: string;
  } | null;
}

export interface AssociationRecordQuery {
  customer?: string;
  event?: AssociationEvent;
  occurred_from?: string;
  occurred_to?: string;
}

const CUSTOMERS = '/console/api/customers';
const REQUESTS = '/console/api/association-requests';
const RECORDS = '/console/api/association-records';
const customerPath = (id: string) => `${CUSTOMERS}/${encodeURIComponent(id)}`;
const requestPath = (id: string) => `${REQUESTS}/${encodeURIComponent(id)}`;

const keys = {
  all: [...queryKeys.customers.all, 'association'] as const,
  records: (query: AssociationRecordQuery & { offset?: number; limit?: number }) =>
    [...queryKeys.customers.all, 'association', 'records', query] as const,
  open: (customerId: string) =>
    [...queryKeys.customers.all, 'association', 'open', customerId] as const,
  check: (customerId: string, kind: AssociationRequestKind) =>
    [...queryKeys.customers.all, 'association', 'check', customerId, kind] as const,
};

export const associationQueries = {
  records: (query: AssociationRecordQuery & { offset?: number; limit?: number }) =>
    queryOptions({
      queryKey: keys.records(query),
      queryFn: () =>
        api.get<{ total_count: number; records: AssociationRecord[] }>(RECORDS, { ...query }),
      staleTime: 0,
    }),
  open: (customerId: string) =>
    queryOptions({
      queryKey: keys.open(customerId),
      queryFn: () =>
        api.get<{ request: AssociationRequest | null; failed_review: AssociationRequest | null }>(
          `${customerPath(customerId)}/association-request`,
        ),
      staleTime: 0,
    }),
  check: (customerId: string, kind: AssociationRequestKind) =>
    queryOptions({
      queryKey: keys.check(customerId, kind),
      queryFn: () =>
        api.get<AccountCheck>(`${customerPath(customerId)}/association-check`, { kind }),
      staleTime: 0,
    }),
};

/** The request waiting for a decision on the detail page (关联关系管理). */
export function useOpenAssociationRequest(customerId: string) {
  return useQuery(associationQueries.open(customerId));
}

/** 账号检查: asked when the dialog opens, so the user sees blockers before typing a reason. */
export function useAccountCheck(
  customerId: string,
  kind: AssociationRequestKind,
  enabled: boolean,
) {
  return useQuery({ ...associationQueries.check(customerId, kind), enabled });
}

function useInvalidatingMutation<TInput>(run: (input: TInput) => Promise<AssociationRequest>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    // The customer row (status, type) and the records change with any decision.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.customers.all }),
  });
}

export function useRequestAssociationChange() {
  return useInvalidatingMutation(
    (input: {
      customerId: string;
      kind: AssociationRequestKind;
      reason: string;
      acknowledged: boolean;
    }) =>
      api.post<AssociationRequest>(`${customerPath(input.customerId)}/association-requests`, {
        kind: input.kind,
        reason: input.reason,
        acknowledged: input.acknowledged,
      }),
  );
}

export function useWithdrawAssociationRequest() {
  return useInvalidatingMutation((requestId: string) =>
    api.post<AssociationRequest>(`${requestPath(requestId)}/withdraw`),
  );
}

export function useDecideAssociationRequest() {
  return useInvalidatingMutation(
    (input: { requestId: string; approve: boolean; opinion?: string }) =>
      api.post<AssociationRequest>(
        `${requestPath(input.requestId)}/${input.approve ? 'approve' : 'reject'}`,
        input.opinion ? { opinion: input.opinion } : {},
      ),
  );
}

/** The server's CSV or XLSX of the records the page's filters select. */
export function exportAssociationRecords(
  format: 'csv' | 'xlsx',
  query: AssociationRecordQuery,
): Promise<void> {
  return downloadFile(`${RECORDS}/export`, { ...query, format }, `association-records.${format}`);
}

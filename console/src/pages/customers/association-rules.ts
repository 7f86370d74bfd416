import dayjs, { type Dayjs } from 'dayjs';
import {
  associationEvents,
  type AccountCheck,
  type AssociationEvent,
  type AssociationRecord,
  type AssociationRecordQuery,
  type RequestAllowance,
} from './association-queries';

/** A moment as the API wants it: UTC without milliseconds (`2026-03-01T00:00:00Z`). */
export function toWireTime(value: string | Dayjs | Date): string | undefined {
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/**
 * The 管理关联记录 search form (strings, as the URL keeps them, plus the time range picker's
 * value) turned into the API's query; an unknown event is dropped rather than sent.
 */
export function toRecordQuery(
  filters: Record<string, string>,
  range: unknown,
): AssociationRecordQuery {
  const query: AssociationRecordQuery = {};
  if (filters.customer) query.customer = filters.customer;
  const event = filters.event;
  if (event && (associationEvents as readonly string[]).includes(event)) {
    query.event = event as AssociationEvent;
  }
  if (Array.isArray(range) && range.length === 2) {
    const [from, to] = range as [string | Dayjs, string | Dayjs];
    const occurredFrom = toWireTime(from);
    const occurredTo = toWireTime(to);
    if (occurredFrom) query.occurred_from = occurredFrom;
    if (occurredTo) query.occurred_to = occurredTo;
  }
  return query;
}

/**
 * A record whose customer-initiated request still waits for the partner: the only rows that get
 * 同意 / 驳回 (SM-4 待伙伴处理), and only for administrators.
 */
export function isDecidable(record: AssociationRecord, canDecide: boolean): boolean {
  return (
    canDecide &&
    record.event === 'request_submitted' &&
    record.request?.initiator === 'customer' &&
    record.request.status === 'pending_partner'
  );
}

/** Whether this side has used its requests for the period (R-DIS-02/03). */
export function isAllowanceUsedUp(allowance: RequestAllowance): boolean {
  return allowance.used >= allowance.max_requests;
}

/** Whether the dialog may submit: the check passed; the server re-checks on submit anyway. */
export function canSubmitRequest(check: AccountCheck | undefined): boolean {
  return check?.passed === true;
}

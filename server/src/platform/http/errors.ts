/**
 * The error catalogue: every code the API can answer with, its HTTP status and default message.
 * Huawei's statuses are irregular (some business errors are HTTP 200, token errors are 401 on
 * some pages and 403 on others), so the status belongs to the entry, never to the thrower.
 * `docs/errors.md` lists the same entries; a structure test keeps the two equal.
 */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

export const Errors = {
  /** Any malformed input: schema violations, bad JSON, out-of-range paging; the message names the field. */
  INVALID_PARAMETER: { code: 'CBC.0100', status: 400, message: 'Invalid parameter' },
  /** The body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: { code: 'CBC.0100', status: 413, message: 'Request body is too large' },
  /** The content type is not JSON where JSON is required. */
  UNSUPPORTED_MEDIA_TYPE: {
    code: 'CBC.0100',
    status: 415,
    message: 'Unsupported content type; use application/json',
  },
  /** The caller class or role may not perform this operation. */
  ACCESS_DENIED: { code: 'CBC.0151', status: 403, message: 'Access denied' },
  /** `X-Auth-Token` is unknown, expired or revoked. */
  TOKEN_INVALID: { code: 'CBC.0154', status: 401, message: 'x_auth_token is invalid or expired' },
  /** No credentials at all on a route that needs them. */
  AUTHENTICATION_REQUIRED: {
    code: 'APIGW.0301',
    status: 401,
    message: 'Incorrect IAM authentication information: no Authorization or X-Auth-Token header',
  },
  /** The Authorization header is not a well-formed SDK-HMAC-SHA256 header. */
  SIGNATURE_MALFORMED: {
    code: 'APIGW.0301',
    status: 401,
    message: 'Incorrect IAM authentication information: malformed Authorization header',
  },
  /** The AK in the Authorization header does not exist. */
  ACCESS_KEY_UNKNOWN: {
    code: 'APIGW.0301',
    status: 401,
    message: 'Incorrect IAM authentication information: Get secretKey failed, ak not exist',
  },
  /** The AK exists but was disabled by its owner. */
  ACCESS_KEY_DISABLED: {
    code: 'APIGW.0301',
    status: 401,
    message: 'Incorrect IAM authentication information: ak is disabled',
  },
  /** The signature does not match the request (tampered body, query, header or wrong SK). */
  SIGNATURE_MISMATCH: {
    code: 'APIGW.0301',
    status: 401,
    message: 'Incorrect IAM authentication information: verify aksk signature fail',
  },
  /** `X-Sdk-Date` is missing, malformed or more than 15 minutes from server time. */
  SIGNATURE_EXPIRED: {
    code: 'APIGW.0303',
    status: 401,
    message:
      'Incorrect IAM authentication information: X-Sdk-Date is missing or not within 15 minutes of server time',
  },
  /** Account name, user name or password is wrong (one message for all, so names cannot be probed). */
  LOGIN_FAILED: {
    code: 'CBC.0155',
    status: 401,
    message: 'The account name, user name or password is incorrect',
  },
  /** Too many failed logins: the user is locked for a while. */
  LOGIN_LOCKED: {
    code: 'CBC.0156',
    status: 403,
    message: 'Too many failed logins; the user is locked, try again later',
  },
  /** A cookie-authenticated write without a matching `X-CSRF-Token` header. */
  CSRF_REJECTED: { code: 'CBC.0157', status: 403, message: 'Missing or invalid CSRF token' },
  /** The user must change the initial password before calling anything but the session routes. */
  PASSWORD_CHANGE_REQUIRED: {
    code: 'CBC.0158',
    status: 403,
    message: 'The password must be changed first (POST /console/api/session/password)',
  },
  /** `assume_role`: `agency_name` is not the calling partner's agency (its `xaccount_type`). */
  AGENCY_NAME_MISMATCH: {
    code: 'CBC.0159',
    status: 403,
    message: "The agency does not exist: agency_name must be the partner account's xaccount_type",
  },
  /** `assume_role`: the customer is unknown, not associated with the caller, or has not authorized it. */
  ASSUME_ROLE_DENIED: {
    code: 'CBC.0160',
    status: 403,
    message: 'The customer has not authorized your account to act on its behalf',
  },
  /** The route or resource does not exist (or is not visible to the caller). */
  NOT_FOUND: { code: 'CBC.0404', status: 404, message: 'The requested resource does not exist' },
  /** The request conflicts with existing data (a duplicate name, a state that forbids it). */
  CONFLICT: { code: 'CBC.0409', status: 409, message: 'The request conflicts with existing data' },
  /** A business rule forbids the operation in the current state. */
  OPERATION_NOT_ALLOWED: {
    code: 'CBC.0410',
    status: 400,
    message: 'The operation is not allowed in the current state',
  },
  /** A configured quantity limit (roles, access keys, …) is reached. */
  LIMIT_EXCEEDED: { code: 'CBC.0411', status: 400, message: 'A limit has been reached' },
  /** Huawei's code for a verification code checked wrongly too often; the code is spent. */
  VERIFICATION_ATTEMPTS_EXCEEDED: {
    code: 'CBC.99004009',
    status: 400,
    message: 'Too many failed verification attempts; request a new code',
  },
  /** `indirect_partner_id` names no reseller of the calling distributor (writes only; queries answer empty). */
  RESELLER_NOT_OWNED: {
    code: 'CBC.99000037',
    status: 400,
    message: 'You have no permission to operate on this reseller',
  },
  /** Too many verification codes sent to one phone within the hour. */
  VERIFICATION_SEND_LIMIT: {
    code: 'CBC.99000082',
    status: 400,
    message: 'The verification code send count has been exceeded',
  },
  /** The partner has not enabled "实名认证附件上传" (R-MISC-04), so the real-name APIs are closed. */
  REALNAME_UPLOAD_DISABLED: {
    code: 'CBC.99000090',
    status: 400,
    message:
      'Real-name attachment upload is not enabled; turn it on under Support > Open APIs > Access Configuration',
  },
  /** A money move larger than the funding account's available balance (R-FUND-03, R-FUND-05). */
  INSUFFICIENT_BALANCE: { code: 'CBC.99005003', status: 400, message: 'Insufficient balance' },
  /** A partner's resale (代售) customer asked for its own change records; its partner keeps them. */
  RESALE_CUSTOMER_CHANGE_RECORDS: {
    code: 'CBC.99000084',
    status: 400,
    message: "A partner's resale customer cannot query account change records",
  },
  /** Huoban: an `Idempotency-Key` reused within 24 h for another operation or other parameters. */
  IDEMPOTENCY_KEY_REUSED: {
    code: 'CBC.0412',
    status: 409,
    message: 'The Idempotency-Key was already used for a different request',
  },
  /**
   * R-DIS-02/03: this side already made the operator's maximum of disassociation or type-switch
   * requests for the customer within the rolling period; more need a ticket.
   */
  ASSOCIATION_REQUEST_LIMIT: {
    code: 'CBC.0420',
    status: 400,
    message: 'The association request limit for this customer in the period has been reached',
  },
  /** R-DIS-04: the account check found a blocker (frozen account, enterprise sub accounts, …). */
  ASSOCIATION_CHECK_FAILED: {
    code: 'CBC.0421',
    status: 400,
    message: 'The account check failed; clear the blockers first',
  },
  /**
   * SM-19, P-37: a reseller asked a customer for authorization without its distributor's
   * 代客下单/代客运维 right.
   */
  RESELLER_RIGHT_MISSING: {
    code: 'CBC.0422',
    status: 400,
    message:
      'Your distributor has not authorized you to order or operate on behalf of customers; ask it to grant the right first',
  },
  /** Flow control. */
  TOO_MANY_REQUESTS: { code: 'CBC.0250', status: 429, message: 'Too many requests' },
  /** Anything unexpected; details go to the log only. */
  INTERNAL: { code: 'CBC.0999', status: 500, message: 'Internal error' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorName = keyof typeof Errors;

export interface ApiErrorOptions {
  /** The request field at fault; it is named in the message. */
  field?: string;
  /** Extra human-readable detail appended to the default message. */
  detail?: string;
  cause?: unknown;
}

/** The one error type of the application. Services throw it; the HTTP layer renders it. */
export class ApiError extends Error {
  readonly definition: ErrorDefinition;
  readonly field: string | undefined;

  constructor(definition: ErrorDefinition, options: ApiErrorOptions = {}) {
    super(formatMessage(definition, options), { cause: options.cause });
    this.name = 'ApiError';
    this.definition = definition;
    this.field = options.field;
  }

  get code(): string {
    return this.definition.code;
  }

  get status(): number {
    return this.definition.status;
  }
}

function formatMessage(definition: ErrorDefinition, options: ApiErrorOptions): string {
  const parts = [definition.message];
  if (options.field) parts.push(`field '${options.field}'`);
  if (options.detail) parts.push(options.detail);
  return parts.join(': ');
}

/** Shorthand for the most common error: bad input naming the field. */
export function invalidParameter(field: string, detail: string): ApiError {
  return new ApiError(Errors.INVALID_PARAMETER, { field, detail });
}

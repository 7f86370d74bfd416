/**
 * The console's one HTTP client. It sends the session cookie, echoes the CSRF token the session
 * handed out on every write, and turns the server's `{"error_code","error_msg"}` body into an
 * `ApiRequestError` that the query client reports in one place (see `errors.ts`).
 */

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** A failed call, carrying the server's error code so callers and the reporter can key on it. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/** Error code used locally when no response arrived at all. */
export const NETWORK_ERROR_CODE = 'NETWORK';

/** The server refuses everything but the session routes until the initial password is changed. */
export const PASSWORD_CHANGE_REQUIRED_CODE = 'CBC.0158';

let csrfToken: string | null = null;
let onSessionProblem: ((error: ApiRequestError) => void) | null = null;

/** Remembers the token of the current session; writes fail with CBC.0157 without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Registers what happens when a call shows that the session ended under a running page (401) or
 * that it still needs a password change: the app re-reads the session and routes accordingly.
 */
export function setSessionProblemHandler(handler: (error: ApiRequestError) => void): void {
  onSessionProblem = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** Calls whose 401 is an expected answer (reading or opening the session) must not redirect. */
  expectUnauthorized?: boolean;
  /** Makes a money-moving call idempotent: a retry with the same key moves nothing twice. */
  idempotencyKey?: string;
  /** The mailed code a money move needs when the partner has 验证码验证 on. */
  verificationCode?: string;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  let code = `HTTP.${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error_code?: unknown; error_msg?: unknown };
    if (typeof body.error_code === 'string') code = body.error_code;
    if (typeof body.error_msg === 'string') message = body.error_msg;
  } catch {
    // Not the server's JSON error body (a proxy page, an empty answer): keep the HTTP status text.
  }
  return new ApiRequestError(response.status, code, message, requestId);
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.verificationCode) headers['X-Verification-Code'] = options.verificationCode;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiRequestError(
      0,
      NETWORK_ERROR_CODE,
      cause instanceof Error ? cause.message : String(cause),
    );
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    const sessionEnded = response.status === 401 && !options.expectUnauthorized;
    if (sessionEnded || error.code === PASSWORD_CHANGE_REQUIRED_CODE) onSessionProblem?.(error);
    throw error;
  }
  return response;
}

async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** The file name a `Content-Disposition` header proposes, if any. */
function fileNameOf(response: Response): string | undefined {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header)?.[1];
}

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Downloads a server-generated file (exports) through fetch rather than a plain link, so an
 * error comes back as the usual error body instead of replacing the page.
 */
export async function downloadFile(
  path: string,
  query: QueryParams,
  fallbackName: string,
): Promise<void> {
  const response = await send('GET', path, { query });
  saveBlob(await response.blob(), fileNameOf(response) ?? fallbackName);
}

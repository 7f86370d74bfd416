/**
 * Client-side `SDK-HMAC-SHA256` signers for tests, written from spec/signing.md independently of
 * the server's verifier: a Node-SDK form (used by `signedRequest`) and a Python-SDK form.
 */
import { createHash, createHmac } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.ts';

export interface AkSk {
  accessKey: string;
  secretKey: string;
}

export interface SignInput {
  method: string;
  /** Path and query as they go on the wire, e.g. `/v2/x?b=2&a=1`. */
  url: string;
  /** Headers to send; every one of them is signed (Node) or all without `_` (Python). */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Signing time; defaults to now. A test makes stale requests with an old date. */
  date?: Date;
}

export interface SignedParts {
  url: string;
  headers: Record<string, string>;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes `%XX`. */
function encode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function encodePath(segments: string[]): string {
  const joined = segments.map(encode).join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

function splitUrl(url: string): { path: string; query: string } {
  const index = url.indexOf('?');
  return index < 0
    ? { path: url, query: '' }
    : { path: url.slice(0, index), query: url.slice(index + 1) };
}

function queryPairs(query: string): [string, string][] {
  if (query === '') return [];
  return query.split('&').map((part) => {
    const [key = '', value = ''] = part.split('=', 2);
    return [decodeURIComponent(key), decodeURIComponent(value)];
  });
}

function sign(
  secretKey: string,
  date: string,
  method: string,
  uri: string,
  query: string,
  headers: Record<string, string>,
  body: string | Buffer,
): { signedHeaders: string; signature: string } {
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const canonicalHeaders = names.map((name) => `${name}:${(lower[name] ?? '').trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = [
    method.toUpperCase(),
    uri,
    query,
    canonicalHeaders,
    signedHeaders,
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  return {
    signedHeaders,
    signature: createHmac('sha256', secretKey).update(stringToSign).digest('hex'),
  };
}

function authorization(
  accessKey: string,
  signed: { signedHeaders: string; signature: string },
): string {
  return `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
}

/**
 * Signs like the Node SDK: the raw path encoded again (no decoding), query pairs sorted by key,
 * every header present signed as is. Needs a `host` header among `headers`.
 */
export function signNodeStyle(keys: AkSk, input: SignInput): SignedParts {
  const date = sdkDate(input.date ?? new Date());
  const headers = { ...input.headers, 'X-Sdk-Date': date };
  const { path, query } = splitUrl(input.url);
  const canonicalQuery = queryPairs(query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const signed = sign(
    keys.secretKey,
    date,
    input.method,
    encodePath(path.split('/')),
    canonicalQuery,
    headers,
    input.body ?? '',
  );
  return {
    url: input.url,
    headers: { ...headers, Authorization: authorization(keys.accessKey, signed) },
  };
}

/**
 * Signs like the Python SDK: the path unquoted then quoted per segment, the query sent exactly
 * as its canonical form (so the returned `url` replaces the input's query), header values trimmed,
 * headers whose name contains `_` left unsigned. Python also signs `User-Agent`.
 */
export function signPythonStyle(keys: AkSk, input: SignInput): SignedParts {
  const date = sdkDate(input.date ?? new Date());
  const headers = { ...input.headers, 'X-Sdk-Date': date };
  const { path, query } = splitUrl(input.url);
  const canonicalQuery = queryPairs(query)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const signable = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.includes('_')),
  );
  const uri = encodePath(decodeURIComponent(path).split('/'));
  const signed = sign(
    keys.secretKey,
    date,
    input.method,
    uri,
    canonicalQuery,
    signable,
    input.body ?? '',
  );
  return {
    url: canonicalQuery === '' ? path : `${path}?${canonicalQuery}`,
    headers: { ...headers, Authorization: authorization(keys.accessKey, signed) },
  };
}

/** JSON as Python's simplejson writes it by default: `", "` and `": "`, non-ASCII as `\uXXXX`. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(
      ([key, member]) => `${pythonJson(key)}: ${pythonJson(member)}`,
    );
    return `{${members.join(', ')}}`;
  }
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export interface SignedRequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Serialised with `JSON.stringify`, exactly as the Node SDK sends it. */
  payload?: unknown;
  headers?: Record<string, string>;
  /** Signing time; defaults to the app's clock, so tests that move time stay in the window. */
  date?: Date;
}

/**
 * An `app.inject` request signed with `keys` the way the Node SDK signs a GlobalCredentials call
 * (`content-type`, `host`, `x-sdk-date` and any extra header signed).
 */
export function signedRequest(
  app: App,
  keys: AkSk,
  options: SignedRequestOptions,
): Promise<LightMyRequestResponse> {
  const body = options.payload === undefined ? '' : JSON.stringify(options.payload);
  const signed = signNodeStyle(keys, {
    method: options.method,
    url: options.url,
    headers: { 'content-type': 'application/json', host: 'localhost', ...options.headers },
    body,
    date: options.date ?? app.clock.now(),
  });
  const request: InjectOptions = {
    method: options.method,
    url: signed.url,
    headers: signed.headers,
  };
  if (body !== '') request.payload = body;
  return app.inject(request);
}

/**
 * `SDK-HMAC-SHA256` verification as pure functions (spec/signing.md). Huawei's Node and Python
 * SDKs canonicalise the same request differently, so the verifier rebuilds every canonical form
 * either SDK can have signed and accepts the request when one of them matches.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { MINUTE_MS } from '../clock/index.ts';
import { ApiError, Errors } from '../http/errors.ts';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const SDK_DATE_HEADER = 'x-sdk-date';
export const CONTENT_SHA256_HEADER = 'x-sdk-content-sha256';
/** Huawei's gateway rejects an `X-Sdk-Date` further than this from server time, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * MINUTE_MS;
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Headers without which the date window and the target host would not be covered. */
const REQUIRED_SIGNED_HEADERS = ['host', SDK_DATE_HEADER] as const;

const AUTHORIZATION_PATTERN =
  /^SDK-HMAC-SHA256\s+Access=([^\s,]+)\s*,\s*SignedHeaders=([^\s,]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/;
const SDK_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface ParsedAuthorization {
  accessKey: string;
  /** Lower-case header names in the order the client listed them. */
  signedHeaders: string[];
  /** The 32 signature bytes. */
  signature: Buffer;
}

/** The parts of a received request that the signature covers, exactly as they arrived. */
export interface ReceivedRequest {
  method: string;
  /** The raw request target: path and query before any decoding (`request.raw.url`). */
  target: string;
  headers: IncomingHttpHeaders;
  /** The raw body bytes; empty when there is none. */
  body: Buffer;
}

function malformed(detail: string): ApiError {
  return new ApiError(Errors.SIGNATURE_MALFORMED, { detail });
}

/**
 * Parses `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`. Fails with
 * `SIGNATURE_MALFORMED` when the header does not have that shape or does not sign `host` and
 * `x-sdk-date`.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  const match = AUTHORIZATION_PATTERN.exec(header);
  if (!match) {
    throw malformed(
      'expected "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>"',
    );
  }
  const [, accessKey = '', headerList = '', signature = ''] = match;
  const signedHeaders = headerList.split(';').map((name) => name.trim().toLowerCase());
  if (signedHeaders.some((name) => name === '')) throw malformed('SignedHeaders has an empty name');
  for (const required of REQUIRED_SIGNED_HEADERS) {
    if (!signedHeaders.includes(required))
      throw malformed(`SignedHeaders must include ${required}`);
  }
  return { accessKey, signedHeaders, signature: Buffer.from(signature, 'hex') };
}

/**
 * Checks `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`, UTC) against `now`. Fails with `SIGNATURE_EXPIRED`
 * when it is missing, malformed or more than 15 minutes away in either direction.
 */
export function assertSdkDateFresh(value: string | undefined, now: Date): void {
  const match = value === undefined ? null : SDK_DATE_PATTERN.exec(value.trim());
  if (!match)
    throw new ApiError(Errors.SIGNATURE_EXPIRED, { detail: 'X-Sdk-Date must be YYYYMMDDTHHMMSSZ' });
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const signedAt = Date.UTC(year, month - 1, day, hour, minute, second);
  const parsed = new Date(signedAt);
  const exact =
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!exact)
    throw new ApiError(Errors.SIGNATURE_EXPIRED, { detail: 'X-Sdk-Date is not a valid time' });
  if (Math.abs(now.getTime() - signedAt) > MAX_CLOCK_SKEW_MS) {
    throw new ApiError(Errors.SIGNATURE_EXPIRED, {
      detail: `X-Sdk-Date ${value} is outside the 15-minute window`,
    });
  }
}

const HEX = '0123456789ABCDEF';
const UNRESERVED = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') {
  UNRESERVED[char.charCodeAt(0)] = 1;
}

/** RFC 3986 encoding of UTF-8 bytes: unreserved characters stay, everything else is `%XX`. */
export function uriEncodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte < 128 && UNRESERVED[byte] === 1) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4] ?? ''}${HEX[byte & 15] ?? ''}`;
  }
  return out;
}

/** URI-encodes a string as both SDKs do (`%20` for a space, `/ : * ( ) ! '` encoded). */
export function uriEncode(text: string): string {
  if (/^[A-Za-z0-9\-_.~]*$/.test(text)) return text;
  return uriEncodeBytes(Buffer.from(text, 'utf8'));
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Percent-decodes to bytes like Python's `unquote`: invalid `%` sequences stay as they are. */
export function percentDecode(text: string): Buffer {
  if (!text.includes('%')) return Buffer.from(text, 'utf8');
  const source = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i] ?? 0;
    if (byte === 37 && i + 2 < source.length) {
      const high = hexValue(source[i + 1] ?? 0);
      const low = hexValue(source[i + 2] ?? 0);
      if (high >= 0 && low >= 0) {
        out[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

const utf8 = new TextDecoder('utf-8');

function canonicalPath(segments: readonly string[], encode: (segment: string) => string): string {
  const path = segments.map(encode).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * Characters Node's legacy `url.parse` escapes in a path although the WHATWG URL (which puts the
 * path on the wire) does not.
 */
const URL_PARSE_EXTRA_ESCAPES: Record<string, string> = { "'": '%27', '|': '%7C', '^': '%5E' };

/**
 * What the Node SDK's `url.parse(...).pathname` held for a segment that arrived as `wire`: the
 * WHATWG URL escaped non-ASCII bytes that `url.parse` left raw, and `url.parse` escaped a few
 * ASCII characters the wire form leaves alone.
 */
function urlParseSegment(wire: string): string {
  const restored = wire.replace(/(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (run) => {
    const text = utf8.decode(percentDecode(run));
    return text.includes('\uFFFD') ? run : text;
  });
  return restored.replace(/['|^]/g, (char) => URL_PARSE_EXTRA_ESCAPES[char] ?? char);
}

/** A path of unreserved characters only: every SDK signs it as it is, plus the trailing `/`. */
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * The canonical URIs the SDKs can have signed for a raw path: Python's (decoded, then encoded),
 * Node's (the raw path encoded again, so `%20` becomes `%2520`) and Node's `url.parse` form. All
 * end in `/`. Duplicates are removed, so a plain ASCII path yields one candidate.
 */
export function canonicalUriCandidates(rawPath: string): string[] {
  if (PLAIN_PATH.test(rawPath)) return [rawPath.endsWith('/') ? rawPath : `${rawPath}/`];
  const python = canonicalPath(utf8.decode(percentDecode(rawPath)).split('/'), uriEncode);
  const rawSegments = rawPath.split('/');
  const node = canonicalPath(rawSegments, uriEncode);
  const nodeUrlParse = canonicalPath(rawSegments.map(urlParseSegment), uriEncode);
  return [...new Set([python, node, nodeUrlParse])];
}

/**
 * The canonical query strings the SDKs can have signed for a raw query: pairs percent-decoded
 * (`+` stays `+`), stably sorted by key so that the values of one key keep their wire order, then
 * re-encoded; and as a fallback the full (key, value) sort.
 */
export function canonicalQueryCandidates(rawQuery: string): string[] {
  if (rawQuery === '') return [''];
  const pairs = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const key = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      return { key: utf8.decode(percentDecode(key)), value: utf8.decode(percentDecode(value)) };
    });
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const render = (list: typeof pairs) =>
    list.map((p) => `${uriEncode(p.key)}=${uriEncode(p.value)}`).join('&');
  const byKey = [...pairs].sort((a, b) => compare(a.key, b.key));
  const full = [...pairs].sort((a, b) => compare(a.key, b.key) || compare(a.value, b.value));
  return [...new Set([render(byKey), render(full)])];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim();
}

/** `name:value\n` per signed header, in sorted order; fails when a signed header was not sent. */
export function canonicalHeaders(
  headers: IncomingHttpHeaders,
  signedHeaders: readonly string[],
): string {
  let block = '';
  for (const name of [...signedHeaders].sort()) {
    const value = headerValue(headers, name);
    if (value === undefined) throw malformed(`signed header ${name} is missing from the request`);
    block += `${name}:${value}\n`;
  }
  return block;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The payload hashes a client can have signed: `X-Sdk-Content-Sha256` when sent (plus the empty
 * hash for an empty body, as the Python SDK does), otherwise the SHA-256 of the raw body. A real
 * hash in that header must match the body (`SIGNATURE_MISMATCH`).
 */
export function payloadHashCandidates(headers: IncomingHttpHeaders, body: Buffer): string[] {
  const bodyHash = body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
  const declared = headerValue(headers, CONTENT_SHA256_HEADER);
  if (declared === undefined) return [bodyHash];
  if (/^[0-9a-fA-F]{64}$/.test(declared) && declared.toLowerCase() !== bodyHash) {
    throw new ApiError(Errors.SIGNATURE_MISMATCH, {
      detail: 'X-Sdk-Content-Sha256 does not match the body',
    });
  }
  return body.length === 0 ? [...new Set([declared, EMPTY_BODY_SHA256])] : [declared];
}

/** Every canonical request (spec §1) the SDKs can have produced for this received request. */
export function canonicalRequestCandidates(
  request: ReceivedRequest,
  signedHeaders: readonly string[],
): string[] {
  const questionMark = request.target.indexOf('?');
  const rawPath = questionMark < 0 ? request.target : request.target.slice(0, questionMark);
  const rawQuery = questionMark < 0 ? '' : request.target.slice(questionMark + 1);
  const headerBlock = canonicalHeaders(request.headers, signedHeaders);
  const signedList = [...signedHeaders].sort().join(';');
  const method = request.method.toUpperCase();
  const candidates: string[] = [];
  for (const uri of canonicalUriCandidates(rawPath)) {
    for (const query of canonicalQueryCandidates(rawQuery)) {
      for (const payloadHash of payloadHashCandidates(request.headers, request.body)) {
        candidates.push([method, uri, query, headerBlock, signedList, payloadHash].join('\n'));
      }
    }
  }
  return candidates;
}

export function stringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/** HMAC-SHA256 of the string to sign with the SK as key, as raw bytes. */
export function computeSignature(
  secretKey: string,
  sdkDate: string,
  canonicalRequest: string,
): Buffer {
  return createHmac('sha256', secretKey).update(stringToSign(sdkDate, canonicalRequest)).digest();
}

/**
 * True when `signature` matches one of the candidate canonical requests. Every comparison is
 * constant-time, so timing does not reveal how much of a forged signature was right.
 */
export function signatureMatches(
  secretKey: string,
  sdkDate: string,
  candidates: readonly string[],
  signature: Buffer,
): boolean {
  let matched = false;
  for (const candidate of candidates) {
    const expected = computeSignature(secretKey, sdkDate, candidate);
    if (expected.length === signature.length && timingSafeEqual(expected, signature))
      matched = true;
  }
  return matched;
}

/**
 * Verifies a received request against the secret of the AK it names. The caller has parsed the
 * Authorization header and found the key; this checks the date window and the signature.
 * Fails with `SIGNATURE_EXPIRED`, `SIGNATURE_MALFORMED` or `SIGNATURE_MISMATCH`.
 */
export function verifySignedRequest(
  request: ReceivedRequest,
  authorization: ParsedAuthorization,
  secretKey: string,
  now: Date,
): void {
  const sdkDate = headerValue(request.headers, SDK_DATE_HEADER);
  assertSdkDateFresh(sdkDate, now);
  const candidates = canonicalRequestCandidates(request, authorization.signedHeaders);
  if (!signatureMatches(secretKey, sdkDate ?? '', candidates, authorization.signature)) {
    throw new ApiError(Errors.SIGNATURE_MISMATCH);
  }
}

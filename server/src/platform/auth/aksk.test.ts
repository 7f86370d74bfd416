import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../clock/index.ts';
import { ApiError, Errors } from '../http/errors.ts';
import {
  assertSdkDateFresh,
  canonicalQueryCandidates,
  canonicalRequestCandidates,
  canonicalUriCandidates,
  parseAuthorization,
  payloadHashCandidates,
  EMPTY_BODY_SHA256,
  sha256Hex,
  uriEncode,
} from './aksk.ts';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('canonical request', () => {
  it('reproduces the canonical request captured from the Node SDK (signing.md §1)', () => {
    const body = Buffer.from('{"offset":0,"limit":10}');
    const [canonical, ...others] = canonicalRequestCandidates(
      {
        method: 'POST',
        target: '/v2/partners/sub-customers/query',
        headers: {
          'content-type': 'application/json',
          'x-domain-id': '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
          'x-sdk-date': '20261122T014011Z',
          host: '127.0.0.1:35789',
        },
        body,
      },
      ['content-type', 'host', 'x-domain-id', 'x-sdk-date'],
    );
    expect(others).toEqual([]);
    expect(canonical?.split('\n').slice(0, 10)).toEqual([
      'POST',
      '/v2/partners/sub-customers/query/',
      '',
      'content-type:application/json',
      'host:127.0.0.1:35789',
      'x-domain-id:0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'x-sdk-date:20261122T014011Z',
      '',
      'content-type;host;x-domain-id;x-sdk-date',
      sha256Hex(body),
    ]);
  });

  it('encodes like both SDKs: space as %20 and reserved characters escaped', () => {
    expect(uriEncode("a b/c:*()!'~")).toBe('a%20b%2Fc%3A%2A%28%29%21%27~');
    expect(uriEncode('中')).toBe('%E4%B8%AD');
  });

  it('offers the Python, Node raw and Node url.parse forms of an encoded path', () => {
    expect(canonicalUriCandidates('/v2/x/CS2024%2001:ab%2Fc%E4%B8%AD')).toEqual([
      '/v2/x/CS2024%2001%3Aab/c%E4%B8%AD/',
      '/v2/x/CS2024%252001%3Aab%252Fc%25E4%25B8%25AD/',
      '/v2/x/CS2024%252001%3Aab%252Fc%E4%B8%AD/',
    ]);
    expect(canonicalUriCandidates('/v2/plain/path/')).toEqual(['/v2/plain/path/']);
  });

  it('sorts the query by key keeping the wire order of values, with a full sort as fallback', () => {
    expect(canonicalQueryCandidates('b=2&a=z&a=y&remark=x*y(z)!~%27&plus=a+b')).toEqual([
      'a=z&a=y&b=2&plus=a%2Bb&remark=x%2Ay%28z%29%21~%27',
      'a=y&a=z&b=2&plus=a%2Bb&remark=x%2Ay%28z%29%21~%27',
    ]);
    expect(canonicalQueryCandidates('')).toEqual(['']);
    expect(canonicalQueryCandidates('flag')).toEqual(['flag=']);
  });

  it('hashes the raw body unless X-Sdk-Content-Sha256 says otherwise', () => {
    expect(payloadHashCandidates({}, Buffer.alloc(0))).toEqual([EMPTY_BODY_SHA256]);
    expect(
      payloadHashCandidates({ 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, Buffer.alloc(0)),
    ).toEqual(['UNSIGNED-PAYLOAD', EMPTY_BODY_SHA256]);
    expect(
      payloadHashCandidates({ 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, Buffer.from('{}')),
    ).toEqual(['UNSIGNED-PAYLOAD']);
  });
});

describe('Authorization header', () => {
  const signature = 'ab'.repeat(32);

  it('parses the SDK form', () => {
    const parsed = parseAuthorization(
      `SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=${signature}`,
    );
    expect(parsed.accessKey).toBe('AKEXAMPLE');
    expect(parsed.signedHeaders).toEqual(['content-type', 'host', 'x-sdk-date']);
    expect(parsed.signature.toString('hex')).toBe(signature);
  });

  it('rejects other shapes and headers that do not sign host and the date', () => {
    expect(messageOf(() => parseAuthorization('SDK-HMAC-SHA256 Access=AK'))).toContain(
      Errors.SIGNATURE_MALFORMED.message,
    );
    expect(
      messageOf(() =>
        parseAuthorization(
          `SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=${signature}`,
        ),
      ),
    ).toContain('must include host');
    expect(
      messageOf(() =>
        parseAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${signature}`),
      ),
    ).toContain('must include x-sdk-date');
  });
});

describe('X-Sdk-Date window', () => {
  const now = new Date('2026-11-22T01:40:11Z');

  it('accepts up to 15 minutes either way', () => {
    expect(() => assertSdkDateFresh('20261122T014011Z', now)).not.toThrow();
    expect(() => assertSdkDateFresh('20261122T015511Z', now)).not.toThrow();
    expect(() => assertSdkDateFresh('20261122T012511Z', now)).not.toThrow();
  });

  it('rejects older, newer, malformed and impossible dates', () => {
    const late = new Date(now.getTime() + 15 * MINUTE_MS + 1000);
    for (const [value, at] of [
      ['20261122T014011Z', late],
      ['20261122T015512Z', now],
      ['2026-11-22T01:40:11Z', now],
      ['20261131T014011Z', now],
      ['20261122T256011Z', now],
    ] as const) {
      expect(messageOf(() => assertSdkDateFresh(value, at))).toContain(
        Errors.SIGNATURE_EXPIRED.message,
      );
    }
    expect(messageOf(() => assertSdkDateFresh(undefined, now))).toContain(
      Errors.SIGNATURE_EXPIRED.message,
    );
  });
});

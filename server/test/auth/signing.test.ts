import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials.js';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { issueTestToken } from '../helpers/auth-token.ts';
import {
  pythonJson,
  signedRequest,
  signNodeStyle,
  signPythonStyle,
  type AkSk,
} from '../helpers/signing.ts';
import { buildAccessKey, type BuiltAccessKey } from '../factories/keys.ts';
import { MINUTE_MS } from '../../src/platform/clock/index.ts';
import { Errors } from '../../src/platform/http/errors.ts';
import { toWireTime } from '../../src/platform/http/schemas.ts';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';

/** What the echo route saw, so tests can check that the request arrived intact. */
function echo(request: FastifyRequest) {
  return {
    id: (request.params as { id: string }).id,
    query: request.query,
    body: request.body ?? null,
    user: request.principal?.userName ?? null,
    method: request.principal?.authMethod ?? null,
  };
}

interface DomainsResponse extends SdkResponse {
  domains: { id: string; name: string; enabled: boolean }[];
}

interface EchoResponse extends SdkResponse {
  id: string;
  query: Record<string, unknown>;
  body: unknown;
  user: string;
  method: string;
}

interface SdkError {
  httpStatusCode?: number;
  errorCode?: string;
  errorMsg?: string;
}

describe('AK/SK signing (SDK-HMAC-SHA256)', () => {
  let t: TestApp;
  let key: BuiltAccessKey;
  let endpoint: string;
  let sdk: HcClient;

  function sdkClient(keys: AkSk): HcClient {
    const credentials = new GlobalCredentials()
      .withAk(keys.accessKey)
      .withSk(keys.secretKey)
      .withDomainId(key.ref.partnerId);
    return new ClientBuilder((client: HcClient) => client)
      .withEndpoint(endpoint)
      .withCredential(credentials)
      .build();
  }

  beforeAll(async () => {
    t = await buildTestApp(undefined, {
      register: (app) => {
        app.get('/v2/test-echo/:id', (request, reply) => reply.send(echo(request)));
        app.post('/v2/test-echo/:id', (request, reply) => reply.send(echo(request)));
      },
    });
    key = await buildAccessKey(t.database.db, t.keyring);
    endpoint = await t.app.listen({ port: 0, host: '127.0.0.1' });
    sdk = sdkClient(key);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the official Node SDK (@huaweicloud/huaweicloud-sdk-core)', () => {
    it('signs a GET with a query that the server accepts', async () => {
      const response = await sdk.sendRequest<DomainsResponse>({
        method: 'GET',
        url: '/v3/auth/domains',
        contentType: 'application/json',
        queryParams: { x: 1, a: 'b' },
        pathParams: {},
        headers: {},
      });
      expect(response.httpStatusCode).toBe(200);
      expect(response.domains).toEqual([
        expect.objectContaining({ id: key.ref.partnerId, enabled: true }),
      ]);
    });

    it('signs repeated keys, reserved characters and unicode in the query', async () => {
      const response = await sdk.sendRequest<EchoResponse>({
        method: 'GET',
        url: '/v2/test-echo/{id}',
        contentType: 'application/json',
        queryParams: { remark: "x*y(z)!~'", tag: ['2', '1', '10'], name: '伙伴 one', empty: '' },
        pathParams: { id: 'plain-id_1.2~3' },
        headers: { 'X-Language': 'en_US' },
      });
      expect(response.httpStatusCode).toBe(200);
      expect(response.id).toBe('plain-id_1.2~3');
      expect(response.query).toMatchObject({
        remark: "x*y(z)!~'",
        name: '伙伴 one',
        tag: ['1', '10', '2'],
      });
    });

    it('signs a POST with a JSON body', async () => {
      const data = {
        customer_id: 'abc',
        amount: 12.5,
        note: '备注 "quoted" \\ slash',
        items: [1, 2, { deep: true }],
      };
      const response = await sdk.sendRequest<EchoResponse>({
        method: 'POST',
        url: '/v2/test-echo/{id}',
        contentType: 'application/json',
        queryParams: {},
        pathParams: { id: 'query' },
        headers: {},
        data,
      });
      expect(response.httpStatusCode).toBe(200);
      expect(response.body).toEqual(data);
      expect(response.method).toBe('aksk');
    });

    it.each([
      ['a space, a colon and an encoded slash', 'CS2024 01:ab%2Fc'],
      ['non-ASCII characters', '订单中'],
      ['characters url.parse escapes', "it's|a^b"],
      ['a percent sign', '100%25done'],
    ])('signs a path with %s', async (_label, id) => {
      const response = await sdk.sendRequest<EchoResponse>({
        method: 'GET',
        url: '/v2/test-echo/{id}',
        contentType: 'application/json',
        queryParams: {},
        pathParams: { id },
        headers: {},
      });
      expect(response.httpStatusCode).toBe(200);
      expect(response.id).toBe(decodeURIComponent(id.replace(/%(?![0-9A-F]{2})/g, '%25')));
    });

    it('gets a 401 in the shape the SDK parses when the SK is wrong', async () => {
      const wrong = sdkClient({ accessKey: key.accessKey, secretKey: 'x'.repeat(40) });
      const failure = (await wrong
        .sendRequest({
          method: 'GET',
          url: '/v3/auth/domains',
          contentType: 'application/json',
          queryParams: {},
          pathParams: {},
          headers: {},
        })
        .then(
          () => ({}),
          (error: unknown) => error,
        )) as SdkError;
      expect(failure.httpStatusCode).toBe(401);
      expect(failure.errorCode).toBe(Errors.SIGNATURE_MISMATCH.code);
      expect(failure.errorMsg).toContain('verify aksk signature fail');
    });
  });

  describe('a Python-SDK-form signer', () => {
    it('is accepted for a GET with a query and an encoded path (user-agent signed, values trimmed)', async () => {
      const signed = signPythonStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/a%20b%2Fc%E4%B8%AD?b=2&a=1&a=0',
        headers: {
          'Content-Type': 'application/json',
          Host: 'localhost',
          'User-Agent': 'huaweicloud-usdk-python/3.0 ',
          'X-Domain-Id': key.ref.partnerId,
          X_Unsigned_Header: 'skipped',
        },
        date: t.clock.now(),
      });
      expect(signed.headers.Authorization).toContain(
        'SignedHeaders=content-type;host;user-agent;x-domain-id;x-sdk-date,',
      );
      const response = await t.app.inject({
        method: 'GET',
        url: signed.url,
        headers: signed.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: 'a b/c中', query: { a: ['0', '1'], b: '2' } });
    });

    it('is accepted for a POST whose body simplejson serialised', async () => {
      const body = pythonJson({ name: '客户', limit: 10, nested: { ok: true } });
      expect(body).toBe('{"name": "\\u5ba2\\u6237", "limit": 10, "nested": {"ok": true}}');
      const signed = signPythonStyle(key, {
        method: 'POST',
        url: '/v2/test-echo/query',
        headers: {
          'Content-Type': 'application/json',
          Host: 'localhost',
          'User-Agent': 'huaweicloud-usdk-python/3.0',
        },
        body,
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'POST',
        url: signed.url,
        headers: signed.headers,
        payload: body,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        body: { name: '客户', limit: 10, nested: { ok: true } },
      });
    });
  });

  describe('X-Sdk-Content-Sha256', () => {
    it('accepts UNSIGNED-PAYLOAD and an empty body signed as empty', async () => {
      const headers = {
        'content-type': 'application/json',
        host: 'localhost',
        'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD',
      };
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        headers,
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'GET',
        url: signed.url,
        headers: signed.headers,
      });
      expect(response.statusCode).toBe(200);
    });

    it('rejects a real hash that does not match the body', async () => {
      const headers = {
        'content-type': 'application/json',
        host: 'localhost',
        'x-sdk-content-sha256': 'a'.repeat(64),
      };
      const signed = signNodeStyle(key, {
        method: 'POST',
        url: '/v2/test-echo/x',
        headers,
        body: '{}',
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'POST',
        url: signed.url,
        headers: signed.headers,
        payload: '{}',
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error_code: Errors.SIGNATURE_MISMATCH.code });
    });
  });

  describe('tampered or invalid requests fail with 401', () => {
    const base = {
      'content-type': 'application/json',
      host: 'localhost',
      'x-domain-id': 'domain-1',
    };

    function expectRejected(
      response: { statusCode: number; json: () => unknown },
      error: { code: string; message: string },
    ): void {
      expect(response.statusCode).toBe(401);
      const body = response.json() as { error_code: string; error_msg: string };
      expect(body.error_code).toBe(error.code);
      expect(body.error_msg).toContain(error.message);
    }

    it('changed body', async () => {
      const signed = signNodeStyle(key, {
        method: 'POST',
        url: '/v2/test-echo/x',
        headers: base,
        body: '{"amount":1}',
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'POST',
        url: signed.url,
        headers: signed.headers,
        payload: '{"amount":100}',
      });
      expectRejected(response, Errors.SIGNATURE_MISMATCH);
    });

    it('changed query', async () => {
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/x?limit=1',
        headers: base,
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'GET',
        url: '/v2/test-echo/x?limit=100',
        headers: signed.headers,
      });
      expectRejected(response, Errors.SIGNATURE_MISMATCH);
    });

    it('changed path', async () => {
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/mine',
        headers: base,
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'GET',
        url: '/v2/test-echo/yours',
        headers: signed.headers,
      });
      expectRejected(response, Errors.SIGNATURE_MISMATCH);
    });

    it('changed signed header', async () => {
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        headers: base,
        date: t.clock.now(),
      });
      const headers = { ...signed.headers, 'x-domain-id': 'domain-2' };
      const response = await t.app.inject({ method: 'GET', url: signed.url, headers });
      expectRejected(response, Errors.SIGNATURE_MISMATCH);
    });

    it('a date 20 minutes old', async () => {
      const date = new Date(t.clock.now().getTime() - 20 * MINUTE_MS);
      const response = await signedRequest(t.app, key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        date,
      });
      expectRejected(response, Errors.SIGNATURE_EXPIRED);
    });

    it('a date 20 minutes in the future', async () => {
      const date = new Date(t.clock.now().getTime() + 20 * MINUTE_MS);
      const response = await signedRequest(t.app, key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        date,
      });
      expectRejected(response, Errors.SIGNATURE_EXPIRED);
    });

    it('a date 14 minutes off is still accepted', async () => {
      const date = new Date(t.clock.now().getTime() - 14 * MINUTE_MS);
      const response = await signedRequest(t.app, key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        date,
      });
      expect(response.statusCode).toBe(200);
    });

    it('a malformed date', async () => {
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        headers: base,
        date: t.clock.now(),
      });
      const response = await t.app.inject({
        method: 'GET',
        url: signed.url,
        headers: { ...signed.headers, 'X-Sdk-Date': '2026-01-01T00:00:00Z' },
      });
      expectRejected(response, Errors.SIGNATURE_EXPIRED);
    });

    it('unknown AK', async () => {
      const response = await signedRequest(
        t.app,
        { accessKey: 'NOSUCHKEY00000000000', secretKey: key.secretKey },
        {
          method: 'GET',
          url: '/v2/test-echo/x',
        },
      );
      expectRejected(response, Errors.ACCESS_KEY_UNKNOWN);
    });

    it('disabled AK', async () => {
      const other = await buildAccessKey(t.database.db, t.keyring);
      const token = await loginToken(t, other);
      const disabled = await t.app.inject({
        method: 'POST',
        url: `/console/api/access-keys/${other.accessKey}/disable`,
        headers: { 'x-auth-token': token },
      });
      expect(disabled.statusCode).toBe(200);
      const response = await signedRequest(t.app, other, { method: 'GET', url: '/v2/test-echo/x' });
      expectRejected(response, Errors.ACCESS_KEY_DISABLED);
    });

    it('wrong SK', async () => {
      const response = await signedRequest(
        t.app,
        { accessKey: key.accessKey, secretKey: 'y'.repeat(40) },
        {
          method: 'GET',
          url: '/v2/test-echo/x',
        },
      );
      expectRejected(response, Errors.SIGNATURE_MISMATCH);
    });

    it('host missing from SignedHeaders', async () => {
      const signed = signNodeStyle(key, {
        method: 'GET',
        url: '/v2/test-echo/x',
        headers: { 'content-type': 'application/json' },
        date: t.clock.now(),
      });
      expect(signed.headers.Authorization).toContain('SignedHeaders=content-type;x-sdk-date,');
      const response = await t.app.inject({
        method: 'GET',
        url: signed.url,
        headers: signed.headers,
      });
      expectRejected(response, Errors.SIGNATURE_MALFORMED);
    });

    it('a malformed Authorization header', async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/v2/test-echo/x',
        headers: { authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=00' },
      });
      expectRejected(response, Errors.SIGNATURE_MALFORMED);
    });

    it('no credentials at all', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/v2/test-echo/x' });
      expectRejected(response, Errors.AUTHENTICATION_REQUIRED);
    });
  });

  it('stamps last_used_at on the key', async () => {
    const fresh = await buildAccessKey(t.database.db, t.keyring);
    const response = await signedRequest(t.app, fresh, { method: 'GET', url: '/v2/test-echo/x' });
    expect(response.statusCode).toBe(200);
    const token = await loginToken(t, fresh);
    const list = await t.app.inject({
      method: 'GET',
      url: '/console/api/access-keys',
      headers: { 'x-auth-token': token },
    });
    const { access_keys: keys } = list.json<{ access_keys: { last_used_at: string | null }[] }>();
    expect(keys[0]?.last_used_at).toBe(toWireTime(t.clock.now()));
  });
});

/** An X-Auth-Token for the owner of `key`, to manage that key through the console routes. */
function loginToken(t: TestApp, key: BuiltAccessKey): Promise<string> {
  return issueTestToken(t.database.db, key.ref, t.clock);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials.js';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import { startDemoServer, type DemoAccount, type RunningServer } from './support/huoban-server.ts';

/**
 * The foundation's acceptance through the real CLI: `huoban seed --demo --json` then
 * `huoban start`, called with Huawei's official Node SDK signer, as an integrator would.
 */
interface DomainsResponse extends SdkResponse {
  domains: { id: string; name: string; enabled: boolean }[];
}

interface SdkFailure {
  httpStatusCode?: number;
  errorCode?: string;
}

const TWENTY_MINUTES_MS = 20 * 60_000;

function credentialsOf(account: DemoAccount): GlobalCredentials {
  return new GlobalCredentials()
    .withAk(account.access_key)
    .withSk(account.secret_key)
    .withDomainId(account.domain_id);
}

function sdkFor(server: RunningServer, account: DemoAccount): HcClient {
  return new ClientBuilder((client: HcClient) => client)
    .withEndpoint(server.baseUrl)
    .withCredential(credentialsOf(account))
    .build();
}

function domainsRequest(headers: Record<string, string> = {}) {
  return {
    method: 'GET',
    url: '/v3/auth/domains',
    contentType: 'application/json',
    queryParams: {},
    pathParams: {},
    headers,
  };
}

describe('open API acceptance on a server started by the CLI', () => {
  let server: RunningServer;
  let provider: DemoAccount;

  beforeAll(async () => {
    server = await startDemoServer();
    const found = server.accounts.find((account) => account.type === 'solution_provider');
    if (!found) throw new Error('seed --demo --json printed no solution provider');
    provider = found;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('prints every demo account with its AK/SK in the JSON seed output', () => {
    expect(server.accounts.map((account) => account.type).sort()).toEqual([
      'operator',
      'reseller',
      'reseller',
      'solution_provider',
      'tier1_distributor',
    ]);
    for (const account of server.accounts) {
      expect(account.account_name).not.toBe('');
      expect(account.domain_id).toMatch(/^[0-9a-f]{32}$/);
      expect(account.access_key).toMatch(/^[0-9A-Z]{20}$/);
      expect(account.secret_key).toMatch(/^[0-9A-Za-z]{40}$/);
      expect(account.xaccount_type).not.toBe('');
    }
  });

  it('answers GET /v3/auth/domains signed by the official SDK with the caller account', async () => {
    const response = await sdkFor(server, provider).sendRequest<DomainsResponse>(domainsRequest());
    expect(response.httpStatusCode).toBe(200);
    expect(response.domains).toEqual([
      { id: provider.domain_id, name: provider.account_name, enabled: true },
    ]);
  });

  it('refuses a signature dated 20 minutes ago with 401 and an error code', async () => {
    const stale = new Date(Date.now() - TWENTY_MINUTES_MS).toISOString();
    const failure = (await sdkFor(server, provider)
      .sendRequest(domainsRequest({ 'X-Sdk-Date': stale }))
      .then(
        () => ({}),
        (error: unknown) => error,
      )) as SdkFailure;
    expect(failure.httpStatusCode).toBe(401);
    expect(failure.errorCode).toMatch(/^APIGW\./);
  });

  it('refuses a request whose query was changed after the SDK signed it', async () => {
    const endpoint = `${server.baseUrl}/v3/auth/domains`;
    const headers = AKSKSigner.sign(
      {
        endpoint,
        method: 'GET',
        headers: { 'content-type': 'application/json' },
        queryParams: { limit: 1 },
        data: undefined,
      },
      credentialsOf(provider),
    );
    const untouched = await fetch(`${endpoint}?limit=1`, { headers });
    expect(untouched.status).toBe(200);
    const tampered = await fetch(`${endpoint}?limit=2`, { headers });
    expect(tampered.status).toBe(401);
    const body = (await tampered.json()) as { error_code: string };
    expect(body.error_code).toMatch(/^APIGW\./);
  });

  it('issues a password token that works as X-Auth-Token', async () => {
    const issued = await fetch(`${server.baseUrl}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: provider.account_name,
                password: provider.password,
                domain: { name: provider.account_name },
              },
            },
          },
          scope: { domain: { name: provider.account_name } },
        },
      }),
    });
    expect(issued.status).toBe(201);
    const token = issued.headers.get('x-subject-token');
    expect(token).toBeTruthy();
    const domains = await fetch(`${server.baseUrl}/v3/auth/domains`, {
      headers: { 'X-Auth-Token': token ?? '' },
    });
    expect(domains.status).toBe(200);
    expect(await domains.json()).toEqual({
      domains: [{ id: provider.domain_id, name: provider.account_name, enabled: true }],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';

/** Issue 4's acceptance: the official SDK core signer drives a transfer and a reclaim. */
let t: TestApp;
let sdk: HcClient;
let customerId: string;

interface TransferBody extends SdkResponse {
  transfer_id: string;
}
interface ReclaimBody extends SdkResponse {
  trans_id: string;
}
interface BalancesBody extends SdkResponse {
  customer_balances: { customer_id: string; amount: number }[];
}
interface RecordsBody extends SdkResponse {
  total_count: number;
  records: { trans_id: string; amount: string; operation_type: string }[];
}

beforeAll(async () => {
  // The official SDK signs with the wall clock, so the app starts at the real time.
  t = await buildTestApp();
  const db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  const operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));
  const sp = await buildOrganisation(db);
  const spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  customerId = (await buildCustomer(db, sp.partner.id)).id;
  const topUp = await signedRequest(t.app, operatorKey, {
    method: 'POST',
    url: `/console/api/operator/partners/${sp.partner.id}/top-ups`,
    payload: { amount: '500.00' },
  });
  expect(topUp.statusCode).toBe(200);
  const endpoint = await t.app.listen({ port: 0, host: '127.0.0.1' });
  sdk = new ClientBuilder((client: HcClient) => client)
    .withEndpoint(endpoint)
    .withCredential(
      new GlobalCredentials()
        .withAk(spKey.accessKey)
        .withSk(spKey.secretKey)
        .withDomainId(sp.partner.id),
    )
    .build();
});

afterAll(async () => {
  await t.close();
});

function call<T extends SdkResponse>(
  method: 'GET' | 'POST',
  url: string,
  data?: object,
  queryParams: Record<string, string> = {},
): Promise<T> {
  return sdk.sendRequest<T>({
    method,
    url,
    contentType: 'application/json',
    queryParams,
    pathParams: {},
    headers: {},
    ...(data ? { data } : {}),
  });
}

describe('funds through the official SDK signer', () => {
  it('transfers 100.00 and reclaims 30.00: the balance rises by exactly 70.00, both records listed', async () => {
    const before = await call<BalancesBody>(
      'POST',
      '/v2/accounts/customer-accounts/balances/batch-query',
      { customer_infos: [{ customer_id: customerId }] },
    );
    expect(before.customer_balances).toEqual([expect.objectContaining({ amount: 0 })]);

    const transfer = await call<TransferBody>(
      'POST',
      '/v2/accounts/partner-accounts/adjust-amount',
      {
        customer_id: customerId,
        amount: 100.0,
      },
    );
    const reclaim = await call<ReclaimBody>('POST', '/v2/accounts/partner-accounts/reclaim', {
      customer_id: customerId,
      amount: 30.0,
    });

    const after = await call<BalancesBody>(
      'POST',
      '/v2/accounts/customer-accounts/balances/batch-query',
      { customer_infos: [{ customer_id: customerId }] },
    );
    expect(after.customer_balances).toEqual([
      expect.objectContaining({ customer_id: customerId, amount: 70 }),
    ]);

    const records = await call<RecordsBody>(
      'GET',
      '/v3/accounts/partner-accounts/adjust-records',
      undefined,
      { customer_id: customerId },
    );
    expect(records.total_count).toBe(2);
    expect(
      records.records.map((record) => [record.trans_id, record.operation_type, record.amount]),
    ).toEqual([
      [reclaim.trans_id, 'SOURCE_OPERATION_BERETRIEVE', '30.00'],
      [transfer.transfer_id, 'SOURCE_OPERATION_BEADJUST', '100.00'],
    ]);
  });
});

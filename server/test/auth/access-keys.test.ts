import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { issueTestToken } from '../helpers/auth-token.ts';
import { signedRequest } from '../helpers/signing.ts';
import { buildPartner } from '../factories/partners.ts';
import { buildMember } from '../factories/org.ts';
import { accessKeys } from '../../src/platform/auth/schema.ts';
import { auditEvents } from '../../src/platform/audit/index.ts';
import { createAccessKeyFor } from '../../src/platform/auth/index.ts';
import type { PrincipalRef } from '../../src/platform/auth/principal.ts';
import { Errors } from '../../src/platform/http/errors.ts';

interface CreatedBody {
  access_key: string;
  secret_key: string;
  status: string;
  description: string;
  created_at: string;
}

interface ListBody {
  total_count: number;
  access_keys: {
    access_key: string;
    status: string;
    description: string;
    created_at: string;
    last_used_at: string | null;
  }[];
}

describe('access keys', () => {
  let t: TestApp;
  let owner: PrincipalRef;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp('2026-03-01T00:00:00Z');
    const built = await buildPartner(t.database.db);
    owner = { type: 'member', id: built.owner.id, partnerId: built.partner.id };
    headers = { 'x-auth-token': await issueTestToken(t.database.db, owner, t.clock) };
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (description?: string, as = headers) =>
    t.app.inject({
      method: 'POST',
      url: '/console/api/access-keys',
      headers: as,
      payload: description === undefined ? {} : { description },
    });
  const list = (as = headers) =>
    t.app.inject({ method: 'GET', url: '/console/api/access-keys', headers: as });

  let first: CreatedBody;

  it('creates a key and shows the secret key once', async () => {
    const response = await create('billing sync');
    expect(response.statusCode).toBe(200);
    first = response.json<CreatedBody>();
    expect(first).toEqual({
      access_key: expect.stringMatching(/^[A-Z0-9]{20}$/) as unknown,
      secret_key: expect.stringMatching(/^[A-Za-z0-9]{40}$/) as unknown,
      status: 'active',
      description: 'billing sync',
      created_at: '2026-03-01T00:00:00Z',
    });
    const [row] = await t.database.db
      .select()
      .from(accessKeys)
      .where(eq(accessKeys.id, first.access_key));
    expect(row?.secretCiphertext).not.toContain(first.secret_key);
    expect(t.keyring.decrypt(row?.secretCiphertext ?? '')).toBe(first.secret_key);
  });

  it('lists own keys without the secret', async () => {
    const response = await list();
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(first.secret_key);
    expect(response.json<ListBody>()).toEqual({
      total_count: 1,
      access_keys: [
        {
          access_key: first.access_key,
          status: 'active',
          description: 'billing sync',
          created_at: '2026-03-01T00:00:00Z',
          last_used_at: null,
        },
      ],
    });
  });

  it('signs requests with the new key', async () => {
    const keys = { accessKey: first.access_key, secretKey: first.secret_key };
    const response = await signedRequest(t.app, keys, { method: 'GET', url: '/v3/auth/domains' });
    expect(response.statusCode).toBe(200);
  });

  it('allows two keys per user and refuses a third with LIMIT_EXCEEDED', async () => {
    expect((await create()).statusCode).toBe(200);
    const third = await create('one too many');
    expect(third.statusCode).toBe(400);
    expect(third.json()).toMatchObject({ error_code: Errors.LIMIT_EXCEEDED.code });
    expect(third.json<{ error_msg: string }>().error_msg).toContain('at most 2 access keys');
    await expect(
      createAccessKeyFor(t.database.db, t.keyring, owner, 'cli', t.clock.now()),
    ).rejects.toMatchObject({
      code: Errors.LIMIT_EXCEEDED.code,
    });
    expect((await list()).json<ListBody>().total_count).toBe(2);
  });

  it('disables a key, which then fails verification, and enables it again', async () => {
    const keys = { accessKey: first.access_key, secretKey: first.secret_key };
    const disabled = await t.app.inject({
      method: 'POST',
      url: `/console/api/access-keys/${first.access_key}/disable`,
      headers,
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ access_key: first.access_key, status: 'disabled' });
    const refused = await signedRequest(t.app, keys, { method: 'GET', url: '/v3/auth/domains' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error_msg: string }>().error_msg).toContain('ak is disabled');

    const enabled = await t.app.inject({
      method: 'POST',
      url: `/console/api/access-keys/${first.access_key}/enable`,
      headers,
    });
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(
      (await signedRequest(t.app, keys, { method: 'GET', url: '/v3/auth/domains' })).statusCode,
    ).toBe(200);
  });

  it("answers 404 for another partner's key and leaves it untouched", async () => {
    const outsider = await buildPartner(t.database.db);
    const outsiderHeaders = {
      'x-auth-token': await issueTestToken(
        t.database.db,
        { type: 'member', id: outsider.owner.id, partnerId: outsider.partner.id },
        t.clock,
      ),
    };
    for (const [method, url] of [
      ['POST', `/console/api/access-keys/${first.access_key}/disable`],
      ['POST', `/console/api/access-keys/${first.access_key}/enable`],
      ['DELETE', `/console/api/access-keys/${first.access_key}`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: outsiderHeaders });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error_code: Errors.NOT_FOUND.code });
    }
    expect((await list(outsiderHeaders)).json<ListBody>()).toEqual({
      total_count: 0,
      access_keys: [],
    });
    const [row] = await t.database.db
      .select()
      .from(accessKeys)
      .where(eq(accessKeys.id, first.access_key));
    expect(row?.status).toBe('active');
  });

  it("answers 404 for a colleague's key in the same account", async () => {
    const { member } = await buildMember(t.database.db, { partnerId: owner.partnerId });
    const colleague = {
      'x-auth-token': await issueTestToken(
        t.database.db,
        { type: 'member', id: member.id, partnerId: owner.partnerId },
        t.clock,
      ),
    };
    const response = await t.app.inject({
      method: 'POST',
      url: `/console/api/access-keys/${first.access_key}/disable`,
      headers: colleague,
    });
    expect(response.statusCode).toBe(404);
    expect((await create('mine', colleague)).statusCode).toBe(200);
    expect((await list(colleague)).json<ListBody>().total_count).toBe(1);
  });

  it('deletes a key, after which its AK is unknown', async () => {
    const keys = { accessKey: first.access_key, secretKey: first.secret_key };
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/console/api/access-keys/${first.access_key}`,
      headers,
    });
    expect(deleted.statusCode).toBe(204);
    const refused = await signedRequest(t.app, keys, { method: 'GET', url: '/v3/auth/domains' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error_msg: string }>().error_msg).toContain('ak not exist');
    expect((await list()).json<ListBody>().total_count).toBe(1);
  });

  it('records every write in the audit trail', async () => {
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, owner.partnerId),
          eq(auditEvents.resourceId, first.access_key),
        ),
      );
    expect(events.map((event) => event.action).sort()).toEqual([
      'auth.access_key.create',
      'auth.access_key.delete',
      'auth.access_key.disable',
      'auth.access_key.enable',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { issueTestToken } from '../helpers/auth-token.ts';
import { buildPartner, type BuiltPartner } from '../factories/partners.ts';
import { buildMember } from '../factories/org.ts';
import { members } from '../../src/modules/org/schema.ts';
import { HOUR_MS } from '../../src/platform/clock/index.ts';
import { Errors } from '../../src/platform/http/errors.ts';
import { Permissions } from '../../src/platform/auth/permissions.ts';

interface SessionBody {
  user: {
    account_id: string;
    account_name: string;
    account_type: string;
    user_id: string;
    user_name: string;
    display_name: string;
    is_owner: boolean;
    permissions: string[];
    data_scope: string;
    must_change_password: boolean;
  };
  csrf_token: string;
}

interface Login {
  cookie: string;
  csrf: string;
  body: SessionBody;
  response: LightMyRequestResponse;
}

describe('console session', () => {
  let t: TestApp;
  let built: BuiltPartner;

  beforeAll(async () => {
    t = await buildTestApp('2026-03-01T00:00:00Z');
    built = await buildPartner(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function login(
    payload: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Login> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/console/api/session',
      payload,
      headers,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'huoban_session');
    const body = response.json<SessionBody>();
    return { cookie: cookie?.value ?? '', csrf: body.csrf_token, body, response };
  }

  function ownerLogin(): Promise<Login> {
    return login({ account_name: built.partner.name, password: built.password });
  }

  it('signs the owner in and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const { response, body } = await ownerLogin();
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^huoban_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(body.user).toMatchObject({
      account_id: built.partner.id,
      account_name: built.partner.name,
      account_type: 'solution_provider',
      user_id: built.owner.id,
      user_name: built.partner.name,
      is_owner: true,
      data_scope: 'all',
      must_change_password: false,
    });
    expect(body.user.permissions).toContain(Permissions.ACCESS_KEY_MANAGE);
    expect(body.csrf_token.length).toBeGreaterThanOrEqual(32);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const { response } = await login(
      { account_name: built.partner.name, password: built.password },
      { 'x-forwarded-proto': 'https' },
    );
    expect(String(response.headers['set-cookie'])).toContain('; Secure');
  });

  it('signs an IAM user in with user_name', async () => {
    const { member, password } = await buildMember(t.database.db, {
      partnerId: built.partner.id,
      permissions: [Permissions.CUSTOMER_VIEW],
      dataScope: 'mine',
    });
    const { body } = await login({
      account_name: built.partner.name,
      user_name: member.userName,
      password,
    });
    expect(body.user).toMatchObject({ user_id: member.id, is_owner: false, data_scope: 'mine' });
    expect(body.user.permissions).toEqual(
      [
        Permissions.ACCESS_KEY_MANAGE,
        Permissions.CUSTOMER_VIEW,
        Permissions.PARTNER_INFO_VIEW,
      ].sort(),
    );
  });

  it('answers GET /console/api/session with the user and the CSRF token', async () => {
    const { cookie, csrf, body } = await ownerLogin();
    const response = await t.app.inject({
      method: 'GET',
      url: '/console/api/session',
      cookies: { huoban_session: cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: body.user, csrf_token: csrf });
  });

  it('answers 401 without a session, and for a token caller', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/console/api/session' });
    expect(none.statusCode).toBe(401);
    const token = await issueTestToken(
      t.database.db,
      { type: 'member', id: built.owner.id, partnerId: built.partner.id },
      t.clock,
    );
    const byToken = await t.app.inject({
      method: 'GET',
      url: '/console/api/session',
      headers: { 'x-auth-token': token },
    });
    expect(byToken.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the right X-CSRF-Token', async () => {
    const { cookie, csrf } = await ownerLogin();
    const cookies = { huoban_session: cookie };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/console/api/access-keys',
      cookies,
      payload: {},
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error_code: Errors.CSRF_REJECTED.code });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/console/api/access-keys',
      cookies,
      headers: { 'x-csrf-token': `${csrf}x` },
      payload: {},
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({
      method: 'POST',
      url: '/console/api/access-keys',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: { description: 'console' },
    });
    expect(right.statusCode).toBe(200);
    const read = await t.app.inject({ method: 'GET', url: '/console/api/access-keys', cookies });
    expect(read.statusCode).toBe(200);
  });

  it('logs out: revokes the session and clears the cookie', async () => {
    const { cookie, csrf } = await ownerLogin();
    const cookies = { huoban_session: cookie };
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/console/api/session/logout',
      cookies,
    });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({
      method: 'POST',
      url: '/console/api/session/logout',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^huoban_session=; Max-Age=0; Path=\/; Expires=/,
    );
    const after = await t.app.inject({ method: 'GET', url: '/console/api/session', cookies });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error_code: Errors.TOKEN_INVALID.code });
  });

  it('ends a session after 12 idle hours, and slides while in use', async () => {
    const { cookie } = await ownerLogin();
    const cookies = { huoban_session: cookie };
    const get = () => t.app.inject({ method: 'GET', url: '/console/api/session', cookies });
    t.clock.advance(11 * HOUR_MS);
    expect((await get()).statusCode).toBe(200);
    t.clock.advance(11 * HOUR_MS);
    expect((await get()).statusCode).toBe(200);
    t.clock.advance(12 * HOUR_MS);
    expect((await get()).statusCode).toBe(401);
  });

  describe('must change password', () => {
    it('allows only the session routes until the password is changed', async () => {
      const { member, password } = await buildMember(t.database.db, {
        partnerId: built.partner.id,
      });
      await t.database.db
        .update(members)
        .set({ mustChangePassword: true })
        .where(eq(members.id, member.id));
      const credentials = { account_name: built.partner.name, user_name: member.userName };
      const first = await login({ ...credentials, password });
      const other = await login({ ...credentials, password });
      expect(first.body.user.must_change_password).toBe(true);
      const cookies = { huoban_session: first.cookie };
      const headers = { 'x-csrf-token': first.csrf };

      const blocked = await t.app.inject({
        method: 'GET',
        url: '/console/api/access-keys',
        cookies,
      });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error_code: Errors.PASSWORD_CHANGE_REQUIRED.code });
      expect(
        (await t.app.inject({ method: 'GET', url: '/console/api/session', cookies })).statusCode,
      ).toBe(200);

      const change = (old_password: string, new_password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/console/api/session/password',
          cookies,
          headers,
          payload: { old_password, new_password },
        });
      const wrongOld = await change('Not-the-password-1', 'Brand-new-pass-2');
      expect(wrongOld.statusCode).toBe(400);
      expect(wrongOld.json<{ error_msg: string }>().error_msg).toContain("field 'old_password'");
      const weak = await change(password, 'short');
      expect(weak.json<{ error_msg: string }>().error_msg).toContain("field 'new_password'");
      expect((await change(password, password)).statusCode).toBe(400);
      expect((await change(password, 'Brand-new-pass-2')).statusCode).toBe(204);

      const session = await t.app.inject({ method: 'GET', url: '/console/api/session', cookies });
      expect(session.json<SessionBody>().user.must_change_password).toBe(false);
      expect(
        (await t.app.inject({ method: 'GET', url: '/console/api/access-keys', cookies }))
          .statusCode,
      ).toBe(200);
      const revoked = await t.app.inject({
        method: 'GET',
        url: '/console/api/session',
        cookies: { huoban_session: other.cookie },
      });
      expect(revoked.statusCode).toBe(401);

      const oldLogin = await t.app.inject({
        method: 'POST',
        url: '/console/api/session',
        payload: { ...credentials, password },
      });
      expect(oldLogin.statusCode).toBe(401);
      await login({ ...credentials, password: 'Brand-new-pass-2' });
    });
  });

  it('rejects a bad login with LOGIN_FAILED and unknown fields with CBC.0100', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/console/api/session',
      payload: { account_name: built.partner.name, password: 'Wrong-pass-9' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error_code: Errors.LOGIN_FAILED.code });
    const extra = await t.app.inject({
      method: 'POST',
      url: '/console/api/session',
      payload: { account_name: built.partner.name, password: built.password, remember: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ error_code: Errors.INVALID_PARAMETER.code });
  });
});

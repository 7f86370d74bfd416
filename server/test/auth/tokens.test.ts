import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { buildPartner, type BuiltPartner } from '../factories/partners.ts';
import { buildMember } from '../factories/org.ts';
import { HOUR_MS, MINUTE_MS } from '../../src/platform/clock/index.ts';
import { Errors } from '../../src/platform/http/errors.ts';
import { auditEvents } from '../../src/platform/audit/index.ts';

const IAM_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/;

function tokenBody(account: string, user: string, password: string) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: user, password, domain: { name: account } } },
      },
      scope: { domain: { name: account } },
    },
  };
}

interface TokenBody {
  token: {
    expires_at: string;
    issued_at: string;
    methods: string[];
    user: { id: string; name: string; domain: { id: string; name: string } };
    catalog: unknown[];
  };
}

describe('IAM-compatible tokens', () => {
  let t: TestApp;
  let built: BuiltPartner;

  beforeAll(async () => {
    t = await buildTestApp('2026-03-01T00:00:00Z');
    built = await buildPartner(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  function requestToken(account: string, user: string, password: string) {
    return t.app.inject({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: tokenBody(account, user, password),
    });
  }

  it('issues a token for the account owner in IAM shape', async () => {
    const response = await requestToken(built.partner.name, built.partner.name, built.password);
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-subject-token']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { token } = response.json<TokenBody>();
    expect(token).toEqual({
      expires_at: '2026-03-02T00:00:00.000000Z',
      issued_at: '2026-03-01T00:00:00.000000Z',
      methods: ['password'],
      user: {
        id: built.owner.id,
        name: built.partner.name,
        domain: { id: built.partner.id, name: built.partner.name },
      },
      catalog: [],
    });
    expect(token.expires_at).toMatch(IAM_TIME);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, built.partner.id),
          eq(auditEvents.action, 'auth.token.issue'),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(built.owner.id);
  });

  it('authenticates GET /v3/auth/domains with X-Auth-Token', async () => {
    const issued = await requestToken(built.partner.name, built.partner.name, built.password);
    const token = String(issued.headers['x-subject-token']);
    const response = await t.app.inject({
      method: 'GET',
      url: '/v3/auth/domains',
      headers: { 'x-auth-token': token },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      domains: [{ id: built.partner.id, name: built.partner.name, enabled: true }],
    });
  });

  it('issues tokens to IAM users by user name', async () => {
    const { member, password } = await buildMember(t.database.db, { partnerId: built.partner.id });
    const response = await requestToken(built.partner.name, member.userName, password);
    expect(response.statusCode).toBe(201);
    expect(response.json<TokenBody>().token.user).toMatchObject({
      id: member.id,
      name: member.userName,
    });
  });

  it('expires a token 24 hours after issue', async () => {
    const issued = await requestToken(built.partner.name, built.partner.name, built.password);
    const headers = { 'x-auth-token': String(issued.headers['x-subject-token']) };
    t.clock.advance(24 * HOUR_MS - 1000);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v3/auth/domains', headers })).statusCode,
    ).toBe(200);
    t.clock.advance(1000);
    const expired = await t.app.inject({ method: 'GET', url: '/v3/auth/domains', headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error_code: Errors.TOKEN_INVALID.code });
  });

  it('revokes a token with DELETE /v3/auth/tokens', async () => {
    const caller = String(
      (await requestToken(built.partner.name, built.partner.name, built.password)).headers[
        'x-subject-token'
      ],
    );
    const victim = String(
      (await requestToken(built.partner.name, built.partner.name, built.password)).headers[
        'x-subject-token'
      ],
    );
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: '/v3/auth/tokens',
      headers: { 'x-auth-token': caller, 'x-subject-token': victim },
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/v3/auth/domains',
      headers: { 'x-auth-token': victim },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error_code: Errors.TOKEN_INVALID.code });
    const again = await t.app.inject({
      method: 'DELETE',
      url: '/v3/auth/tokens',
      headers: { 'x-auth-token': caller, 'x-subject-token': victim },
    });
    expect(again.statusCode).toBe(404);
  });

  it("cannot revoke another account's token", async () => {
    const other = await buildPartner(t.database.db);
    const foreign = String(
      (await requestToken(other.partner.name, other.partner.name, other.password)).headers[
        'x-subject-token'
      ],
    );
    const caller = String(
      (await requestToken(built.partner.name, built.partner.name, built.password)).headers[
        'x-subject-token'
      ],
    );
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/v3/auth/tokens',
      headers: { 'x-auth-token': caller, 'x-subject-token': foreign },
    });
    expect(response.statusCode).toBe(404);
    const still = await t.app.inject({
      method: 'GET',
      url: '/v3/auth/domains',
      headers: { 'x-auth-token': foreign },
    });
    expect(still.statusCode).toBe(200);
  });

  it('answers one LOGIN_FAILED for a wrong password, an unknown user and an unknown account', async () => {
    const answers = await Promise.all([
      requestToken(built.partner.name, built.partner.name, 'Wrong-pass-123'),
      requestToken(built.partner.name, 'nobody_here', built.password),
      requestToken('no_such_account', 'no_such_account', built.password),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual({
        error_code: Errors.LOGIN_FAILED.code,
        error_msg: Errors.LOGIN_FAILED.message,
      });
    }
  });

  it('locks a user after five wrong passwords in a row, for 15 minutes', async () => {
    const { member, password } = await buildMember(t.database.db, { partnerId: built.partner.id });
    for (let attempt = 1; attempt <= 4; attempt++) {
      const failed = await requestToken(built.partner.name, member.userName, 'Wrong-pass-123');
      expect(failed.json()).toMatchObject({ error_code: Errors.LOGIN_FAILED.code });
    }
    const fifth = await requestToken(built.partner.name, member.userName, 'Wrong-pass-123');
    expect(fifth.statusCode).toBe(403);
    expect(fifth.json()).toMatchObject({ error_code: Errors.LOGIN_LOCKED.code });
    const locked = await requestToken(built.partner.name, member.userName, password);
    expect(locked.json()).toMatchObject({ error_code: Errors.LOGIN_LOCKED.code });
    t.clock.advance(15 * MINUTE_MS);
    const unlocked = await requestToken(built.partner.name, member.userName, password);
    expect(unlocked.statusCode).toBe(201);
    const failures = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.resourceId, member.id), eq(auditEvents.action, 'auth.login.failure')),
      );
    expect(failures).toHaveLength(5);
  });

  it('starts counting afresh after a successful login', async () => {
    const { member, password } = await buildMember(t.database.db, { partnerId: built.partner.id });
    for (let attempt = 1; attempt <= 4; attempt++)
      await requestToken(built.partner.name, member.userName, 'Wrong-pass-1');
    expect((await requestToken(built.partner.name, member.userName, password)).statusCode).toBe(
      201,
    );
    const next = await requestToken(built.partner.name, member.userName, 'Wrong-pass-1');
    expect(next.json()).toMatchObject({ error_code: Errors.LOGIN_FAILED.code });
  });

  it('refuses a disabled user with the same LOGIN_FAILED', async () => {
    const { member, password } = await buildMember(t.database.db, {
      partnerId: built.partner.id,
      status: 'disabled',
    });
    const response = await requestToken(built.partner.name, member.userName, password);
    expect(response.json()).toEqual({
      error_code: Errors.LOGIN_FAILED.code,
      error_msg: Errors.LOGIN_FAILED.message,
    });
  });

  it('rejects identity methods other than password with CBC.0100', async () => {
    const body = tokenBody(built.partner.name, built.partner.name, built.password);
    const response = await t.app.inject({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { ...body.auth, identity: { ...body.auth.identity, methods: ['token'] } } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: Errors.INVALID_PARAMETER.code });
  });
});

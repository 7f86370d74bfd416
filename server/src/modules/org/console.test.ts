import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { authSessions } from '../../platform/auth/schema.ts';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import {
  buildMember,
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { members, roles } from './schema.ts';

const STRONG_PASSWORD = 'Strong-pass-42';
const WIRE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let t: TestApp;
let db: Db;
let org: BuiltOrganisation;
let ownerToken: string;

beforeAll(async () => {
  t = await buildTestApp('2026-03-01T08:00:00Z');
  db = t.database.db;
  org = await buildOrganisation(db);
  ownerToken = await issueTestToken(db, memberRef(org.owner), t.clock);
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function call(method: Method, url: string, token: string | null, payload?: object) {
  const options: InjectOptions = { method, url };
  if (token) options.headers = { 'x-auth-token': token };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

async function tokenFor(member: { id: string; partnerId: string }): Promise<string> {
  return issueTestToken(db, memberRef(member), t.clock);
}

async function memberRow(id: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

describe('authentication and permissions on every route', () => {
  let target: MemberRow;
  let customRoleId: string;

  beforeAll(async () => {
    target = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    const [role] = await db
      .insert(roles)
      .values({
        id: `role_${target.id}`,
        partnerId: org.partner.id,
        code: `custom_${target.id}`,
        name: 'guarded',
        permissions: [],
        dataScope: 'mine',
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    customRoleId = role?.id ?? '';
  });

  const routes = (): [Method, string, object | undefined, string][] => [
    ['GET', '/console/api/org/members', undefined, Permissions.ORG_MEMBER_VIEW],
    [
      'POST',
      '/console/api/org/members',
      {
        user_name: 'x_user',
        display_name: 'X',
        password: STRONG_PASSWORD,
        role_ids: [org.roles.sa.id],
      },
      Permissions.ORG_MEMBER_MANAGE,
    ],
    ['GET', `/console/api/org/members/${target.id}`, undefined, Permissions.ORG_MEMBER_VIEW],
    [
      'PUT',
      `/console/api/org/members/${target.id}`,
      { display_name: 'Changed' },
      Permissions.ORG_MEMBER_MANAGE,
    ],
    [
      'PUT',
      `/console/api/org/members/${target.id}/roles`,
      { role_ids: [org.roles.finance.id] },
      Permissions.ORG_MEMBER_MANAGE,
    ],
    [
      'POST',
      `/console/api/org/members/${target.id}/disable`,
      undefined,
      Permissions.ORG_MEMBER_MANAGE,
    ],
    [
      'POST',
      `/console/api/org/members/${target.id}/enable`,
      undefined,
      Permissions.ORG_MEMBER_MANAGE,
    ],
    [
      'POST',
      `/console/api/org/members/${target.id}/reset-password`,
      { new_password: STRONG_PASSWORD },
      Permissions.ORG_MEMBER_MANAGE,
    ],
    ['DELETE', `/console/api/org/members/${target.id}`, undefined, Permissions.ORG_MEMBER_MANAGE],
    ['GET', '/console/api/org/roles', undefined, Permissions.ORG_MEMBER_VIEW],
    [
      'POST',
      '/console/api/org/roles',
      { name: 'r', permissions: [], data_scope: 'mine' },
      Permissions.ORG_ROLE_MANAGE,
    ],
    [
      'PUT',
      `/console/api/org/roles/${customRoleId}`,
      { name: 'renamed' },
      Permissions.ORG_ROLE_MANAGE,
    ],
    ['DELETE', `/console/api/org/roles/${customRoleId}`, undefined, Permissions.ORG_ROLE_MANAGE],
    ['GET', '/console/api/org/permissions', undefined, Permissions.ORG_MEMBER_VIEW],
  ];

  it('answers 401 without credentials', async () => {
    for (const [method, url, payload] of [
      ...routes(),
      ['GET', '/console/api/profile', undefined, ''] as const,
      ['PUT', '/console/api/profile', { display_name: 'x' }, ''] as const,
    ]) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json<{ error_code: string }>().error_code).toBe('APIGW.0301');
    }
  });

  it('answers 403 CBC.0151 to a member lacking the permission, changing nothing', async () => {
    const viewer = await buildMember(db, {
      partnerId: org.partner.id,
      permissions: [Permissions.ORG_MEMBER_VIEW],
    });
    const plain = await buildMember(db, { partnerId: org.partner.id, permissions: [] });
    const viewerToken = await tokenFor(viewer.member);
    const plainToken = await tokenFor(plain.member);
    for (const [method, url, payload, permission] of routes()) {
      const token = permission === Permissions.ORG_MEMBER_VIEW ? plainToken : viewerToken;
      const response = await call(method, url, token, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0151' });
      expect(response.json<{ error_msg: string }>().error_msg).toContain(permission);
    }
    expect(await memberRow(target.id)).toMatchObject({
      displayName: target.displayName,
      status: 'active',
    });
  });
});

describe('members', () => {
  it('creates a member and answers the documented shape', async () => {
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor], {
      displayName: '主管甲',
    });
    const response = await call('POST', '/console/api/org/members', ownerToken, {
      user_name: 'am.one',
      display_name: '客户经理一',
      email: 'am.one@example.com',
      phone: '+86-13800000001',
      password: STRONG_PASSWORD,
      role_ids: [org.roles.account_manager.id],
      supervisor_id: supervisor.id,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body).toEqual({
      id: body.id,
      user_name: 'am.one',
      display_name: '客户经理一',
      email: 'am.one@example.com',
      phone: '+86-13800000001',
      status: 'active',
      is_owner: false,
      must_change_password: true,
      roles: [{ id: org.roles.account_manager.id, code: 'account_manager', name: '客户经理' }],
      supervisor_id: supervisor.id,
      supervisor_name: '主管甲',
      created_at: '2026-03-01T08:00:00Z',
      last_login_at: null,
    });
    const fetched = await call('GET', `/console/api/org/members/${String(body.id)}`, ownerToken);
    expect(fetched.json()).toEqual(body);
  });

  it.each([
    ['email', { email: 'not-an-address' }],
    ['phone', { phone: 'call me' }],
    ['user_name', { user_name: '9starts-with-digit' }],
    ['user_name', { user_name: 'x'.repeat(65) }],
    ['display_name', { display_name: '' }],
    ['role_ids', { role_ids: 'finance' }],
    ['password', { password: 'weak' }],
    ['role_ids', { role_ids: [] }],
    ['supervisor_id', { supervisor_id: 'no-such-member' }],
    ['extra', { extra: true }],
  ])('answers 400 CBC.0100 naming %s', async (field, patch) => {
    const response = await call('POST', '/console/api/org/members', ownerToken, {
      user_name: 'valid_name',
      display_name: 'Valid',
      password: STRONG_PASSWORD,
      role_ids: [org.roles.account_manager.id],
      ...patch,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain(field);
  });

  it('answers 409 for a taken user name', async () => {
    const existing = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    const response = await call('POST', '/console/api/org/members', ownerToken, {
      user_name: existing.userName,
      display_name: 'Again',
      password: STRONG_PASSWORD,
      role_ids: [org.roles.sa.id],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error_msg: string }>().error_msg).toContain('user_name');
  });

  it('lists members with paging and filters', async () => {
    const listed = await buildOrganisation(db);
    const token = await tokenFor(listed.owner);
    await buildOrgMember(db, listed.partner.id, [listed.roles.sa], { userName: 'sa_one' });
    await buildOrgMember(db, listed.partner.id, [listed.roles.finance], { userName: 'fin_one' });
    await buildOrgMember(db, listed.partner.id, [listed.roles.finance], {
      userName: 'fin_two',
      status: 'disabled',
    });
    const all = await call('GET', '/console/api/org/members?offset=0&limit=2', token);
    expect(all.statusCode).toBe(200);
    const page = all.json<{
      total_count: number;
      members: { user_name: string; is_owner: boolean }[];
    }>();
    expect(page.total_count).toBe(4);
    expect(page.members).toHaveLength(2);
    expect(page.members[0]?.is_owner).toBe(true);
    const filtered = await call(
      'GET',
      `/console/api/org/members?role_id=${listed.roles.finance.id}&status=active&keyword=FIN`,
      token,
    );
    expect(filtered.json()).toMatchObject({ total_count: 1, members: [{ user_name: 'fin_one' }] });
    for (const query of ['limit=0', 'limit=201', 'offset=-1', 'status=gone']) {
      const bad = await call('GET', `/console/api/org/members?${query}`, token);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json<{ error_msg: string }>().error_msg).toContain(query.split('=')[0] ?? '');
    }
  });

  it('updates details, keeping the user name', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    const response = await call('PUT', `/console/api/org/members/${member.id}`, ownerToken, {
      display_name: 'Renamed',
      email: '',
      phone: '13800000000',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user_name: member.userName,
      display_name: 'Renamed',
      email: '',
      phone: '13800000000',
    });
    const renaming = await call('PUT', `/console/api/org/members/${member.id}`, ownerToken, {
      user_name: 'new_name',
    });
    expect(renaming.statusCode).toBe(400);
    expect(renaming.json<{ error_msg: string }>().error_msg).toContain('user_name');
    const badEmail = await call('PUT', `/console/api/org/members/${member.id}`, ownerToken, {
      email: 'a@b',
    });
    expect(badEmail.json<{ error_msg: string }>().error_msg).toContain('email');
  });

  it('assigns roles and reports detached account managers', async () => {
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      supervisorId: supervisor.id,
    });
    await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      supervisorId: supervisor.id,
    });
    const response = await call(
      'PUT',
      `/console/api/org/members/${supervisor.id}/roles`,
      ownerToken,
      {
        role_ids: [org.roles.sa.id],
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      member: { id: supervisor.id, roles: [{ code: 'sa' }] },
      detached_account_managers: 2,
    });
    const exclusive = await call(
      'PUT',
      `/console/api/org/members/${supervisor.id}/roles`,
      ownerToken,
      {
        role_ids: [org.roles.system_admin.id, org.roles.sa.id],
      },
    );
    expect(exclusive.statusCode).toBe(400);
    expect(exclusive.json<{ error_msg: string }>().error_msg).toContain('role_ids');
  });

  it('disables and enables a member', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    const memberToken = await tokenFor(member);
    const disabled = await call(
      'POST',
      `/console/api/org/members/${member.id}/disable`,
      ownerToken,
    );
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    const locked = await call('GET', '/console/api/profile', memberToken);
    expect(locked.statusCode).toBe(401);
    const enabled = await call('POST', `/console/api/org/members/${member.id}/enable`, ownerToken);
    expect(enabled.json()).toMatchObject({ status: 'active' });
    const owner = await call(
      'POST',
      `/console/api/org/members/${org.owner.id}/disable`,
      ownerToken,
    );
    expect(owner.statusCode).toBe(400);
    expect(owner.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('resets a password: 204, forced change, sessions ended', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    const memberToken = await tokenFor(member);
    const response = await call(
      'POST',
      `/console/api/org/members/${member.id}/reset-password`,
      ownerToken,
      {
        new_password: 'Another-pass-9',
      },
    );
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await memberRow(member.id)).toMatchObject({ mustChangePassword: true });
    expect((await call('GET', '/console/api/profile', memberToken)).statusCode).toBe(401);
    const weak = await call(
      'POST',
      `/console/api/org/members/${member.id}/reset-password`,
      ownerToken,
      {
        new_password: 'short',
      },
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ error_msg: string }>().error_msg).toContain('new_password');
  });

  it('deletes a member: 204, then 404', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.finance]);
    await tokenFor(member);
    const response = await call('DELETE', `/console/api/org/members/${member.id}`, ownerToken);
    expect(response.statusCode).toBe(204);
    expect(await memberRow(member.id)).toBeUndefined();
    expect(
      await db.select().from(authSessions).where(eq(authSessions.principalId, member.id)),
    ).toHaveLength(0);
    const again = await call('GET', `/console/api/org/members/${member.id}`, ownerToken);
    expect(again.statusCode).toBe(404);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, member.id));
    expect(events.map((event) => [event.action, event.eventSource])).toEqual([
      ['org.member.delete', 'console'],
    ]);
  });
});

describe('roles and permissions', () => {
  it('lists roles with the documented shape', async () => {
    const response = await call('GET', '/console/api/org/roles', ownerToken);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ total_count: number; roles: Record<string, unknown>[] }>();
    expect(body.total_count).toBe(body.roles.length);
    const manager = body.roles[4];
    expect(manager?.created_at).toMatch(WIRE_TIME);
    expect(manager).toEqual({
      id: org.roles.account_manager.id,
      code: 'account_manager',
      name: '客户经理',
      description: org.roles.account_manager.description,
      is_preset: true,
      permissions: [Permissions.CUSTOMER_VIEW, Permissions.CONSUMPTION_VIEW],
      data_scope: 'mine',
      member_count: manager?.member_count,
      created_at: manager?.created_at,
    });
    expect(manager?.member_count).toEqual(expect.any(Number));
  });

  it('creates, updates and deletes a custom role', async () => {
    const created = await call('POST', '/console/api/org/roles', ownerToken, {
      name: '渠道助理',
      description: 'Channel assistant',
      permissions: [Permissions.CUSTOMER_VIEW],
      data_scope: 'team',
    });
    expect(created.statusCode).toBe(200);
    const role = created.json<{ id: string }>();
    expect(role).toMatchObject({
      name: '渠道助理',
      is_preset: false,
      permissions: [Permissions.CUSTOMER_VIEW],
      data_scope: 'team',
      member_count: 0,
    });
    const updated = await call('PUT', `/console/api/org/roles/${role.id}`, ownerToken, {
      description: 'Updated',
      permissions: [Permissions.CUSTOMER_VIEW, Permissions.COUPON_VIEW],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      description: 'Updated',
      name: '渠道助理',
      data_scope: 'team',
    });
    const deleted = await call('DELETE', `/console/api/org/roles/${role.id}`, ownerToken);
    expect(deleted.statusCode).toBe(204);
  });

  it.each([
    ['permissions', { permissions: ['operator.partner.manage'] }],
    ['permissions', { permissions: [{ code: 'customer.view' }] }],
    ['data_scope', { data_scope: 'everyone' }],
    ['name', { name: '' }],
    ['name', { name: 'n'.repeat(65) }],
    ['description', { description: 'd'.repeat(256) }],
  ])('answers 400 CBC.0100 naming %s', async (field, patch) => {
    const response = await call('POST', '/console/api/org/roles', ownerToken, {
      name: 'valid role',
      permissions: [],
      data_scope: 'mine',
      ...patch,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain(field);
  });

  it('refuses to edit or delete a preset role', async () => {
    const edit = await call('PUT', `/console/api/org/roles/${org.roles.finance.id}`, ownerToken, {
      name: 'x',
    });
    expect(edit.json()).toMatchObject({ error_code: 'CBC.0410' });
    const remove = await call(
      'DELETE',
      `/console/api/org/roles/${org.roles.finance.id}`,
      ownerToken,
    );
    expect(remove.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('serves the permission catalogue', async () => {
    const response = await call('GET', '/console/api/org/permissions', ownerToken);
    expect(response.statusCode).toBe(200);
    const { permissions } = response.json<{ permissions: { code: string }[] }>();
    expect(permissions).toContainEqual({
      code: Permissions.ORG_ROLE_MANAGE,
      group: 'org',
      name_zh: '管理角色',
      name_en: 'Manage roles',
    });
    expect(permissions.some((entry) => entry.code.startsWith('operator.'))).toBe(false);
  });
});

describe('profile', () => {
  it('lets a member without any permission read and edit their own profile', async () => {
    const plain = await buildMember(db, { partnerId: org.partner.id, permissions: [] });
    const token = await tokenFor(plain.member);
    const read = await call('GET', '/console/api/profile', token);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      user_name: plain.member.userName,
      display_name: plain.member.displayName,
      email: '',
      phone: '',
      account_name: org.partner.name,
      is_owner: false,
    });
    const updated = await call('PUT', '/console/api/profile', token, { email: 'me@example.com' });
    expect(updated.json()).toMatchObject({ email: 'me@example.com' });
    const bad = await call('PUT', '/console/api/profile', token, { phone: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('phone');
  });

  it('tells the owner they are the owner', async () => {
    const read = await call('GET', '/console/api/profile', ownerToken);
    expect(read.json()).toMatchObject({ user_name: org.partner.name, is_owner: true });
  });
});

describe('outsider partner', () => {
  it("answers 404 for another partner's members and roles, leaving them unchanged", async () => {
    const other = await buildOrganisation(db);
    const stranger = await buildOrgMember(db, other.partner.id, [other.roles.sa]);
    const [foreignRole] = await db
      .insert(roles)
      .values({
        id: `foreign_${stranger.id}`,
        partnerId: other.partner.id,
        code: `custom_foreign_${stranger.id}`,
        name: 'foreign',
        permissions: [],
        dataScope: 'mine',
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning();
    const roleId = foreignRole?.id ?? '';
    const attempts: [Method, string, object | undefined][] = [
      ['GET', `/console/api/org/members/${stranger.id}`, undefined],
      ['PUT', `/console/api/org/members/${stranger.id}`, { display_name: 'Hijacked' }],
      [
        'PUT',
        `/console/api/org/members/${stranger.id}/roles`,
        { role_ids: [org.roles.finance.id] },
      ],
      ['POST', `/console/api/org/members/${stranger.id}/disable`, undefined],
      ['POST', `/console/api/org/members/${stranger.id}/enable`, undefined],
      [
        'POST',
        `/console/api/org/members/${stranger.id}/reset-password`,
        { new_password: STRONG_PASSWORD },
      ],
      ['DELETE', `/console/api/org/members/${stranger.id}`, undefined],
      ['PUT', `/console/api/org/roles/${roleId}`, { name: 'taken over' }],
      ['DELETE', `/console/api/org/roles/${roleId}`, undefined],
    ];
    for (const [method, url, payload] of attempts) {
      const response = await call(method, url, ownerToken, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0404' });
    }
    const after = await memberRow(stranger.id);
    expect(after).toMatchObject({
      displayName: stranger.displayName,
      status: 'active',
      passwordHash: stranger.passwordHash,
    });
    const [role] = await db.select().from(roles).where(eq(roles.id, roleId));
    expect(role?.name).toBe('foreign');
    const listed = await call('GET', '/console/api/org/members?limit=200', ownerToken);
    const ids = listed.json<{ members: { id: string }[] }>().members.map((member) => member.id);
    expect(ids).not.toContain(stranger.id);
    const filtered = await call(
      'GET',
      `/console/api/org/members?role_id=${other.roles.sa.id}`,
      ownerToken,
    );
    expect(filtered.json()).toMatchObject({ total_count: 0, members: [] });
  });
});

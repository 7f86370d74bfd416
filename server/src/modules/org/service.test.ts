import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { accessKeys, authSessions } from '../../platform/auth/schema.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids/index.ts';
import { accountDirectory } from '../partners/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import {
  buildMember,
  buildOrganisation,
  buildOrgMember,
  memberContext,
  memberRef,
  systemContext,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { Keyring } from '../../platform/auth/keyring.ts';
import { memberRoles, members, roles } from './schema.ts';
import {
  assignMemberRoles,
  createMember,
  createRole,
  deleteMember,
  deleteRole,
  disableMember,
  enableMember,
  getMember,
  getProfile,
  listMembers,
  listPermissions,
  listRoles,
  resetMemberPassword,
  setUpOrganisation,
  updateMember,
  updateProfile,
  updateRole,
} from './service/index.ts';

const STRONG_PASSWORD = 'Strong-pass-42';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-03-01T08:00:00Z');

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

/** Runs `work` and returns the ApiError it throws (fails if it does not throw one). */
async function apiError(work: () => Promise<unknown>): Promise<ApiError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

async function auditActions(partnerId: string, resourceId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.partnerId, partnerId), eq(auditEvents.resourceId, resourceId)));
}

async function ownerContext(org: BuiltOrganisation): Promise<AuthenticatedContext> {
  return memberContext(db, clock, org.owner);
}

describe('setUpOrganisation', () => {
  it('creates the owner and the five preset roles, audited', async () => {
    const partnerId = newId();
    const ctx = systemContext(db, clock);
    const organisation = await setUpOrganisation(ctx, db, {
      partnerId,
      ownerUserName: 'acme',
      ownerDisplayName: 'Acme CEO',
      ownerEmail: 'ceo@acme.example',
      ownerCredential: { password: STRONG_PASSWORD },
    });
    expect(organisation.owner).toMatchObject({
      partnerId,
      userName: 'acme',
      displayName: 'Acme CEO',
      email: 'ceo@acme.example',
      isOwner: true,
      mustChangePassword: false,
      status: 'active',
    });
    expect(await verifyPassword(organisation.owner.passwordHash, STRONG_PASSWORD)).toBe(true);
    const stored = await db.select().from(roles).where(eq(roles.partnerId, partnerId));
    expect(stored.map((role) => [role.code, role.isPreset, role.dataScope]).sort()).toEqual([
      ['account_manager', true, 'mine'],
      ['am_supervisor', true, 'team'],
      ['finance', true, 'all'],
      ['sa', true, 'all'],
      ['system_admin', true, 'all'],
    ]);
    const [event] = await auditActions(partnerId, organisation.owner.id);
    expect(event).toMatchObject({ action: 'org.organisation.set_up', actorType: 'system' });
    expect(event?.after).not.toHaveProperty('passwordHash');
  });

  it('refuses an owner password that breaks the policy, naming the field', async () => {
    const ctx = await ownerContext(await buildOrganisation(db));
    const error = await apiError(() =>
      setUpOrganisation(ctx, db, {
        partnerId: newId(),
        ownerUserName: 'weak',
        ownerDisplayName: 'Weak',
        ownerEmail: 'weak@example.com',
        ownerCredential: { password: 'short' },
      }),
    );
    expect(error.code).toBe('CBC.0100');
    expect(error.message).toContain("field 'password'");
  });
});

describe('members', () => {
  let org: BuiltOrganisation;
  let owner: AuthenticatedContext;

  beforeAll(async () => {
    org = await buildOrganisation(db);
    owner = await ownerContext(org);
  });

  it('creates a member who must change the initial password, audited without secrets', async () => {
    const member = await createMember(owner, {
      userName: 'zhang.san',
      displayName: '张三',
      email: 'zhang@example.com',
      phone: '+86-13800000000',
      password: STRONG_PASSWORD,
      roleIds: [org.roles.finance.id, org.roles.sa.id],
    });
    expect(member).toMatchObject({
      userName: 'zhang.san',
      displayName: '张三',
      status: 'active',
      isOwner: false,
      mustChangePassword: true,
      supervisorId: null,
      lastLoginAt: null,
    });
    expect(member.roles.map((role) => role.code)).toEqual(['finance', 'sa']);
    const [row] = await db.select().from(members).where(eq(members.id, member.id));
    expect(await verifyPassword(row?.passwordHash ?? '', STRONG_PASSWORD)).toBe(true);
    const [event] = await auditActions(org.partner.id, member.id);
    expect(event).toMatchObject({ action: 'org.member.create', actorId: org.owner.id });
    expect(event?.after).toMatchObject({ userName: 'zhang.san', roles: ['finance', 'sa'] });
    expect(JSON.stringify(event?.after)).not.toContain('password');
  });

  it('keeps user names unique within the partner only', async () => {
    const input = {
      userName: 'li.si',
      displayName: '李四',
      password: STRONG_PASSWORD,
      roleIds: [org.roles.sa.id],
    };
    await createMember(owner, input);
    const error = await apiError(() => createMember(owner, input));
    expect(error.code).toBe('CBC.0409');
    expect(error.message).toContain("field 'user_name'");
    const other = await buildOrganisation(db);
    const elsewhere = await createMember(await ownerContext(other), {
      ...input,
      roleIds: [other.roles.sa.id],
    });
    expect(elsewhere.userName).toBe('li.si');
  });

  it.each([
    ['no role', () => [], 'must name 1 to 3 roles'],
    [
      'four roles',
      (o: BuiltOrganisation) => [
        o.roles.finance.id,
        o.roles.sa.id,
        o.roles.account_manager.id,
        o.roles.system_admin.id,
      ],
      'must name 1 to 3 roles',
    ],
    [
      'admin with another role',
      (o: BuiltOrganisation) => [o.roles.system_admin.id, o.roles.sa.id],
      'cannot be combined',
    ],
    [
      'manager with supervisor',
      (o: BuiltOrganisation) => [o.roles.account_manager.id, o.roles.am_supervisor.id],
      'cannot be combined',
    ],
  ])('refuses %s on role_ids (R-ORG-03)', async (_label, roleIds, detail) => {
    const error = await apiError(() =>
      createMember(owner, {
        userName: `bad_${newId()}`,
        displayName: 'Bad',
        password: STRONG_PASSWORD,
        roleIds: roleIds(org),
      }),
    );
    expect(error.code).toBe('CBC.0100');
    expect(error.message).toContain("field 'role_ids'");
    expect(error.message).toContain(detail);
  });

  it("refuses another partner's role as an unknown role", async () => {
    const other = await buildOrganisation(db);
    const error = await apiError(() =>
      createMember(owner, {
        userName: 'wang',
        displayName: 'Wang',
        password: STRONG_PASSWORD,
        roleIds: [other.roles.sa.id],
      }),
    );
    expect(error.message).toContain("field 'role_ids'");
    expect(error.message).toContain('no such role');
  });

  it('checks the password policy on password', async () => {
    const error = await apiError(() =>
      createMember(owner, {
        userName: 'weakling',
        displayName: 'W',
        password: 'alllowercase',
        roleIds: [org.roles.sa.id],
      }),
    );
    expect(error.message).toContain("field 'password'");
  });

  it('lets only account managers report, and only to a supervisor', async () => {
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    const finance = await buildOrgMember(db, org.partner.id, [org.roles.finance]);
    const manager = await createMember(owner, {
      userName: `am_${newId().slice(0, 8)}`,
      displayName: 'AM',
      password: STRONG_PASSWORD,
      roleIds: [org.roles.account_manager.id],
      supervisorId: supervisor.id,
    });
    expect(manager).toMatchObject({
      supervisorId: supervisor.id,
      supervisorName: supervisor.displayName,
    });

    const notManager = await apiError(() =>
      createMember(owner, {
        userName: 'not_am',
        displayName: 'SA',
        password: STRONG_PASSWORD,
        roleIds: [org.roles.sa.id],
        supervisorId: supervisor.id,
      }),
    );
    expect(notManager.message).toContain("field 'supervisor_id'");
    const notSupervisor = await apiError(() =>
      updateMember(owner, manager.id, { supervisorId: finance.id }),
    );
    expect(notSupervisor.message).toContain('must hold the account manager supervisor role');
    const cleared = await updateMember(owner, manager.id, { supervisorId: null });
    expect(cleared.supervisorId).toBeNull();
  });

  it('lists with paging and filters, the owner first', async () => {
    const listed = await buildOrganisation(db);
    const ctx = await ownerContext(listed);
    await buildOrgMember(db, listed.partner.id, [listed.roles.sa], {
      userName: 'alpha',
      createdAt: new Date('2026-01-01T00:00:01Z'),
      displayName: 'Alpha 100%',
    });
    await buildOrgMember(db, listed.partner.id, [listed.roles.finance], {
      userName: 'beta',
      createdAt: new Date('2026-01-01T00:00:02Z'),
      email: 'beta@corp.example',
    });
    await buildOrgMember(db, listed.partner.id, [listed.roles.sa], {
      userName: 'gamma',
      createdAt: new Date('2026-01-01T00:00:03Z'),
      status: 'disabled',
    });

    const all = await listMembers(ctx, {}, { offset: 0, limit: 10 });
    expect(all.totalCount).toBe(4);
    expect(all.items[0]?.isOwner).toBe(true);
    const second = await listMembers(ctx, {}, { offset: 1, limit: 2 });
    expect(second.items.map((member) => member.userName)).toEqual(['alpha', 'beta']);
    expect(second.totalCount).toBe(4);

    const byKeyword = await listMembers(ctx, { keyword: 'CORP.example' }, { offset: 0, limit: 10 });
    expect(byKeyword.items.map((member) => member.userName)).toEqual(['beta']);
    const literalPercent = await listMembers(ctx, { keyword: '100%' }, { offset: 0, limit: 10 });
    expect(literalPercent.items.map((member) => member.userName)).toEqual(['alpha']);
    const wildcard = await listMembers(ctx, { keyword: '%' }, { offset: 0, limit: 10 });
    expect(wildcard.items.map((member) => member.userName)).toEqual(['alpha']);
    const byRole = await listMembers(ctx, { roleId: listed.roles.sa.id }, { offset: 0, limit: 10 });
    expect(byRole.items.map((member) => member.userName)).toEqual(['alpha', 'gamma']);
    const disabled = await listMembers(ctx, { status: 'disabled' }, { offset: 0, limit: 10 });
    expect(disabled.items.map((member) => member.userName)).toEqual(['gamma']);
  });

  it("answers another partner's member as not found", async () => {
    const other = await buildOrganisation(db);
    const stranger = await buildOrgMember(db, other.partner.id, [other.roles.sa]);
    for (const attempt of [
      () => getMember(owner, stranger.id),
      () => updateMember(owner, stranger.id, { displayName: 'Hijacked' }),
      () => assignMemberRoles(owner, stranger.id, [org.roles.sa.id]),
      () => disableMember(owner, stranger.id),
      () => resetMemberPassword(owner, stranger.id, STRONG_PASSWORD),
      () => deleteMember(owner, stranger.id),
    ]) {
      expect((await apiError(attempt)).code).toBe('CBC.0404');
    }
    const [row] = await db.select().from(members).where(eq(members.id, stranger.id));
    expect(row).toMatchObject({ displayName: stranger.displayName, status: 'active' });
  });

  it('needs org.member.view to read and org.member.manage to write', async () => {
    const viewer = await buildMember(db, {
      partnerId: org.partner.id,
      permissions: [Permissions.ORG_MEMBER_VIEW],
    });
    const ctx = await memberContext(db, clock, viewer.member);
    await expect(listMembers(ctx, {}, { offset: 0, limit: 10 })).resolves.toBeTruthy();
    const denied = await apiError(() =>
      createMember(ctx, {
        userName: 'nope',
        displayName: 'N',
        password: STRONG_PASSWORD,
        roleIds: [org.roles.sa.id],
      }),
    );
    expect(denied.code).toBe('CBC.0151');
    const outsider = await buildMember(db, { partnerId: org.partner.id, permissions: [] });
    const blind = await memberContext(db, clock, outsider.member);
    expect((await apiError(() => listMembers(blind, {}, { offset: 0, limit: 10 }))).code).toBe(
      'CBC.0151',
    );
  });

  it('lets a member manager grant and manage only rights they hold', async () => {
    const manager = await buildMember(db, {
      partnerId: org.partner.id,
      permissions: [
        Permissions.ORG_MEMBER_VIEW,
        Permissions.ORG_MEMBER_MANAGE,
        Permissions.CUSTOMER_VIEW,
        Permissions.CONSUMPTION_VIEW,
      ],
    });
    const ctx = await memberContext(db, clock, manager.member);
    const admin = await apiError(() =>
      createMember(ctx, {
        userName: 'sneaky',
        displayName: 'S',
        password: STRONG_PASSWORD,
        roleIds: [org.roles.system_admin.id],
      }),
    );
    expect(admin.code).toBe('CBC.0151');
    expect(admin.message).toContain('org.role.manage');
    const created = await createMember(ctx, {
      userName: `am_${newId().slice(0, 8)}`,
      displayName: 'AM',
      password: STRONG_PASSWORD,
      roleIds: [org.roles.account_manager.id],
    });
    expect(created.roles.map((role) => role.code)).toEqual(['account_manager']);

    const sysadmin = await buildOrgMember(db, org.partner.id, [org.roles.system_admin]);
    const takeover = await apiError(() => resetMemberPassword(ctx, sysadmin.id, STRONG_PASSWORD));
    expect(takeover.code).toBe('CBC.0151');
    expect((await apiError(() => disableMember(ctx, sysadmin.id))).code).toBe('CBC.0151');
  });

  it('only the owner edits the owner, and nobody disables, deletes or re-roles the owner', async () => {
    const admin = await buildOrgMember(db, org.partner.id, [org.roles.system_admin]);
    const ctx = await memberContext(db, clock, admin);
    expect(
      (await apiError(() => updateMember(ctx, org.owner.id, { email: 'evil@example.com' }))).code,
    ).toBe('CBC.0151');
    expect((await apiError(() => disableMember(ctx, org.owner.id))).code).toBe('CBC.0410');
    expect((await apiError(() => deleteMember(ctx, org.owner.id))).code).toBe('CBC.0410');
    expect(
      (await apiError(() => resetMemberPassword(ctx, org.owner.id, STRONG_PASSWORD))).code,
    ).toBe('CBC.0410');
    expect(
      (await apiError(() => assignMemberRoles(owner, org.owner.id, [org.roles.sa.id]))).code,
    ).toBe('CBC.0410');
    const renamed = await updateMember(owner, org.owner.id, { displayName: 'The CEO' });
    expect(renamed.displayName).toBe('The CEO');
  });

  it('refuses to disable or delete oneself', async () => {
    const admin = await buildOrgMember(db, org.partner.id, [org.roles.system_admin]);
    const ctx = await memberContext(db, clock, admin);
    expect((await apiError(() => disableMember(ctx, admin.id))).message).toContain(
      'cannot disable themselves',
    );
    expect((await apiError(() => deleteMember(ctx, admin.id))).message).toContain(
      'cannot delete themselves',
    );
  });
});

describe('role assignment and the supervisor hierarchy (R-ORG-05)', () => {
  it('detaches the account managers of a member who loses the supervisor role', async () => {
    const org = await buildOrganisation(db);
    const owner = await ownerContext(org);
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    const managers = await Promise.all(
      [1, 2, 3].map(() =>
        buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
          supervisorId: supervisor.id,
        }),
      ),
    );
    const supervisorCtx = await memberContext(db, clock, supervisor);
    expect(supervisorCtx.principal.dataScope).toBe('team');
    expect([...supervisorCtx.principal.teamMemberIds].sort()).toEqual(
      managers.map((m) => m.id).sort(),
    );

    const result = await assignMemberRoles(owner, supervisor.id, [org.roles.finance.id]);
    expect(result.detachedAccountManagers).toBe(3);
    expect(result.member.roles.map((role) => role.code)).toEqual(['finance']);
    const rows = await db.select().from(members).where(eq(members.supervisorId, supervisor.id));
    expect(rows).toHaveLength(0);
    const events = await auditActions(org.partner.id, supervisor.id);
    const assigned = events.find((event) => event.action === 'org.member.assign_roles');
    expect(assigned?.before).toMatchObject({ roles: ['am_supervisor'] });
    expect(assigned?.after).toMatchObject({ roles: ['finance'], detachedAccountManagers: 3 });
  });

  it('keeps the team when the supervisor role stays, and drops the supervisor of a former manager', async () => {
    const org = await buildOrganisation(db);
    const owner = await ownerContext(org);
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    const manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      supervisorId: supervisor.id,
    });
    const kept = await assignMemberRoles(owner, supervisor.id, [
      org.roles.am_supervisor.id,
      org.roles.finance.id,
    ]);
    expect(kept.detachedAccountManagers).toBe(0);
    const widened = await assignMemberRoles(owner, manager.id, [
      org.roles.account_manager.id,
      org.roles.sa.id,
    ]);
    expect(widened.member.supervisorId).toBe(supervisor.id);
    const managerCtx = await memberContext(db, clock, manager);
    expect(managerCtx.principal.dataScope).toBe('all');
    const moved = await assignMemberRoles(owner, manager.id, [org.roles.sa.id]);
    expect(moved.member.supervisorId).toBeNull();
  });

  it('detaches the team of a deleted supervisor', async () => {
    const org = await buildOrganisation(db);
    const owner = await ownerContext(org);
    const supervisor = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    const manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      supervisorId: supervisor.id,
    });
    await deleteMember(owner, supervisor.id);
    const [row] = await db.select().from(members).where(eq(members.id, manager.id));
    expect(row?.supervisorId).toBeNull();
  });
});

describe('member lifecycle', () => {
  let org: BuiltOrganisation;
  let owner: AuthenticatedContext;
  const keyring = new Keyring(Buffer.alloc(32, 3));

  beforeAll(async () => {
    org = await buildOrganisation(db);
    owner = await ownerContext(org);
  });

  async function liveSessions(memberId: string) {
    const rows = await db.select().from(authSessions).where(eq(authSessions.principalId, memberId));
    return rows.filter((row) => row.revokedAt === null);
  }

  it('disables (ending sessions) and enables a member, audited', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    await issueTestToken(db, memberRef(member), clock);
    const disabled = await disableMember(owner, member.id);
    expect(disabled.status).toBe('disabled');
    expect(await liveSessions(member.id)).toHaveLength(0);
    expect(await accountDirectory.loadPrincipal(db, memberRef(member), 'token')).toBeNull();
    await disableMember(owner, member.id);
    const enabled = await enableMember(owner, member.id);
    expect(enabled.status).toBe('active');
    const actions = (await auditActions(org.partner.id, member.id))
      .map((event) => event.action)
      .sort();
    expect(actions).toEqual(['org.member.disable', 'org.member.enable']);
  });

  it('resets a password: forced change, lock lifted, sessions ended', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa]);
    await db
      .update(members)
      .set({ failedLoginCount: 5, lockedUntil: clock.now() })
      .where(eq(members.id, member.id));
    await issueTestToken(db, memberRef(member), clock);
    await resetMemberPassword(owner, member.id, 'Brand-new-pass-7');
    const [row] = await db.select().from(members).where(eq(members.id, member.id));
    expect(row).toMatchObject({ mustChangePassword: true, failedLoginCount: 0, lockedUntil: null });
    expect(await verifyPassword(row?.passwordHash ?? '', 'Brand-new-pass-7')).toBe(true);
    expect(await liveSessions(member.id)).toHaveLength(0);
    const weak = await apiError(() => resetMemberPassword(owner, member.id, member.userName));
    expect(weak.message).toContain("field 'new_password'");
    const [event] = (await auditActions(org.partner.id, member.id)).filter(
      (e) => e.action === 'org.member.reset_password',
    );
    expect(JSON.stringify(event)).not.toContain('Brand-new-pass-7');
  });

  it('deletes a member with roles, sessions and access keys', async () => {
    const member = await buildOrgMember(db, org.partner.id, [org.roles.sa, org.roles.finance]);
    await issueTestToken(db, memberRef(member), clock);
    await buildAccessKey(db, keyring, memberRef(member));
    await deleteMember(owner, member.id);
    expect(await db.select().from(members).where(eq(members.id, member.id))).toHaveLength(0);
    expect(
      await db.select().from(memberRoles).where(eq(memberRoles.memberId, member.id)),
    ).toHaveLength(0);
    expect(
      await db.select().from(authSessions).where(eq(authSessions.principalId, member.id)),
    ).toHaveLength(0);
    expect(
      await db.select().from(accessKeys).where(eq(accessKeys.principalId, member.id)),
    ).toHaveLength(0);
    const [event] = await auditActions(org.partner.id, member.id);
    expect(event).toMatchObject({ action: 'org.member.delete' });
    expect(event?.before).toMatchObject({ userName: member.userName, roles: ['finance', 'sa'] });
  });
});

describe('own profile', () => {
  it('lets any member read and change their own details, audited', async () => {
    const org = await buildOrganisation(db);
    const member = await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      displayName: 'Before',
    });
    const ctx = await memberContext(db, clock, member);
    expect(await getProfile(ctx)).toEqual({
      userName: member.userName,
      displayName: 'Before',
      email: member.email,
      phone: '',
      accountName: org.partner.name,
      isOwner: false,
    });
    const updated = await updateProfile(ctx, { displayName: 'After', phone: '13800000000' });
    expect(updated).toMatchObject({
      displayName: 'After',
      phone: '13800000000',
      email: member.email,
    });
    const [event] = await auditActions(org.partner.id, member.id);
    expect(event).toMatchObject({ action: 'org.profile.update', actorId: member.id });
    expect(event?.before).toMatchObject({ displayName: 'Before' });
    expect(event?.after).toMatchObject({ displayName: 'After' });
  });
});

describe('roles', () => {
  let org: BuiltOrganisation;
  let owner: AuthenticatedContext;

  beforeAll(async () => {
    org = await buildOrganisation(db);
    owner = await ownerContext(org);
  });

  it('lists presets first with member counts', async () => {
    await buildOrgMember(db, org.partner.id, [org.roles.finance]);
    await buildOrgMember(db, org.partner.id, [org.roles.finance, org.roles.sa]);
    const listed = await listRoles(owner);
    expect(listed.slice(0, 5).map((role) => [role.code, role.memberCount, role.isPreset])).toEqual([
      ['system_admin', 0, true],
      ['finance', 2, true],
      ['sa', 1, true],
      ['am_supervisor', 0, true],
      ['account_manager', 0, true],
    ]);
  });

  it('creates, edits and deletes a custom role, audited', async () => {
    const role = await createRole(owner, {
      name: '销售助理',
      description: 'Sales assistant',
      permissions: [Permissions.CUSTOMER_VIEW, Permissions.COUPON_VIEW, Permissions.CUSTOMER_VIEW],
      dataScope: 'mine',
    });
    expect(role).toMatchObject({ isPreset: false, memberCount: 0, dataScope: 'mine' });
    expect(role.permissions).toEqual([Permissions.CUSTOMER_VIEW, Permissions.COUPON_VIEW]);
    expect(role.code).toMatch(/^custom_/);

    const holder = await buildOrgMember(db, org.partner.id, [await roleRow(role.id)]);
    const updated = await updateRole(owner, role.id, {
      permissions: [Permissions.ACCOUNT_BALANCE_VIEW],
      dataScope: 'all',
    });
    expect(updated).toMatchObject({
      memberCount: 1,
      dataScope: 'all',
      permissions: [Permissions.ACCOUNT_BALANCE_VIEW],
    });
    const holderCtx = await memberContext(db, clock, holder);
    expect(holderCtx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)).toBe(true);
    expect(holderCtx.principal.permissions.has(Permissions.COUPON_VIEW)).toBe(false);

    const held = await apiError(() => deleteRole(owner, role.id));
    expect(held.code).toBe('CBC.0410');
    await db.delete(memberRoles).where(eq(memberRoles.memberId, holder.id));
    await deleteRole(owner, role.id);
    expect(await db.select().from(roles).where(eq(roles.id, role.id))).toHaveLength(0);
    const actions = (await auditActions(org.partner.id, role.id))
      .map((event) => event.action)
      .sort();
    expect(actions).toEqual(['org.role.create', 'org.role.delete', 'org.role.update']);
  });

  it('refuses operator and unknown permissions on permissions', async () => {
    for (const permission of [Permissions.OPERATOR_PARTNER_MANAGE, 'no.such.permission']) {
      const error = await apiError(() =>
        createRole(owner, { name: `r_${newId()}`, permissions: [permission], dataScope: 'all' }),
      );
      expect(error.code).toBe('CBC.0100');
      expect(error.message).toContain("field 'permissions'");
    }
  });

  it('keeps role names unique, preset names included', async () => {
    const error = await apiError(() =>
      createRole(owner, { name: '客户经理', permissions: [], dataScope: 'mine' }),
    );
    expect(error.code).toBe('CBC.0409');
    expect(error.message).toContain("field 'name'");
  });

  it('never edits or deletes a preset role', async () => {
    expect(
      (await apiError(() => updateRole(owner, org.roles.account_manager.id, { name: 'x' }))).code,
    ).toBe('CBC.0410');
    expect((await apiError(() => deleteRole(owner, org.roles.sa.id))).code).toBe('CBC.0410');
  });

  it('allows at most 10 custom roles (R-ORG-08)', async () => {
    const limited = await buildOrganisation(db);
    const ctx = await ownerContext(limited);
    for (let i = 0; i < 10; i += 1) {
      await createRole(ctx, {
        name: `custom ${i}`,
        permissions: [Permissions.CUSTOMER_VIEW],
        dataScope: 'all',
      });
    }
    const error = await apiError(() =>
      createRole(ctx, { name: 'one too many', permissions: [], dataScope: 'all' }),
    );
    expect(error.code).toBe('CBC.0411');
    const count = await db
      .select()
      .from(roles)
      .where(and(eq(roles.partnerId, limited.partner.id), eq(roles.isPreset, false)));
    expect(count).toHaveLength(10);
  });

  it('lets a role manager grant only rights they hold', async () => {
    const manager = await buildMember(db, {
      partnerId: org.partner.id,
      permissions: [Permissions.ORG_ROLE_MANAGE, Permissions.CUSTOMER_VIEW],
      dataScope: 'mine',
    });
    const ctx = await memberContext(db, clock, manager.member);
    const wider = await apiError(() =>
      createRole(ctx, {
        name: 'wider',
        permissions: [Permissions.CUSTOMER_VIEW],
        dataScope: 'all',
      }),
    );
    expect(wider.code).toBe('CBC.0151');
    expect(wider.message).toContain('data scope all');
    const more = await apiError(() =>
      createRole(ctx, {
        name: 'more',
        permissions: [Permissions.ORG_MEMBER_MANAGE],
        dataScope: 'mine',
      }),
    );
    expect(more.message).toContain('org.member.manage');
    const fine = await createRole(ctx, {
      name: 'fine',
      permissions: [Permissions.CUSTOMER_VIEW],
      dataScope: 'mine',
    });
    expect(fine.name).toBe('fine');
  });

  it("answers another partner's role as not found, leaving it unchanged", async () => {
    const other = await buildOrganisation(db);
    const foreign = await createRole(await ownerContext(other), {
      name: 'theirs',
      permissions: [],
      dataScope: 'mine',
    });
    expect((await apiError(() => updateRole(owner, foreign.id, { name: 'mine now' }))).code).toBe(
      'CBC.0404',
    );
    expect((await apiError(() => deleteRole(owner, foreign.id))).code).toBe('CBC.0404');
    expect((await roleRow(foreign.id)).name).toBe('theirs');
  });

  it('lists the grantable permission catalogue', () => {
    const catalogue = listPermissions(owner);
    expect(catalogue.find((entry) => entry.code === Permissions.CUSTOMER_VIEW)).toEqual({
      code: Permissions.CUSTOMER_VIEW,
      group: 'customer',
      nameZh: '查看客户',
      nameEn: 'View customers',
    });
    expect(catalogue.some((entry) => entry.code.startsWith('operator.'))).toBe(false);
  });
});

async function roleRow(id: string) {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  if (!row) throw new Error(`role ${id} missing`);
  return row;
}

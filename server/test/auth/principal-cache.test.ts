import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { signedRequest } from '../helpers/signing.ts';
import { buildOrganisation, buildOrgMember } from '../factories/org.ts';
import { memberRoles, members } from '../../src/modules/org/schema.ts';
import { partners } from '../../src/modules/partners/schema.ts';
import { createAccessKeyFor } from '../../src/platform/auth/index.ts';
import type { Principal, PrincipalRef } from '../../src/platform/auth/principal.ts';
import { PrincipalCache } from '../../src/platform/auth/principal-cache.ts';

const ref: PrincipalRef = { type: 'member', id: 'm1', partnerId: 'p1' };

function principalNamed(displayName: string): Principal {
  return {
    type: 'member',
    id: 'm1',
    partnerId: 'p1',
    accountType: 'solution_provider',
    accountName: 'acme',
    userName: 'alice',
    displayName,
    isOwner: false,
    permissions: new Set(),
    dataScope: 'mine',
    teamMemberIds: [],
    authMethod: 'aksk',
    mustChangePassword: false,
  };
}

describe('PrincipalCache', () => {
  it('serves a loaded principal again until a change is heard', async () => {
    const cache = new PrincipalCache();
    cache.hear('resumed');
    let loads = 0;
    const loader = () => Promise.resolve(principalNamed(`load ${++loads}`));
    expect((await cache.load(ref, loader))?.displayName).toBe('load 1');
    expect((await cache.load(ref, loader))?.displayName).toBe('load 1');
    cache.hear('notified');
    expect((await cache.load(ref, loader))?.displayName).toBe('load 2');
  });

  it('keeps nothing before delivery works or while it is interrupted', async () => {
    const cache = new PrincipalCache();
    let loads = 0;
    const loader = () => Promise.resolve(principalNamed(`load ${++loads}`));
    await cache.load(ref, loader);
    await cache.load(ref, loader);
    expect(loads).toBe(2);
    cache.hear('resumed');
    await cache.load(ref, loader);
    cache.hear('interrupted');
    await cache.load(ref, loader);
    expect(loads).toBe(4);
  });

  it('does not keep a load that a change overtook, nor a missing principal', async () => {
    const cache = new PrincipalCache();
    cache.hear('resumed');
    let loads = 0;
    const overtaken = await cache.load(ref, () => {
      loads++;
      // The rows were read before this change committed: the result may be stale.
      cache.hear('notified');
      return Promise.resolve(principalNamed('stale'));
    });
    expect(overtaken?.displayName).toBe('stale');
    const fresh = await cache.load(ref, () => Promise.resolve(principalNamed(`load ${++loads}`)));
    expect(fresh?.displayName).toBe('load 2');
    cache.hear('notified');
    let gone = 0;
    const missing = () => {
      gone++;
      return Promise.resolve(null);
    };
    expect(await cache.load(ref, missing)).toBeNull();
    expect(await cache.load(ref, missing)).toBeNull();
    expect(gone).toBe(2);
  });
});

describe('cached principals through the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp('2026-05-01T00:00:00Z');
  });

  afterAll(async () => {
    await t.close();
  });

  const listCustomers = (keys: { accessKey: string; secretKey: string }) =>
    signedRequest(t.app, keys, {
      method: 'POST',
      url: '/v2/partners/sub-customers/query',
      payload: { offset: 0, limit: 10 },
    });

  async function memberWithKey() {
    const org = await buildOrganisation(t.database.db);
    const member = await buildOrgMember(t.database.db, org.partner.id, [org.roles.account_manager]);
    const key = await createAccessKeyFor(
      t.database.db,
      t.keyring,
      { type: 'member', id: member.id, partnerId: org.partner.id },
      'cache test',
      t.clock.now(),
    );
    return { org, member, keys: { accessKey: key.accessKey, secretKey: key.secretKey } };
  }

  it('stops a member disabled behind the API (CLI, another node) on the next request', async () => {
    const { member, keys } = await memberWithKey();
    expect((await listCustomers(keys)).statusCode).toBe(200);
    expect((await listCustomers(keys)).statusCode).toBe(200);
    await t.database.db
      .update(members)
      .set({ status: 'disabled' })
      .where(eq(members.id, member.id));
    const refused = await listCustomers(keys);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error_code: 'APIGW.0301' });
  });

  it('applies a withdrawn role and a frozen partner on the next request', async () => {
    const { org, member, keys } = await memberWithKey();
    expect((await listCustomers(keys)).statusCode).toBe(200);
    await t.database.db
      .delete(memberRoles)
      .where(and(eq(memberRoles.memberId, member.id), eq(memberRoles.partnerId, org.partner.id)));
    const withoutRole = await listCustomers(keys);
    expect(withoutRole.statusCode).toBe(403);

    const other = await memberWithKey();
    expect((await listCustomers(other.keys)).statusCode).toBe(200);
    await t.database.db
      .update(partners)
      .set({ status: 'frozen' })
      .where(eq(partners.id, other.org.partner.id));
    expect((await listCustomers(other.keys)).statusCode).toBe(401);
  });
});

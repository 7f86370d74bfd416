import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { composeDirectories, type LoginCredential, type PrincipalDirectory } from './directory.ts';
import type { PrincipalRef } from './principal.ts';
import type { PrincipalType } from './schema.ts';

/**
 * A directory of one kind that knows the names in `names` and records every write, so the tests
 * can see which directory the composition asked.
 */
function recordingDirectory(type: PrincipalType, names: readonly string[]) {
  const calls: string[] = [];
  const credential = (accountName: string): LoginCredential => ({
    ref: { type, id: `${type}-${accountName}`, partnerId: 'p1' },
    accountName,
    userName: accountName,
    passwordHash: 'hash',
    isEnabled: true,
    failedLoginCount: 0,
    lockedUntil: null,
  });
  const directory: PrincipalDirectory = {
    loadPrincipal: (_db, ref) => {
      calls.push(`load ${ref.id}`);
      return Promise.resolve(null);
    },
    findLoginCredential: (_db, accountName) => {
      calls.push(`find ${accountName}`);
      return Promise.resolve(names.includes(accountName) ? credential(accountName) : null);
    },
    recordLoginFailure: (_db, ref, count) => {
      calls.push(`failure ${ref.id} ${count}`);
      return Promise.resolve();
    },
    recordLoginSuccess: (_db, ref) => {
      calls.push(`success ${ref.id}`);
      return Promise.resolve();
    },
    changePassword: (_db, ref) => {
      calls.push(`password ${ref.id}`);
      return Promise.resolve();
    },
    findDomain: (_db, ref) => {
      calls.push(`domain ${ref.id}`);
      return Promise.resolve({ id: ref.id, name: type, enabled: true });
    },
  };
  return { directory, calls };
}

// The composition only passes the handle through; no query runs in these tests.
const db = Object.create(null) as Db;

function setUp() {
  const members = recordingDirectory('member', ['shared', 'acme']);
  const customers = recordingDirectory('customer', ['shared', 'tea_shop']);
  const composed = composeDirectories(
    { member: members.directory, customer: customers.directory },
    ['member', 'customer'],
  );
  return { members, customers, composed };
}

describe('composeDirectories', () => {
  it('sends loads and writes to the directory of the credential’s kind', async () => {
    const { members, customers, composed } = setUp();
    const customer: PrincipalRef = { type: 'customer', id: 'c1', partnerId: 'p1' };
    const member: PrincipalRef = { type: 'member', id: 'm1', partnerId: 'p1' };
    await composed.loadPrincipal(db, customer, 'token');
    await composed.recordLoginFailure(db, customer, 2, null);
    await composed.recordLoginSuccess(db, member, new Date());
    await composed.changePassword(db, member, 'h', new Date());
    expect(await composed.findDomain(db, customer)).toEqual({
      id: 'c1',
      name: 'customer',
      enabled: true,
    });
    expect(customers.calls).toEqual(['load c1', 'failure c1 2', 'domain c1']);
    expect(members.calls).toEqual(['success m1', 'password m1']);
  });

  it('looks a login name up in order, the first directory that knows it answering', async () => {
    const { composed } = setUp();
    expect((await composed.findLoginCredential(db, 'acme', undefined))?.ref.type).toBe('member');
    expect((await composed.findLoginCredential(db, 'tea_shop', undefined))?.ref.type).toBe(
      'customer',
    );
    expect((await composed.findLoginCredential(db, 'shared', undefined))?.ref.type).toBe('member');
    expect(await composed.findLoginCredential(db, 'nobody', undefined)).toBeNull();
  });

  it('asks only the directory of the kind a login is for', async () => {
    const { members, composed } = setUp();
    const found = await composed.findLoginCredential(db, 'shared', undefined, 'customer');
    expect(found?.ref).toEqual({ type: 'customer', id: 'customer-shared', partnerId: 'p1' });
    expect(await composed.findLoginCredential(db, 'acme', undefined, 'customer')).toBeNull();
    expect(members.calls).toEqual([]);
  });
});

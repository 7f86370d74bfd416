import { describe, expect, test } from 'vitest';
import { deriveAccess } from './access';
import type { SessionUser } from './api/types';
import { homePath, landingPath, routes, visibleMenu } from './routes';

function user(overrides: Partial<SessionUser>): SessionUser {
  return {
    account_id: 'p1',
    account_name: 'a_company',
    account_type: 'solution_provider',
    user_id: 'm1',
    user_name: 'someone',
    display_name: 'Someone',
    is_owner: false,
    permissions: [],
    data_scope: 'mine',
    must_change_password: false,
    ...overrides,
  };
}

const labels = (access: ReturnType<typeof deriveAccess>) =>
  visibleMenu(routes, access).map((entry) => entry.label);

describe('menu and landing page by rights', () => {
  test('an account manager with the default rights sees partner information and support only', () => {
    const access = deriveAccess(user({ permissions: ['partner.info.view', 'access_key.manage'] }));
    expect(labels(access)).toEqual(['partnerInfo', 'support']);
    expect(homePath(access)).toBe('/partner/basic-info');
  });

  test('an admin of a partner sees organisation and audit, never the operator pages', () => {
    const access = deriveAccess(
      user({
        is_owner: true,
        permissions: [
          'org.member.view',
          'org.member.manage',
          'audit.view',
          'partner.info.view',
          'access_key.manage',
          'operator.certification.review',
        ],
      }),
    );
    expect(labels(access)).toEqual(['org', 'partnerInfo', 'support', 'audit']);
    expect(homePath(access)).toBe('/org/members');
  });

  test('the operator sees the operations menu first and no partner information', () => {
    const access = deriveAccess(
      user({
        account_type: 'operator',
        permissions: [
          'operator.certification.review',
          'operator.partner.manage',
          'partner.info.view',
        ],
      }),
    );
    expect(labels(access)[0]).toBe('operations');
    expect(labels(access)).not.toContain('partnerInfo');
    expect(homePath(access)).toBe('/operator/certifications');
  });

  test('after sign-in the previous page is kept only when the new user may open it', () => {
    const manager = deriveAccess(user({ permissions: ['partner.info.view', 'access_key.manage'] }));
    expect(landingPath(manager, '/support/open-api/access?x=1')).toBe(
      '/support/open-api/access?x=1',
    );
    expect(landingPath(manager, '/org/members')).toBe('/partner/basic-info');
    expect(landingPath(manager, undefined)).toBe('/partner/basic-info');
  });
});

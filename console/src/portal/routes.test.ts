import { describe, expect, test } from 'vitest';
import { lazy, type ComponentType } from 'react';
import { routes as partnerRoutes, pageRoutes } from '../routes';
import {
  isPortalPath,
  PORTAL_HOME,
  portalFramePages,
  portalLandingPath,
  portalMenu,
  portalPublicPages,
  portalRoutes,
  type PortalRouteEntry,
} from './routes';

const page = lazy(() => Promise.resolve({ default: (() => null) as ComponentType }));

const sample: PortalRouteEntry[] = [
  { path: '/portal/overview', label: 'overview', page },
  { path: '/portal/invitations/:token', label: 'overview', page, isPublic: true },
  { path: '/portal/requests/:id', label: 'overview', page, hideInMenu: true },
  { path: '/portal/access-keys', label: 'accessKeys', page },
];

describe('portal route registry', () => {
  test('the portal starts with my account and ends with access keys and password', () => {
    // Feature pages (my partner, authorizations, …) sit between, as the registry asks.
    const labels = portalMenu().map((entry) => entry.label);
    expect(labels[0]).toBe('overview');
    expect(labels.slice(-2)).toEqual(['accessKeys', 'password']);
    expect(labels).toContain('myPartner');
    expect(portalMenu()[0]?.path).toBe(PORTAL_HOME);
  });

  test('every portal page lives under /portal and no partner page does', () => {
    expect(portalRoutes.every((entry) => isPortalPath(entry.path))).toBe(true);
    expect(pageRoutes(partnerRoutes).some((entry) => isPortalPath(entry.path))).toBe(false);
  });

  test('public pages are drawn outside the frame; hidden pages stay out of the menu', () => {
    expect(portalPublicPages(sample).map((entry) => entry.path)).toEqual([
      '/portal/invitations/:token',
    ]);
    expect(portalFramePages(sample).map((entry) => entry.path)).toEqual([
      '/portal/overview',
      '/portal/requests/:id',
      '/portal/access-keys',
    ]);
    expect(portalMenu(sample).map((entry) => entry.path)).toEqual([
      '/portal/overview',
      '/portal/access-keys',
    ]);
  });

  test('tells portal URLs from partner-console URLs', () => {
    expect(isPortalPath('/portal')).toBe(true);
    expect(isPortalPath('/portal/access-keys')).toBe(true);
    expect(isPortalPath('/portals')).toBe(false);
    expect(isPortalPath('/sales/customers/management')).toBe(false);
  });
});

describe('landing after the customer signs in', () => {
  test('returns to the portal page the session ended on, with its query', () => {
    expect(portalLandingPath('/portal/access-keys?x=1', sample)).toBe('/portal/access-keys?x=1');
    expect(portalLandingPath('/portal/requests/42', sample)).toBe('/portal/requests/42');
  });

  test('goes to my account otherwise: no page, an unknown page, a partner page', () => {
    expect(portalLandingPath(undefined, sample)).toBe(PORTAL_HOME);
    expect(portalLandingPath('/portal/nowhere', sample)).toBe(PORTAL_HOME);
    expect(portalLandingPath('/sales/customers/management', sample)).toBe(PORTAL_HOME);
    expect(portalLandingPath('/portal/invitations/abc', sample)).toBe(PORTAL_HOME);
  });
});

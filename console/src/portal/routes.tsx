import {
  GiftOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type zhPortal from '../i18n/zh-CN/portal.json';

/** A key of `menu` in the `portal` i18n namespace (zh-CN and en-US carry the same keys). */
export type PortalMenuLabel = keyof typeof zhPortal.menu;

/**
 * One page of the customer portal (`/portal/…`, its own area: partner users never reach it and
 * customers never reach the partner console).
 */
export interface PortalRouteEntry {
  /** Absolute path under `/portal/`, e.g. `/portal/access-keys`; may hold `:params`. */
  path: string;
  label: PortalMenuLabel;
  icon?: ReactNode;
  /** Reachable from another page (a detail, a link) but not listed in the menu. */
  hideInMenu?: boolean;
  /**
   * Open without signing in and drawn without the portal frame, e.g. an invitation link a
   * prospect opens before it has an account. Everything else needs a signed-in customer.
   */
  isPublic?: boolean;
  page: LazyExoticComponent<ComponentType>;
}

/** Loads a page module on first visit, so each page is its own chunk. */
export function lazyPortalPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const PORTAL_HOME = '/portal/overview';
export const PORTAL_LOGIN = '/portal/login';

/**
 * The portal's route and menu registry, in menu order. To add a portal page: put the page under
 * `console/src/portal/pages/`, append an entry here (before `accessKeys`, so the account
 * settings stay last), and add its `menu.<label>` text to both `i18n/zh-CN/portal.json` and
 * `i18n/en-US/portal.json`. The router and the menu pick it up from this list; nothing else needs
 * wiring. Call the server's `/console/api/portal/…` routes, which serve customers only.
 */
export const portalRoutes: PortalRouteEntry[] = [
  {
    path: PORTAL_HOME,
    label: 'overview',
    icon: <HomeOutlined />,
    page: lazyPortalPage(() => import('./pages/overview-page'), 'PortalOverviewPage'),
  },
  {
    path: '/portal/partner',
    label: 'myPartner',
    icon: <TeamOutlined />,
    page: lazyPortalPage(() => import('./pages/association-page'), 'PortalAssociationPage'),
  },
  {
    path: '/portal/authorizations',
    label: 'authorizations',
    icon: <SafetyCertificateOutlined />,
    page: lazyPortalPage(() => import('./pages/authorizations-page'), 'PortalAuthorizationsPage'),
  },
  {
    path: '/portal/balance',
    label: 'balance',
    icon: <WalletOutlined />,
    page: lazyPortalPage(() => import('./pages/balance-page'), 'PortalBalancePage'),
  },
  {
    path: '/portal/coupons',
    label: 'coupons',
    icon: <GiftOutlined />,
    page: lazyPortalPage(() => import('./pages/coupons-page'), 'PortalCouponsPage'),
  },
  {
    path: '/portal/access-keys',
    label: 'accessKeys',
    icon: <KeyOutlined />,
    page: lazyPortalPage(() => import('./pages/access-keys-page'), 'PortalAccessKeysPage'),
  },
  {
    path: '/portal/password',
    label: 'password',
    icon: <LockOutlined />,
    page: lazyPortalPage(() => import('./pages/password-page'), 'PortalPasswordPage'),
  },
];

/** Pages drawn inside the signed-in portal frame. */
export function portalFramePages(
  entries: readonly PortalRouteEntry[] = portalRoutes,
): PortalRouteEntry[] {
  return entries.filter((entry) => !entry.isPublic);
}

/** Pages open without signing in, drawn on their own. */
export function portalPublicPages(
  entries: readonly PortalRouteEntry[] = portalRoutes,
): PortalRouteEntry[] {
  return entries.filter((entry) => entry.isPublic === true);
}

/** The portal menu: every framed page not hidden from it, in registry order. */
export function portalMenu(
  entries: readonly PortalRouteEntry[] = portalRoutes,
): PortalRouteEntry[] {
  return portalFramePages(entries).filter((entry) => !entry.hideInMenu);
}

/** True for a URL of the portal area (`/portal` and below), false for the partner console's. */
export function isPortalPath(pathname: string): boolean {
  return pathname === '/portal' || pathname.startsWith('/portal/');
}

function matches(pattern: string, pathname: string): boolean {
  const patternParts = pattern.split('/');
  const pathParts = pathname.split('/');
  return (
    patternParts.length === pathParts.length &&
    patternParts.every((part, index) => part.startsWith(':') || part === pathParts[index])
  );
}

/**
 * Where to go after the customer signs in: back to the portal page the session ended on, else the
 * overview. Never to a partner-console URL, which a customer cannot use.
 */
export function portalLandingPath(
  from: string | undefined,
  entries: readonly PortalRouteEntry[] = portalRoutes,
): string {
  const pathname = from?.split(/[?#]/)[0] ?? '';
  const known = portalFramePages(entries).some((entry) => matches(entry.path, pathname));
  return from && known ? from : PORTAL_HOME;
}

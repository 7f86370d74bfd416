import {
  ApiOutlined,
  AuditOutlined,
  ClusterOutlined,
  IdcardOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Access, AccessName } from './access';
import type zhCommon from './i18n/zh-CN/common.json';

export type MenuLabel = keyof typeof zhCommon.menu;

/**
 * One entry of the console's single route table: its path, its menu label and icon, the named
 * right it needs, and the page it loads. Groups have children and no page.
 */
export interface RouteEntry {
  path: string;
  label: MenuLabel;
  icon?: ReactNode;
  access?: AccessName;
  hideInMenu?: boolean;
  page?: LazyExoticComponent<ComponentType>;
  children?: RouteEntry[];
}

/** Loads a page module on first visit, so each page is its own chunk. */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const routes: RouteEntry[] = [
  {
    path: '/operator',
    label: 'operations',
    icon: <ClusterOutlined />,
    children: [
      {
        path: '/operator/certifications',
        label: 'certificationReview',
        access: 'canReviewCertifications',
        page: lazyPage(
          () => import('./pages/operator/certification-review-list'),
          'CertificationReviewList',
        ),
      },
      {
        path: '/operator/realname',
        label: 'realnameReview',
        access: 'canReviewCertifications',
        page: lazyPage(() => import('./pages/operator/realname-review-list'), 'RealnameReviewList'),
      },
      {
        path: '/operator/preregistrations',
        label: 'preregistrationReview',
        access: 'canReviewCertifications',
        page: lazyPage(
          () => import('./pages/customers/development-review-page'),
          'DevelopmentReviewPage',
        ),
      },
      {
        path: '/operator/association-policy',
        label: 'associationPolicy',
        access: 'canManagePartners',
        page: lazyPage(
          () => import('./pages/operator/association-policy-page'),
          'AssociationPolicyPage',
        ),
      },
      {
        path: '/operator/association-reviews',
        label: 'associationReview',
        access: 'canManagePartners',
        page: lazyPage(
          () => import('./pages/operator/association-review-page'),
          'AssociationReviewPage',
        ),
      },
      {
        path: '/operator/partners',
        label: 'partnerManagement',
        access: 'canManagePartners',
        page: lazyPage(() => import('./pages/operator/partner-list'), 'PartnerList'),
      },
      {
        path: '/operator/programs',
        label: 'partnerPrograms',
        access: 'canManagePartners',
        page: lazyPage(() => import('./pages/operator/programs-list'), 'ProgramList'),
      },
      {
        path: '/operator/partner-funds',
        label: 'partnerFunds',
        access: 'canManagePartners',
        page: lazyPage(() => import('./pages/operator/partner-funds-page'), 'PartnerFundsPage'),
      },
    ],
  },
  {
    path: '/org',
    label: 'org',
    icon: <TeamOutlined />,
    children: [
      {
        path: '/org/members',
        label: 'orgMembers',
        access: 'canViewMembers',
        page: lazyPage(() => import('./pages/org/org-members-page'), 'OrgMembersPage'),
      },
    ],
  },
  {
    path: '/sales',
    label: 'sales',
    icon: <ShopOutlined />,
    children: [
      {
        path: '/sales/customers',
        label: 'customers',
        children: [
          {
            path: '/sales/customers/management',
            label: 'customerManagement',
            access: 'canViewCustomers',
            page: lazyPage(
              () => import('./pages/customers/customer-management-page'),
              'CustomerManagementPage',
            ),
          },
          {
            path: '/sales/customers/assignment',
            label: 'customerAssignment',
            access: 'canViewCustomers',
            page: lazyPage(
              () => import('./pages/customers/customer-assignment-page'),
              'CustomerAssignmentPage',
            ),
          },
          {
            path: '/sales/customers/coupons',
            label: 'coupons',
            access: 'canViewCoupons',
            page: lazyPage(
              () => import('./pages/coupons/coupon-management-page'),
              'CouponManagementPage',
            ),
          },
          {
            path: '/sales/customers/association-records',
            label: 'associationRecords',
            access: 'canViewCustomers',
            hideInMenu: true,
            page: lazyPage(
              () => import('./pages/customers/association-records-page'),
              'AssociationRecordsPage',
            ),
          },
          {
            path: '/sales/customers/detail/:customerId',
            label: 'customers',
            access: 'canViewCustomers',
            hideInMenu: true,
            page: lazyPage(() => import('./pages/customers/customer-detail'), 'CustomerDetail'),
          },
        ],
      },
      // After 客户 (the spec lists 拓新 first): account managers must still land on 客户管理.
      {
        path: '/sales/development',
        label: 'development',
        children: [
          {
            path: '/sales/development/customers',
            label: 'customerDevelopment',
            access: 'canViewCustomers',
            page: lazyPage(() => import('./pages/customers/development-page'), 'DevelopmentPage'),
          },
        ],
      },
      {
        path: '/sales/finance',
        label: 'finance',
        children: [
          {
            path: '/sales/finance/funds',
            label: 'funds',
            access: 'canViewFunds',
            page: lazyPage(() => import('./pages/funds/funds-page'), 'FundsPage'),
          },
          {
            path: '/sales/finance/adjust-records',
            label: 'adjustRecords',
            access: 'canViewFunds',
            page: lazyPage(() => import('./pages/funds/adjust-records-page'), 'AdjustRecordsPage'),
          },
        ],
      },
      {
        path: '/sales/resellers',
        label: 'resellers',
        children: [
          {
            path: '/sales/resellers/management',
            label: 'resellerManagement',
            access: 'canManageResellers',
            page: lazyPage(
              () => import('./pages/resellers/reseller-management-page'),
              'ResellerManagementPage',
            ),
          },
        ],
      },
    ],
  },
  {
    path: '/partner',
    label: 'partnerInfo',
    icon: <IdcardOutlined />,
    children: [
      {
        path: '/partner/basic-info',
        label: 'basicInfo',
        access: 'canViewPartnerInfo',
        page: lazyPage(() => import('./pages/partners/basic-info'), 'BasicInfoPage'),
      },
      {
        path: '/partner/certification',
        label: 'businessInfo',
        access: 'canViewCertification',
        page: lazyPage(() => import('./pages/partners/certification-page'), 'CertificationPage'),
      },
      {
        path: '/partner/distributor',
        label: 'distributorCooperation',
        access: 'canCooperateWithDistributor',
        page: lazyPage(
          () => import('./pages/resellers/distributor-cooperation-page'),
          'DistributorCooperationPage',
        ),
      },
    ],
  },
  {
    path: '/support',
    label: 'support',
    icon: <ApiOutlined />,
    children: [
      {
        path: '/support/open-api',
        label: 'openApi',
        children: [
          {
            path: '/support/open-api/access',
            label: 'accessConfig',
            access: 'canManageAccessKeys',
            page: lazyPage(() => import('./pages/access-keys/access-key-list'), 'AccessKeyList'),
          },
        ],
      },
    ],
  },
  {
    path: '/audit',
    label: 'audit',
    icon: <AuditOutlined />,
    children: [
      {
        path: '/audit/events',
        label: 'auditEvents',
        access: 'canViewAudit',
        page: lazyPage(() => import('./pages/audit/audit-event-list'), 'AuditEventList'),
      },
    ],
  },
  {
    path: '/profile',
    label: 'profile',
    hideInMenu: true,
    page: lazyPage(() => import('./pages/profile/profile-page'), 'ProfilePage'),
  },
];

/** Every entry that renders a page, flattened for the router. */
export function pageRoutes(entries: readonly RouteEntry[] = routes): RouteEntry[] {
  return entries.flatMap((entry) => [
    ...(entry.page ? [entry] : []),
    ...pageRoutes(entry.children ?? []),
  ]);
}

export function isAllowed(entry: RouteEntry, access: Access): boolean {
  return entry.access === undefined || access[entry.access];
}

/**
 * The menu the user may see: entries their rights allow, and groups only while something in
 * them is left.
 */
export function visibleMenu(entries: readonly RouteEntry[], access: Access): RouteEntry[] {
  return entries.flatMap((entry) => {
    if (entry.hideInMenu || !isAllowed(entry, access)) return [];
    if (!entry.children) return [entry];
    const children = visibleMenu(entry.children, access);
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}

/** Where "home" is for this user: the first page of their menu. */
export function homePath(access: Access): string {
  const first = pageRoutes(visibleMenu(routes, access))[0];
  return first?.path ?? '/profile';
}

/**
 * Where to go after signing in: back to the page the session ended on, if the user now signed in
 * may open it (another user may sign in on the same browser), else home.
 */
export function landingPath(access: Access, from: string | undefined): string {
  const pathname = from?.split(/[?#]/)[0];
  const entry = pageRoutes().find((candidate) => candidate.path === pathname);
  return from && entry && isAllowed(entry, access) ? from : homePath(access);
}

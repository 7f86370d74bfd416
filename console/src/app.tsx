import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { enUSIntl, ProConfigProvider, zhCNIntl } from '@ant-design/pro-components';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { useAccess } from './access';
import { PASSWORD_CHANGE_REQUIRED_CODE, setSessionProblemHandler } from './api/client';
import { bindNotifier } from './api/errors';
import { queryClient } from './api/query-client';
import { queryKeys } from './api/query-keys';
import { NoPermission, NotFound } from './components/results';
import { homePath, isAllowed, pageRoutes, type RouteEntry } from './routes';
import { portalQueryKeys } from './portal/api';
import { portalRouteObjects } from './portal/router';

// The frame and the login pages are chunks of their own too: the first paint needs only one of them.
const BasicLayout = lazy(async () => ({
  default: (await import('./layout/basic-layout')).BasicLayout,
}));
const LoginPage = lazy(async () => ({
  default: (await import('./pages/login/login-page')).LoginPage,
}));
const SignUpPage = lazy(async () => ({
  default: (await import('./pages/sign-up/sign-up-page')).SignUpPage,
}));
const InvitationPage = lazy(async () => ({
  default: (await import('./pages/invitation/invitation-page')).InvitationPage,
}));
const ChangePasswordPage = lazy(async () => ({
  default: (await import('./pages/login/change-password-page')).ChangePasswordPage,
}));

/** A page the user's rights do not cover shows 403 in place, whatever the URL says. */
function Guarded({ entry }: { entry: RouteEntry }) {
  const access = useAccess();
  const Page = entry.page;
  if (!Page) return <NotFound />;
  return isAllowed(entry, access) ? <Page /> : <NoPermission />;
}

function FullPageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
      <Spin size="large" />
    </div>
  );
}

function Home() {
  return <Navigate to={homePath(useAccess())} replace />;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  // The public acceptance page of customer invitations: no partner login, no console frame.
  { path: '/invite/:token', element: <InvitationPage /> },
  // The customer portal: its own login, frame and menu under /portal (see portal/routes.tsx).
  ...portalRouteObjects(),
  {
    path: '/',
    element: <BasicLayout />,
    children: [
      { index: true, element: <Home /> },
      ...pageRoutes().map((entry) => ({ path: entry.path, element: <Guarded entry={entry} /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

// A 401 means the session ended (expired, signed out elsewhere): forget it, and the layout sends
// the user to the login page. A demanded password change re-reads the session, which then routes
// to the change-password page.
setSessionProblemHandler((error) => {
  if (error.code === PASSWORD_CHANGE_REQUIRED_CODE) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.session });
  } else {
    queryClient.setQueryData(queryKeys.session, null);
    queryClient.setQueryData(portalQueryKeys.session, null);
  }
});

/** Hands antd's context-aware message and notification to the error reporter. */
function NotifierBridge({ children }: { children: ReactNode }) {
  const { message, notification } = AntApp.useApp();
  useEffect(() => bindNotifier({ message, notification }), [message, notification]);
  return children;
}

export function App() {
  const { i18n } = useTranslation();
  const isChinese = i18n.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(isChinese ? 'zh-cn' : 'en');
  }, [isChinese]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={isChinese ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }}>
        {/* ProComponents keep their own dictionary (table search buttons, pagination texts). */}
        <ProConfigProvider intl={isChinese ? zhCNIntl : enUSIntl}>
          <AntApp>
            <NotifierBridge>
              <Suspense fallback={<FullPageSpin />}>
                <RouterProvider router={router} />
              </Suspense>
            </NotifierBridge>
          </AntApp>
        </ProConfigProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

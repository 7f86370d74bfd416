import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { lazy } from 'react';
import { Link, Navigate, type RouteObject } from 'react-router-dom';
import { PORTAL_HOME, PORTAL_LOGIN, portalFramePages, portalPublicPages } from './routes';

// The portal's frame and login are chunks of their own: partner users never download them.
const PortalLayout = lazy(async () => ({
  default: (await import('./portal-layout')).PortalLayout,
}));
const PortalLoginPage = lazy(async () => ({
  default: (await import('./pages/login-page')).PortalLoginPage,
}));

/** An unknown portal URL; "home" is the portal's, not the partner console's. */
function PortalNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('result.notFound')}
      extra={
        <Link to={PORTAL_HOME}>
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

/**
 * The portal's part of the console router: its login page, its public pages, and its own frame
 * with every registered page. `app.tsx` mounts these beside the partner console's routes.
 */
export function portalRouteObjects(): RouteObject[] {
  return [
    { path: PORTAL_LOGIN, element: <PortalLoginPage /> },
    ...portalPublicPages().map((entry) => ({ path: entry.path, element: <entry.page /> })),
    {
      path: '/portal',
      element: <PortalLayout />,
      children: [
        { index: true, element: <Navigate to={PORTAL_HOME} replace /> },
        ...portalFramePages().map((entry) => ({ path: entry.path, element: <entry.page /> })),
        { path: '*', element: <PortalNotFound /> },
      ],
    },
  ];
}

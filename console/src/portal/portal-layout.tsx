import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Dropdown } from 'antd';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Logo } from '../components/logo';
import { LanguageSwitch } from '../layout/language-switch';
import { PageLoading } from '../layout/basic-layout';
import { usePortalLogout, usePortalSession } from './api';
import { PORTAL_HOME, PORTAL_LOGIN, portalMenu } from './routes';

/**
 * The customer portal's frame: waits for the customer's session, sends anyone else (anonymous
 * visitors and partner users alike) to the portal login, and shows the portal's own menu.
 */
export function PortalLayout() {
  const { t } = useTranslation('portal');
  const location = useLocation();
  const navigate = useNavigate();
  const session = usePortalSession();
  const logout = usePortalLogout();

  const menu = useMemo<MenuDataItem[]>(
    () =>
      portalMenu().map((entry) => ({
        path: entry.path,
        name: t(`menu.${entry.label}`),
        icon: entry.icon,
      })),
    [t],
  );

  if (session.isPending) return <PageLoading />;
  const customer = session.data?.customer;
  if (!customer) {
    return (
      <Navigate
        to={PORTAL_LOGIN}
        replace
        state={{ from: `${location.pathname}${location.search}` }}
      />
    );
  }

  return (
    <ProLayout
      title={t('title')}
      logo={<Logo />}
      layout="mix"
      fixedHeader
      fixSiderbar
      siderWidth={208}
      location={{ pathname: location.pathname }}
      route={{ path: '/portal', children: menu }}
      menu={{ locale: false }}
      onMenuHeaderClick={() => void navigate(PORTAL_HOME)}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => [<LanguageSwitch key="language" />]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <span data-testid="portal-current-customer">{customer.account_name}</span>,
        render: (_props, avatar) => (
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'password') void navigate('/portal/password');
                if (key === 'logout')
                  logout.mutate(undefined, {
                    onSettled: () => void navigate(PORTAL_LOGIN, { replace: true, state: null }),
                  });
              },
            }}
          >
            {avatar}
          </Dropdown>
        ),
      }}
    >
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}

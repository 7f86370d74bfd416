import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Spin } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAccess } from '../access';
import { useLogout, useSession } from '../api/session';
import { ChangePasswordModal } from '../pages/profile/change-password-form';
import { routes, visibleMenu, type RouteEntry } from '../routes';
import { Logo } from '../components/logo';
import { LanguageSwitch } from './language-switch';

export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * The signed-in frame: waits for the session, sends anonymous visitors to the login page and
 * users with an initial password to the change-password page, and renders the permitted menu.
 */
export function BasicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const access = useAccess();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);

  const menu = useMemo(() => {
    const toMenuData = (entries: RouteEntry[]): MenuDataItem[] =>
      entries.map((entry) => ({
        path: entry.path,
        name: t(`menu.${entry.label}`),
        icon: entry.icon,
        children: entry.children ? toMenuData(entry.children) : undefined,
      }));
    return toMenuData(visibleMenu(routes, access));
  }, [access, t]);

  if (session.isPending) return <PageLoading />;
  const user = session.data?.user;
  if (!user) {
    return (
      <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />
    );
  }
  if (user.must_change_password) return <Navigate to="/change-password" replace />;

  return (
    <ProLayout
      title={t('app.title')}
      logo={<Logo />}
      layout="mix"
      fixedHeader
      fixSiderbar
      siderWidth={224}
      location={{ pathname: location.pathname }}
      route={{ path: '/', children: menu }}
      menu={{ locale: false }}
      onMenuHeaderClick={() => void navigate('/')}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => [<LanguageSwitch key="language" />]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: (
          <span data-testid="current-user">
            {user.display_name || user.user_name}
            {!user.is_owner && <span className="huoban-account-name"> @ {user.account_name}</span>}
          </span>
        ),
        render: (_props, avatar) => (
          <Dropdown
            menu={{
              items: [
                { key: 'profile', icon: <UserOutlined />, label: t('user.profile') },
                { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'profile') void navigate('/profile');
                if (key === 'password') setChangingPassword(true);
                if (key === 'logout')
                  logout.mutate(undefined, {
                    onSettled: () => void navigate('/login', { replace: true, state: null }),
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
      <ChangePasswordModal open={changingPassword} onOpenChange={setChangingPassword} />
    </ProLayout>
  );
}

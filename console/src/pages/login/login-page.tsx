import { LockOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Form, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { errorTitle } from '../../api/errors';
import { useLogin, useSession } from '../../api/session';
import type { LoginRequest, SessionUser } from '../../api/types';
import { deriveAccess } from '../../access';
import { landingPath } from '../../routes';
import { Logo } from '../../components/logo';
import { LanguageSwitch } from '../../layout/language-switch';

type LoginTab = 'owner' | 'member';

interface LoginValues {
  account_name: string;
  user_name?: string;
  password: string;
}

/**
 * Two ways in (R-ORG-02): the partner's main account, or an IAM user (organisation member) who
 * names the partner account, their user name and password.
 */
export function LoginPage() {
  const { t } = useTranslation(['login', 'common']);
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const login = useLogin();
  const [tab, setTab] = useState<LoginTab>('owner');
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<LoginValues>();
  const from = (location.state as { from?: string } | null)?.from;

  useEffect(() => {
    document.title = `${t('title')} - ${t('common:app.title')}`;
  }, [t]);

  const targetFor = (user: SessionUser) =>
    user.must_change_password ? '/change-password' : landingPath(deriveAccess(user), from);

  if (session.data?.user) return <Navigate to={targetFor(session.data.user)} replace />;

  const submit = async (values: LoginValues) => {
    setFailure(null);
    const body: LoginRequest = {
      account_name: values.account_name.trim(),
      password: values.password,
    };
    if (tab === 'member' && values.user_name) body.user_name = values.user_name.trim();
    try {
      const result = await login.mutateAsync(body);
      void navigate(targetFor(result.user), { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiRequestError && error.code === 'CBC.0155'
          ? t('failed')
          : `${errorTitle(error)}${error instanceof Error ? `: ${error.message}` : ''}`,
      );
    }
  };

  return (
    <div className="huoban-login">
      <div className="huoban-login-language">
        <LanguageSwitch />
      </div>
      <LoginForm<LoginValues>
        form={form}
        logo={<Logo size={44} />}
        title={t('common:app.title')}
        subTitle={t('subtitle')}
        submitter={{ searchConfig: { submitText: t('submit') } }}
        actions={
          <div style={{ textAlign: 'center' }}>
            <Link to="/sign-up">{t('signUpLink')}</Link>
            <span> · </span>
            <Link to="/portal/login">{t('portalLink')}</Link>
          </div>
        }
        onFinish={async (values) => {
          await submit(values);
        }}
      >
        <Tabs
          centered
          activeKey={tab}
          onChange={(key) => {
            setTab(key as LoginTab);
            setFailure(null);
          }}
          items={[
            { key: 'owner', label: t('tabs.owner') },
            { key: 'member', label: t('tabs.member') },
          ]}
        />
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 24 }} />}
        <ProFormText
          name="account_name"
          fieldProps={{ size: 'large', prefix: <TeamOutlined />, autoComplete: 'organization' }}
          placeholder={tab === 'owner' ? t('fields.accountName') : t('fields.tenantName')}
          rules={[{ required: true, message: t('rules.accountName') }]}
        />
        {tab === 'member' && (
          <ProFormText
            name="user_name"
            fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username' }}
            placeholder={t('fields.userName')}
            rules={[{ required: true, message: t('rules.userName') }]}
          />
        )}
        <ProFormText.Password
          name="password"
          fieldProps={{ size: 'large', prefix: <LockOutlined />, autoComplete: 'current-password' }}
          placeholder={tab === 'owner' ? t('fields.password') : t('fields.memberPassword')}
          rules={[{ required: true, message: t('rules.password') }]}
        />
      </LoginForm>
    </div>
  );
}

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { errorTitle } from '../../api/errors';
import { Logo } from '../../components/logo';
import { LanguageSwitch } from '../../layout/language-switch';
import { usePortalLogin, usePortalSession, type PortalLoginRequest } from '../api';
import { portalLandingPath } from '../routes';

const LOGIN_FAILED = 'CBC.0155';
const LOGIN_LOCKED = 'CBC.0156';

/** The customer portal's sign-in: the customer's account name and password (no IAM users). */
export function PortalLoginPage() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const location = useLocation();
  const session = usePortalSession();
  const login = usePortalLogin();
  const [failure, setFailure] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  useEffect(() => {
    document.title = `${t('login.title')} - ${t('title')}`;
  }, [t]);

  if (session.data?.customer) return <Navigate to={portalLandingPath(from)} replace />;

  const submit = async (values: PortalLoginRequest) => {
    setFailure(null);
    try {
      await login.mutateAsync({
        account_name: values.account_name.trim(),
        password: values.password,
      });
      void navigate(portalLandingPath(from), { replace: true });
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === LOGIN_FAILED) {
        setFailure(t('login.failed'));
      } else if (error instanceof ApiRequestError && error.code === LOGIN_LOCKED) {
        setFailure(t('login.locked'));
      } else {
        setFailure(`${errorTitle(error)}${error instanceof Error ? `: ${error.message}` : ''}`);
      }
    }
  };

  return (
    <div className="huoban-login">
      <div className="huoban-login-language">
        <LanguageSwitch />
      </div>
      <LoginForm<PortalLoginRequest>
        logo={<Logo size={44} />}
        title={t('title')}
        subTitle={t('login.subtitle')}
        submitter={{ searchConfig: { submitText: t('login.submit') } }}
        actions={
          <div style={{ textAlign: 'center' }}>
            <Link to="/login">{t('login.partnerLink')}</Link>
          </div>
        }
        onFinish={async (values) => {
          await submit(values);
        }}
      >
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 24 }} />}
        <ProFormText
          name="account_name"
          fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username' }}
          placeholder={t('login.accountName')}
          rules={[{ required: true, message: t('login.accountNameRequired') }]}
        />
        <ProFormText.Password
          name="password"
          fieldProps={{ size: 'large', prefix: <LockOutlined />, autoComplete: 'current-password' }}
          placeholder={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        />
      </LoginForm>
    </div>
  );
}

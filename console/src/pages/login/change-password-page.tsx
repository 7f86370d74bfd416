import { ProForm } from '@ant-design/pro-components';
import { Alert, Card, Form } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { useLogout, useSession } from '../../api/session';
import { PageLoading } from '../../layout/basic-layout';
import { LanguageSwitch } from '../../layout/language-switch';
import { PasswordFields, useSubmitPasswordChange } from '../profile/change-password-form';

interface PasswordValues {
  old_password: string;
  new_password: string;
  confirm_password: string;
}

/** R-ORG-02: a member signing in with the initial password set by the admin must replace it first. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const logout = useLogout();
  const submit = useSubmitPasswordChange();
  const [form] = Form.useForm<PasswordValues>();

  useEffect(() => {
    document.title = `${t('password.forcedTitle')} - ${t('app.title')}`;
  }, [t]);

  if (session.isPending) return <PageLoading />;
  const user = session.data?.user;
  if (!user) return <Navigate to="/login" replace />;
  if (!user.must_change_password) return <Navigate to="/" replace />;

  return (
    <div className="huoban-login">
      <div className="huoban-login-language">
        <LanguageSwitch />
      </div>
      <Card title={t('password.forcedTitle')} style={{ width: 440, margin: '0 auto' }}>
        <Alert
          type="info"
          showIcon
          message={t('password.forcedHint', { user: user.user_name })}
          style={{ marginBottom: 24 }}
        />
        <ProForm<PasswordValues>
          form={form}
          submitter={{
            searchConfig: { submitText: t('actions.submit'), resetText: t('user.logout') },
            onReset: () =>
              logout.mutate(undefined, {
                onSettled: () => void navigate('/login', { replace: true }),
              }),
          }}
          onFinish={async (values) => {
            if (await submit(form, values)) void navigate('/', { replace: true });
          }}
        >
          <PasswordFields />
        </ProForm>
      </Card>
    </div>
  );
}

import { ProForm, ProFormText } from '@ant-design/pro-components';
import { Card, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import { PageShell } from '../../components/page-shell';
import { confirmPasswordRules, newPasswordRules } from '../../pages/profile/password-rules';
import { usePortalChangePassword, usePortalCustomer } from '../api';

interface PasswordValues {
  old_password: string;
  new_password: string;
  confirm_password: string;
}

/**
 * The customer's own password, under the same policy as partner users (the account name stands
 * for the user name). The server signs out the customer's other sessions and tokens.
 */
export function PortalPasswordPage() {
  const { t } = useTranslation(['portal', 'common']);
  const customer = usePortalCustomer();
  const change = usePortalChangePassword();
  const [form] = Form.useForm<PasswordValues>();

  const submit = async (values: PasswordValues) => {
    try {
      await change.mutateAsync({
        old_password: values.old_password,
        new_password: values.new_password,
      });
      form.resetFields();
      notifySuccess(t('common:password.changed'));
    } catch (error) {
      showErrorOnForm(form, error);
    }
  };

  return (
    <PageShell title={t('password.title')} content={t('password.intro')}>
      <Card style={{ maxWidth: 560 }}>
        <ProForm<PasswordValues> form={form} onFinish={submit} layout="vertical">
          <ProFormText.Password
            name="old_password"
            label={t('common:password.old')}
            rules={[{ required: true, message: t('common:password.required') }]}
            fieldProps={{ autoComplete: 'current-password' }}
          />
          <ProFormText.Password
            name="new_password"
            label={t('common:password.new')}
            extra={t('common:password.policy')}
            rules={newPasswordRules(() => customer?.account_name)}
            fieldProps={{ autoComplete: 'new-password' }}
          />
          <ProFormText.Password
            name="confirm_password"
            label={t('common:password.confirm')}
            dependencies={['new_password']}
            rules={confirmPasswordRules('new_password')}
            fieldProps={{ autoComplete: 'new-password' }}
          />
        </ProForm>
      </Card>
    </PageShell>
  );
}

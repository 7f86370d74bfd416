import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import { useChangePassword, useCurrentUser } from '../../api/session';
import { confirmPasswordRules, newPasswordRules } from './password-rules';

interface PasswordValues {
  old_password: string;
  new_password: string;
  confirm_password: string;
}

/** The three password fields, shared by the forced change page and the user-menu dialog. */
export function PasswordFields() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <ProFormText.Password
        name="old_password"
        label={t('password.old')}
        rules={[{ required: true, message: t('password.required') }]}
        fieldProps={{ autoComplete: 'current-password' }}
      />
      <ProFormText.Password
        name="new_password"
        label={t('password.new')}
        extra={t('password.policy')}
        rules={newPasswordRules(() => user?.user_name)}
        fieldProps={{ autoComplete: 'new-password' }}
      />
      <ProFormText.Password
        name="confirm_password"
        label={t('password.confirm')}
        dependencies={['new_password']}
        rules={confirmPasswordRules('new_password')}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </>
  );
}

/** Submits a password change; resolves true on success so a form can close. */
export function useSubmitPasswordChange() {
  const { t } = useTranslation();
  const change = useChangePassword();
  return async (
    form: ReturnType<typeof Form.useForm<PasswordValues>>[0],
    values: PasswordValues,
  ) => {
    try {
      await change.mutateAsync({
        old_password: values.old_password,
        new_password: values.new_password,
      });
      notifySuccess(t('password.changed'));
      return true;
    } catch (error) {
      showErrorOnForm(form, error);
      return false;
    }
  };
}

export function ChangePasswordModal({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const submit = useSubmitPasswordChange();
  return (
    <ModalForm<PasswordValues>
      title={t('user.changePassword')}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      onFinish={(values) => submit(form, values)}
    >
      <PasswordFields />
    </ModalForm>
  );
}

import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, notifyWarning, showErrorOnForm } from '../../api/errors';
import type { Member } from '../../api/types';
import { confirmPasswordRules, newPasswordRules } from '../profile/password-rules';
import { useAssignRoles, useResetMemberPassword, useRoles, useUpdateMember } from './queries';
import { codesOf, RoleCheckboxes, SupervisorForTickedRoles } from './role-picker';
import { mayHaveSupervisor } from './role-rules';

interface MemberActionProps {
  member: Member;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onSaved: () => void;
}

interface RoleValues {
  role_ids: string[];
  supervisor_id?: string;
}

/**
 * 分配角色: replaces a member's roles. Removing the supervisor role detaches that member's
 * account managers (R-ORG-05); the answer names them so the admin can re-assign them.
 */
export function AssignRolesForm({
  member,
  trigger,
  open,
  onOpenChange,
  onSaved,
}: MemberActionProps) {
  const { t } = useTranslation(['org', 'common']);
  const [form] = Form.useForm<RoleValues>();
  const roles = useRoles().data?.roles ?? [];
  const assign = useAssignRoles();
  const update = useUpdateMember();
  return (
    <ModalForm<RoleValues>
      title={t('member.assignRolesTitle', { name: member.user_name })}
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{
        role_ids: member.roles.map((role) => role.id),
        supervisor_id: member.supervisor_id ?? undefined,
      }}
      onFinish={async (values) => {
        try {
          const result = await assign.mutateAsync({ id: member.id, roleIds: values.role_ids });
          const wantsSupervisor = mayHaveSupervisor(codesOf(roles, values.role_ids));
          const supervisorId = wantsSupervisor ? (values.supervisor_id ?? null) : null;
          if (supervisorId !== (result.member.supervisor_id ?? null)) {
            await update.mutateAsync({ id: member.id, body: { supervisor_id: supervisorId } });
          }
          notifySuccess(t('common:saved'));
          if (result.detached_account_managers > 0) {
            notifyWarning(t('member.detached', { count: result.detached_account_managers }));
          }
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <RoleCheckboxes roles={roles} />
      <SupervisorForTickedRoles roles={roles} memberId={member.id} />
    </ModalForm>
  );
}

interface ResetValues {
  new_password: string;
  confirm_password: string;
}

/** 修改密码 for a member: the admin sets a new initial password the member must change at next login. */
export function ResetPasswordForm({
  member,
  trigger,
  open,
  onOpenChange,
  onSaved,
}: MemberActionProps) {
  const { t } = useTranslation(['org', 'common']);
  const [form] = Form.useForm<ResetValues>();
  const reset = useResetMemberPassword();
  return (
    <ModalForm<ResetValues>
      title={t('member.resetPasswordTitle', { name: member.user_name })}
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (values) => {
        try {
          await reset.mutateAsync({ id: member.id, password: values.new_password });
          notifySuccess(t('member.passwordReset', { name: member.user_name }));
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <Alert
        type="info"
        showIcon
        message={t('member.resetPasswordHint')}
        style={{ marginBottom: 16 }}
      />
      <ProFormText.Password
        name="new_password"
        label={t('member.fields.newPassword')}
        extra={t('common:password.policy')}
        rules={newPasswordRules(() => member.user_name)}
        fieldProps={{ autoComplete: 'new-password' }}
      />
      <ProFormText.Password
        name="confirm_password"
        label={t('common:password.confirm')}
        dependencies={['new_password']}
        rules={confirmPasswordRules('new_password')}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </ModalForm>
  );
}

import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { Member } from '../../api/types';
import { confirmPasswordRules, newPasswordRules } from '../profile/password-rules';
import { useCreateMember, useRoles, useUpdateMember } from './queries';
import { codesOf, RoleCheckboxes, SupervisorForTickedRoles, SupervisorSelect } from './role-picker';
import { mayHaveSupervisor } from './role-rules';

interface MemberValues {
  user_name: string;
  display_name: string;
  email?: string;
  phone?: string;
  password?: string;
  confirm_password?: string;
  role_ids?: string[];
  supervisor_id?: string;
}

interface MemberFormProps {
  /** The member to edit; absent to create one. */
  member?: Member;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onSaved: () => void;
}

/** Member information (create: 创建人员 with initial password and roles; edit: 修改). */
export function MemberForm({ member, trigger, open, onOpenChange, onSaved }: MemberFormProps) {
  const { t } = useTranslation(['org', 'common']);
  const [form] = Form.useForm<MemberValues>();
  const roles = useRoles().data?.roles ?? [];
  const create = useCreateMember();
  const update = useUpdateMember();
  const editing = member !== undefined;
  const memberCodes = member?.roles.map((role) => role.code) ?? [];

  const submit = async (values: MemberValues) => {
    const contact = { email: values.email?.trim() ?? '', phone: values.phone?.trim() ?? '' };
    try {
      if (member) {
        await update.mutateAsync({
          id: member.id,
          body: {
            display_name: values.display_name.trim(),
            ...contact,
            ...(mayHaveSupervisor(memberCodes)
              ? { supervisor_id: values.supervisor_id ?? null }
              : {}),
          },
        });
      } else {
        const roleIds = values.role_ids ?? [];
        await create.mutateAsync({
          user_name: values.user_name.trim(),
          display_name: values.display_name.trim(),
          ...contact,
          password: values.password ?? '',
          role_ids: roleIds,
          ...(values.supervisor_id && mayHaveSupervisor(codesOf(roles, roleIds))
            ? { supervisor_id: values.supervisor_id }
            : {}),
        });
      }
      notifySuccess(editing ? t('common:saved') : t('member.created', { name: values.user_name }));
      onSaved();
      return true;
    } catch (error) {
      showErrorOnForm(form, error);
      return false;
    }
  };

  return (
    <ModalForm<MemberValues>
      title={editing ? t('member.editTitle', { name: member.user_name }) : t('member.createTitle')}
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={640}
      grid
      rowProps={{ gutter: 16 }}
      modalProps={{ destroyOnHidden: true }}
      initialValues={
        member
          ? {
              user_name: member.user_name,
              display_name: member.display_name,
              email: member.email,
              phone: member.phone,
              supervisor_id: member.supervisor_id ?? undefined,
            }
          : { role_ids: [] }
      }
      onFinish={submit}
    >
      <ProFormText
        name="user_name"
        colProps={{ span: 12 }}
        label={t('member.fields.userName')}
        disabled={editing}
        extra={editing ? undefined : t('member.userNameHint')}
        rules={[
          { required: true, message: t('member.rules.userName') },
          {
            pattern: /^[A-Za-z_.-][A-Za-z0-9_.-]{0,63}$/,
            message: t('member.rules.userNamePattern'),
          },
        ]}
        fieldProps={{ autoComplete: 'off' }}
      />
      <ProFormText
        name="display_name"
        colProps={{ span: 12 }}
        label={t('member.fields.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('member.rules.displayName') },
          { max: 64, message: t('member.rules.max', { count: 64 }) },
        ]}
      />
      <ProFormText
        name="email"
        colProps={{ span: 12 }}
        label={t('member.fields.email')}
        rules={[{ type: 'email', message: t('member.rules.email') }]}
      />
      <ProFormText
        name="phone"
        colProps={{ span: 12 }}
        label={t('member.fields.phone')}
        rules={[{ pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('member.rules.phone') }]}
      />
      {!editing && (
        <>
          <ProFormText.Password
            name="password"
            colProps={{ span: 12 }}
            label={t('member.fields.initialPassword')}
            extra={t('member.initialPasswordHint')}
            dependencies={['user_name']}
            rules={newPasswordRules(() => form.getFieldValue('user_name') as string | undefined)}
            fieldProps={{ autoComplete: 'new-password' }}
          />
          <ProFormText.Password
            name="confirm_password"
            colProps={{ span: 12 }}
            label={t('common:password.confirm')}
            dependencies={['password']}
            rules={confirmPasswordRules('password')}
            fieldProps={{ autoComplete: 'new-password' }}
          />
          <RoleCheckboxes roles={roles} />
          <SupervisorForTickedRoles roles={roles} />
        </>
      )}
      {editing && mayHaveSupervisor(memberCodes) && (
        <SupervisorSelect roles={roles} memberId={member.id} />
      )}
    </ModalForm>
  );
}

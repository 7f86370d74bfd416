import { ModalForm, ProFormRadio, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, Checkbox, Form, Spin, Typography } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { DataScope, PermissionItem, Role } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { useCreateRole, usePermissionCatalogue, useUpdateRole } from './queries';

interface RoleValues {
  name: string;
  description?: string;
  data_scope: DataScope;
  permissions: string[];
}

interface RoleFormProps {
  /** The role to edit or (for presets) to view; absent to create a custom role. */
  role?: Role;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onSaved: () => void;
}

/** The permission catalogue grouped for the editor, groups in the server's order. */
function groupPermissions(items: readonly PermissionItem[]): [string, PermissionItem[]][] {
  const groups = new Map<string, PermissionItem[]>();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item]);
  return [...groups];
}

/**
 * 创建自定义角色 / 编辑权限 (P-60 角色管理): name, data scope and the permission items by group.
 * Preset roles open read-only, since their rights are fixed (R-ORG-07, R-ORG-08).
 */
export function RoleForm({ role, trigger, open, onOpenChange, onSaved }: RoleFormProps) {
  const { t } = useTranslation(['org', 'common']);
  const [form] = Form.useForm<RoleValues>();
  const catalogue = usePermissionCatalogue();
  const create = useCreateRole();
  const update = useUpdateRole();
  const readOnly = role?.is_preset ?? false;
  const english = currentLanguage() === 'en-US';
  const title = readOnly
    ? t('role.viewTitle', { name: role?.name })
    : role
      ? t('role.editTitle', { name: role.name })
      : t('role.createTitle');

  return (
    <ModalForm<RoleValues>
      title={title}
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={640}
      readonly={readOnly}
      submitter={readOnly ? false : undefined}
      modalProps={{ destroyOnHidden: true }}
      initialValues={
        role
          ? {
              name: role.name,
              description: role.description,
              data_scope: role.data_scope,
              permissions: role.permissions,
            }
          : { data_scope: 'all', permissions: [] }
      }
      onFinish={async (values) => {
        const body = {
          name: values.name.trim(),
          description: values.description?.trim() ?? '',
          data_scope: values.data_scope,
          permissions: values.permissions,
        };
        try {
          if (role) await update.mutateAsync({ id: role.id, body });
          else await create.mutateAsync(body);
          notifySuccess(role ? t('common:saved') : t('role.created', { name: body.name }));
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      {readOnly && (
        <Alert type="info" showIcon message={t('role.presetHint')} style={{ marginBottom: 16 }} />
      )}
      <ProFormText
        name="name"
        label={t('role.fields.name')}
        rules={[
          { required: true, whitespace: true, message: t('role.rules.name') },
          { max: 64, message: t('member.rules.max', { count: 64 }) },
        ]}
      />
      <ProFormTextArea
        name="description"
        label={t('role.fields.description')}
        rules={[{ max: 255, message: t('member.rules.max', { count: 255 }) }]}
        fieldProps={{ autoSize: { minRows: 2, maxRows: 4 } }}
      />
      <ProFormRadio.Group
        name="data_scope"
        label={t('role.fields.dataScope')}
        extra={t('role.dataScopeHint')}
        options={(['all', 'team', 'mine'] as const).map((scope) => ({
          value: scope,
          label: t(`role.dataScope.${scope}`),
        }))}
      />
      <Typography.Text strong>{t('role.fields.permissions')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('role.defaultPermissionsHint')}
      </Typography.Paragraph>
      {catalogue.isPending ? (
        <Spin />
      ) : (
        <Form.Item
          name="permissions"
          rules={[{ required: true, type: 'array', min: 1, message: t('role.rules.permissions') }]}
        >
          <PermissionGroups
            groups={groupPermissions(catalogue.data?.permissions ?? [])}
            english={english}
            readOnly={readOnly}
          />
        </Form.Item>
      )}
    </ModalForm>
  );
}

interface PermissionGroupsProps {
  groups: [string, PermissionItem[]][];
  english: boolean;
  readOnly: boolean;
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** One checkbox row per permission group, editing a single flat list of codes. */
function PermissionGroups({
  groups,
  english,
  readOnly,
  value = [],
  onChange,
}: PermissionGroupsProps) {
  const { t } = useTranslation(['org', 'common']);
  return (
    <div className="huoban-permission-groups">
      {groups.map(([group, items]) => {
        const codes = items.map((item) => item.code);
        return (
          <div key={group} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">
              {t(`role.permissionGroups.${group}`, { defaultValue: group })}
            </Typography.Text>
            <div>
              <Checkbox.Group
                disabled={readOnly}
                value={value.filter((code) => codes.includes(code))}
                onChange={(checked) => {
                  const others = value.filter((code) => !codes.includes(code));
                  onChange?.([...others, ...checked]);
                }}
                options={items.map((item) => ({
                  value: item.code,
                  label: english ? item.name_en : item.name_zh,
                }))}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { Role } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { loadTablePage } from '../../components/table-request';
import { roleQueries, useDeleteRole } from './queries';
import { RoleForm } from './role-form';
import { CUSTOM_ROLE_LIMIT, roleDisplayName } from './role-rules';

async function loadRoles() {
  const result = await queryClient.query(roleQueries.list());
  return { rows: result.roles, total: result.total_count };
}

/** 组织 > 组织成员 > 角色管理 (P-60): preset and custom roles. */
export function RoleList() {
  const { t } = useTranslation(['org', 'common']);
  const { t: tOrg } = useTranslation('org');
  const { modal } = App.useApp();
  const access = useAccess();
  const actionRef = useRef<ActionType>(null);
  const [customCount, setCustomCount] = useState(0);
  /** The role whose dialog is open, or 'new' for the create dialog. */
  const [opened, setOpened] = useState<Role | 'new' | null>(null);
  const remove = useDeleteRole();
  const reload = () => void actionRef.current?.reload();

  const confirmDelete = (role: Role) =>
    void modal.confirm({
      title: t('role.confirmDelete', { name: role.name }),
      okText: t('common:actions.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await remove.mutateAsync(role.id);
        notifySuccess(t('role.deleted', { name: role.name }));
        reload();
      },
    });

  const scopeText = (role: Role) => t(`role.dataScope.${role.data_scope}`);
  const typeText = (role: Role) => (role.is_preset ? t('role.preset') : t('role.custom'));

  const columns: ProColumns<Role>[] = [
    {
      title: t('role.fields.name'),
      dataIndex: 'name',
      render: (_, role) => roleDisplayName(role, tOrg),
    },
    {
      title: t('role.fields.type'),
      dataIndex: 'is_preset',
      render: (_, role) => <Tag color={role.is_preset ? 'blue' : 'default'}>{typeText(role)}</Tag>,
    },
    { title: t('role.fields.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('role.fields.dataScope'),
      dataIndex: 'data_scope',
      render: (_, role) => scopeText(role),
    },
    { title: t('role.fields.memberCount'), dataIndex: 'member_count', valueType: 'digit' },
    { title: t('role.fields.createdAt'), dataIndex: 'created_at', valueType: 'dateTime' },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 180,
      render: (_, role) => {
        const editable = access.canManageRoles && !role.is_preset;
        const deletable = editable && role.member_count === 0;
        return [
          <a key="open" onClick={() => setOpened(role)}>
            {editable ? t('role.editPermissions') : t('common:actions.detail')}
          </a>,
          editable &&
            (deletable ? (
              <a key="delete" onClick={() => confirmDelete(role)}>
                {t('common:actions.delete')}
              </a>
            ) : (
              <Tooltip key="delete" title={t('role.deleteBlocked')}>
                <Button type="link" size="small" disabled style={{ padding: 0 }}>
                  {t('common:actions.delete')}
                </Button>
              </Tooltip>
            )),
        ];
      },
    },
  ];

  const csvColumns: CsvColumn<Role>[] = [
    { title: t('role.fields.name'), value: (role) => roleDisplayName(role, tOrg) },
    { title: t('role.fields.type'), value: typeText },
    { title: t('role.fields.description'), value: (role) => role.description },
    { title: t('role.fields.dataScope'), value: scopeText },
    { title: t('role.fields.memberCount'), value: (role) => role.member_count },
    { title: t('role.fields.createdAt'), value: (role) => formatDateTime(role.created_at) },
  ];

  const atLimit = customCount >= CUSTOM_ROLE_LIMIT;
  return (
    <>
      <ProTable<Role>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={() =>
          loadTablePage(async () => {
            const page = await loadRoles();
            setCustomCount(page.rows.filter((role) => !role.is_preset).length);
            return page;
          })
        }
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('role.listTitle', { count: customCount, limit: CUSTOM_ROLE_LIMIT })}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('role.exportName')}
            columns={csvColumns}
            fetchRows={async () => (await loadRoles()).rows}
          />,
          access.canManageRoles && (
            <Tooltip
              key="create"
              title={atLimit ? t('role.limitReached', { limit: CUSTOM_ROLE_LIMIT }) : undefined}
            >
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={atLimit}
                onClick={() => setOpened('new')}
              >
                {t('role.create')}
              </Button>
            </Tooltip>
          ),
        ]}
      />
      {opened && (
        <RoleForm
          role={opened === 'new' ? undefined : opened}
          open
          onOpenChange={(open) => !open && setOpened(null)}
          onSaved={reload}
        />
      )}
    </>
  );
}

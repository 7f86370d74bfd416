import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Dropdown } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { Member, MemberQuery } from '../../api/types';
import { ExportButton } from '../../components/export-button';
import { useSensitiveToggle } from '../../components/sensitive';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import { AssignRolesForm, ResetPasswordForm } from './member-actions';
import { memberColumns, memberCsvColumns } from './member-columns';
import { MemberDetail } from './member-detail';
import { MemberForm } from './member-form';
import { memberQueries, useDeleteMember, useRoles, useSetMemberStatus } from './queries';

type MemberDialog = { kind: 'edit' | 'roles' | 'password'; member: Member };

async function loadMembers(
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const query: MemberQuery = { ...filters, ...page };
  const result = await queryClient.query(memberQueries.list(query));
  return { rows: result.members, total: result.total_count };
}

/** 组织 > 组织成员 > 人员管理 (P-60). */
export function MemberList() {
  const { t } = useTranslation(['org', 'common']);
  const { modal } = App.useApp();
  const access = useAccess();
  const actionRef = useRef<ActionType>(null);
  const roles = useRoles().data?.roles ?? [];
  const sensitive = useSensitiveToggle();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [detail, setDetail] = useState<Member | null>(null);
  const [dialog, setDialog] = useState<MemberDialog | null>(null);
  const setStatus = useSetMemberStatus();
  const remove = useDeleteMember();
  const reload = () => void actionRef.current?.reload();

  const confirmStatus = (member: Member, action: 'disable' | 'enable') =>
    void modal.confirm({
      title: t(action === 'disable' ? 'member.confirmDisable' : 'member.confirmEnable', {
        name: member.user_name,
      }),
      content: action === 'disable' ? t('member.disableHint') : undefined,
      okButtonProps: { danger: action === 'disable' },
      onOk: async () => {
        await setStatus.mutateAsync({ id: member.id, action });
        notifySuccess(t('common:saved'));
        reload();
      },
    });

  const confirmDelete = (member: Member) =>
    void modal.confirm({
      title: t('member.confirmDelete', { name: member.user_name }),
      content: t('member.deleteHint'),
      okText: t('common:actions.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await remove.mutateAsync(member.id);
        notifySuccess(t('member.deleted', { name: member.user_name }));
        reload();
      },
    });

  const actions: ProColumns<Member> = {
    title: t('common:actions.operation'),
    valueType: 'option',
    fixed: 'right',
    width: 170,
    render: (_, member) => [
      <a key="detail" onClick={() => setDetail(member)}>
        {t('common:actions.detail')}
      </a>,
      ...(access.canManageMembers && !member.is_owner
        ? [
            <a key="edit" onClick={() => setDialog({ kind: 'edit', member })}>
              {t('common:actions.edit')}
            </a>,
            <Dropdown
              key="more"
              menu={{
                items: [
                  { key: 'roles', label: t('member.assignRoles') },
                  { key: 'password', label: t('member.resetPassword') },
                  member.status === 'active'
                    ? { key: 'disable', label: t('common:actions.disable') }
                    : { key: 'enable', label: t('common:actions.enable') },
                  { key: 'delete', label: t('common:actions.delete'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'roles') setDialog({ kind: 'roles', member });
                  if (key === 'password') setDialog({ kind: 'password', member });
                  if (key === 'disable' || key === 'enable') confirmStatus(member, key);
                  if (key === 'delete') confirmDelete(member);
                },
              }}
            >
              <a aria-label={`${t('common:actions.more')} ${member.user_name}`}>
                {t('common:actions.more')} <DownOutlined />
              </a>
            </Dropdown>,
          ]
        : []),
    ],
  };

  const closeDialog = (open: boolean) => {
    if (!open) setDialog(null);
  };

  return (
    <>
      <ProTable<Member, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={memberColumns({
          t,
          roles,
          revealed: sensitive.revealed,
          toggleRevealed: sensitive.toggle,
          actions,
        })}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadMembers(current, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        scroll={{ x: 1300 }}
        columnsState={{
          defaultValue: { created_at: { show: false }, last_login_at: { show: false } },
        }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('member.listTitle')}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('member.exportName')}
            columns={memberCsvColumns(t)}
            fetchRows={() => fetchAllRows((page) => loadMembers(filters, page))}
          />,
          access.canManageMembers && (
            <MemberForm
              key="create"
              onSaved={reload}
              trigger={
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('member.create')}
                </Button>
              }
            />
          ),
        ]}
      />
      <MemberDetail member={detail} onClose={() => setDetail(null)} />
      {dialog?.kind === 'edit' && (
        <MemberForm member={dialog.member} open onOpenChange={closeDialog} onSaved={reload} />
      )}
      {dialog?.kind === 'roles' && (
        <AssignRolesForm member={dialog.member} open onOpenChange={closeDialog} onSaved={reload} />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordForm
          member={dialog.member}
          open
          onOpenChange={closeDialog}
          onSaved={reload}
        />
      )}
    </>
  );
}

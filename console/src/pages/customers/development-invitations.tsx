import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import {
  dateRangeSearch,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import {
  developmentApi,
  useInvitationAction,
  type Invitation,
  type InvitationStatus,
} from './development-queries';
import { canResend, canRevoke, listFilters } from './development-rules';

/** 邀请记录 tab: e-mail invitations with their status at the current time, resend and revoke. */
export function DevelopmentInvitations() {
  const { t } = useTranslation(['development', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const action = useInvitationAction();

  const statusOptions: StatusOptions<InvitationStatus> = {
    invited: { text: t('invitationStatus.invited'), tone: 'processing' },
    associated: { text: t('invitationStatus.associated'), tone: 'success' },
    failed: { text: t('invitationStatus.failed'), tone: 'error' },
    expired: { text: t('invitationStatus.expired'), tone: 'default' },
    revoked: { text: t('invitationStatus.revoked'), tone: 'warning' },
  };

  const resend = async (row: Invitation) => {
    await action.mutateAsync({ id: row.id, action: 'resend' });
    notifySuccess(t('invitation.resent'));
    void actionRef.current?.reload();
  };

  const confirmRevoke = (row: Invitation) => {
    void modal.confirm({
      title: t('invitation.revokeConfirm', { email: row.email }),
      content: t('invitation.revokeHint'),
      okText: t('invitation.revoke'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await action.mutateAsync({ id: row.id, action: 'revoke' });
        notifySuccess(t('invitation.revoked'));
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<Invitation>[] = [
    { title: t('invitation.email'), dataIndex: 'email', ellipsis: true },
    {
      title: t('invitation.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, row) => <StatusTag value={row.status} options={statusOptions} />,
    },
    {
      title: t('prereg.associationType'),
      dataIndex: 'association_type',
      search: false,
      render: (_, row) => t(`associationType.${row.association_type}`),
    },
    {
      title: t('invitation.sentAt'),
      dataIndex: 'sent_at',
      valueType: 'dateRange',
      render: (_, row) => formatDateTime(row.sent_at),
      search: dateRangeSearch('sent_from', 'sent_to'),
    },
    {
      title: t('invitation.expiresAt'),
      dataIndex: 'expires_at',
      search: false,
      render: (_, row) => formatDateTime(row.expires_at) || '-',
    },
    { title: t('invitation.resendCount'), dataIndex: 'resend_count', search: false },
    { title: t('invitation.inviter'), dataIndex: ['inviter', 'user_name'], search: false },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      render: (_, row) => [
        ...(canResend(row.status)
          ? [
              <a key="resend" onClick={() => void resend(row)}>
                {t('invitation.resend')}
              </a>,
            ]
          : []),
        ...(canRevoke(row.status)
          ? [
              <a key="revoke" onClick={() => confirmRevoke(row)}>
                {t('invitation.revoke')}
              </a>,
            ]
          : []),
      ],
    },
  ];

  return (
    <ProTable<Invitation, TableParams>
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      request={(params) => {
        const { page, filters: all } = splitTableParams(params);
        const filters = listFilters(all);
        return loadTablePage(async () => {
          const result = await developmentApi.invitations({
            ...filters,
            ...page,
            channel: 'email',
          });
          return { rows: result.invitations, total: result.total_count };
        });
      }}
      form={{ syncToUrl: true }}
      search={{ labelWidth: 'auto' }}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
      }}
      options={{ density: false, setting: true, reload: true }}
      headerTitle={t('invitation.listTitle')}
    />
  );
}

import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Empty } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import {
  authorizationQueries,
  useDecideAuthorization,
  type PortalAuthorization,
  type PortalAuthorizationQuery,
} from '../../pages/customers/authorization-queries';
import {
  authorizationStatuses,
  decisionsFor,
  type AuthorizationStatus,
  type CustomerDecision,
} from '../../pages/customers/authorization-rules';

function toQuery(filters: Record<string, string>): PortalAuthorizationQuery {
  const status = authorizationStatuses.find((value) => value === filters.status);
  return status ? { status } : {};
}

async function loadPage(query: PortalAuthorizationQuery, page: { offset: number; limit: number }) {
  const result = await queryClient.query(authorizationQueries.portal({ ...query, ...page }));
  return { rows: result.authorizations, total: result.total_count };
}

/**
 * 客户授权 in the customer portal (SM-19, "My Partner"): the partner's requests to act on the
 * customer's behalf, newest first, with approve / reject for a pending one and revoke for a
 * granted one, each confirmed naming the partner. A token the partner assumed stops at once
 * after a revoke.
 */
export function PortalAuthorizationsPage() {
  const { t } = useTranslation(['authorization', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const decide = useDecideAuthorization();
  const [query, setQuery] = useState<PortalAuthorizationQuery>({});

  const statusOptions: StatusOptions<AuthorizationStatus> = {
    pending: { text: t('statuses.pending'), tone: 'processing' },
    authorized: { text: t('statuses.authorized'), tone: 'success' },
    rejected: { text: t('statuses.rejected'), tone: 'error' },
    revoked: { text: t('statuses.revoked'), tone: 'default' },
  };

  const confirm = (row: PortalAuthorization, decision: CustomerDecision) => {
    const partner = row.partner_name || row.partner_id;
    void modal.confirm({
      title: t(`portal.${decision}Confirm`, { partner }),
      content:
        decision === 'approve'
          ? t('portal.approveHint', { partner })
          : decision === 'revoke'
            ? t('portal.revokeHint', { partner })
            : undefined,
      okText: t(`portal.${decision}`),
      okButtonProps: { danger: decision !== 'approve' },
      onOk: async () => {
        await decide.mutateAsync({ authorizationId: row.id, decision });
        notifySuccess(
          t(
            decision === 'approve'
              ? 'portal.approved'
              : decision === 'reject'
                ? 'portal.rejected'
                : 'portal.revoked',
          ),
        );
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<PortalAuthorization>[] = [
    { title: t('fields.partner'), dataIndex: 'partner_name', search: false },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      valueEnum: toValueEnum(statusOptions),
      render: (_, row) => <StatusTag value={row.status} options={statusOptions} />,
    },
    { title: t('fields.requestedBy'), dataIndex: 'requested_by', search: false },
    {
      title: t('fields.requestedAt'),
      dataIndex: 'requested_at',
      valueType: 'dateTime',
      search: false,
    },
    { title: t('fields.decidedAt'), dataIndex: 'decided_at', valueType: 'dateTime', search: false },
    {
      title: t('fields.revokedAt'),
      dataIndex: 'revoked_at',
      search: false,
      render: (_, row) =>
        row.revoked_at ? `${formatDateTime(row.revoked_at)} · ${row.revoked_by}` : '-',
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 140,
      render: (_, row) =>
        decisionsFor(row.status).map((decision) => (
          <a key={decision} onClick={() => confirm(row, decision)}>
            {t(`portal.${decision}`)}
          </a>
        )),
    },
  ];

  const csvColumns: CsvColumn<PortalAuthorization>[] = [
    { title: t('fields.partner'), value: (row) => row.partner_name },
    { title: t('fields.status'), value: (row) => statusOptions[row.status].text },
    { title: t('fields.requestedBy'), value: (row) => row.requested_by },
    { title: t('fields.requestedAt'), value: (row) => formatDateTime(row.requested_at) },
    { title: t('fields.decidedAt'), value: (row) => formatDateTime(row.decided_at) },
    { title: t('fields.revokedAt'), value: (row) => formatDateTime(row.revoked_at) },
    { title: t('fields.revokedBy'), value: (row) => row.revoked_by },
  ];

  return (
    <PageShell title={t('portal.title')} content={t('portal.intro')}>
      <ProTable<PortalAuthorization, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters } = splitTableParams(params);
          const current = toQuery(filters);
          setQuery(current);
          return loadTablePage(() => loadPage(current, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: <Empty description={t('portal.empty')} /> }}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('portal.exportFile')}
            columns={csvColumns}
            fetchRows={() => fetchAllRows((page) => loadPage(query, page))}
          />,
        ]}
      />
    </PageShell>
  );
}

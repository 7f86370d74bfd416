import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Empty, Typography } from 'antd';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { accessConfigQueries, exportBindingNotifications } from './queries';
import type { BindingNotification, BindingNotificationQuery, NotificationStatus } from './types';

/**
 * The delivery log of binding notifications: one row per notification with its attempts and
 * the partner's last answer; filters in the URL, paging and server-built CSV/XLSX exports.
 */
export function BindingNotificationLog({ actionRef }: { actionRef: Ref<ActionType | undefined> }) {
  const { t } = useTranslation(['access-config', 'common']);
  const [filters, setFilters] = useState<BindingNotificationQuery>({});
  const [exporting, setExporting] = useState(false);

  const statusOptions: StatusOptions<NotificationStatus> = {
    pending: { text: t('log.status.pending'), tone: 'processing' },
    delivered: { text: t('log.status.delivered'), tone: 'success' },
    failed: { text: t('log.status.failed'), tone: 'error' },
  };

  const columns: ProColumns<BindingNotification>[] = [
    {
      title: t('log.fields.createdAt'),
      dataIndex: 'created_at',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('log.fields.customer'),
      dataIndex: 'domain_name',
      width: 200,
      ellipsis: true,
      render: (_, row) => (
        <span title={row.customer_id ?? undefined}>
          {row.domain_name}
          {row.is_test && <Typography.Text type="secondary"> ({t('log.test')})</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('log.fields.bindAction'),
      dataIndex: 'bind_action',
      width: 110,
      valueType: 'select',
      valueEnum: { '0': { text: t('log.bindAction.0') }, '1': { text: t('log.bindAction.1') } },
    },
    {
      title: t('log.fields.status'),
      dataIndex: 'status',
      width: 110,
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, row) => <StatusTag value={row.status} options={statusOptions} />,
    },
    {
      title: t('log.fields.isTest'),
      dataIndex: 'is_test',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { true: { text: t('log.testOnly') }, false: { text: t('log.realOnly') } },
    },
    { title: t('log.fields.attempts'), dataIndex: 'attempts', search: false, width: 90 },
    {
      title: t('log.fields.lastResponse'),
      dataIndex: 'last_response_status',
      search: false,
      width: 230,
      ellipsis: true,
      render: (_, row) =>
        row.last_error !== ''
          ? row.last_error
          : row.last_response_status === null
            ? '-'
            : `HTTP ${row.last_response_status}`,
    },
    {
      title: t('log.fields.lastAttemptAt'),
      dataIndex: 'last_attempt_at',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('log.fields.deliveredAt'),
      dataIndex: 'delivered_at',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    { title: t('log.fields.url'), dataIndex: 'url', search: false, ellipsis: true, width: 240 },
  ];

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportBindingNotifications(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <ProTable<BindingNotification, TableParams>
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      request={(params) => {
        const { page, filters: current } = splitTableParams(params);
        setFilters(current);
        return loadTablePage(async () => {
          const result = await queryClient.query(accessConfigQueries.log({ ...current, ...page }));
          return { rows: result.notifications, total: result.total_count };
        });
      }}
      form={{ syncToUrl: true }}
      search={{ labelWidth: 'auto', defaultCollapsed: true }}
      pagination={{
        defaultPageSize: 10,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
      }}
      scroll={{ x: 1500 }}
      options={{ density: false, setting: true, reload: true }}
      headerTitle={t('log.title')}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('log.empty')} />,
      }}
      toolBarRender={() => [
        <Dropdown
          key="export"
          menu={{
            items: [
              { key: 'csv', label: t('log.exportCsv') },
              { key: 'xlsx', label: t('log.exportXlsx') },
            ],
            onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx'),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={exporting}>
            {t('common:actions.export')}
          </Button>
        </Dropdown>,
      ]}
    />
  );
}

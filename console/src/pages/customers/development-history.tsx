import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import type { QueryParams } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import {
  dateRangeSearch,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import { listFilters } from './development-rules';
import { developmentApi, exportHistory, type Attempt } from './development-queries';

/**
 * 历史记录 tab: every association attempt through the caller's invitations; a failure shows its
 * cause (R-CUS-19) on hover. Exports the filtered rows as CSV or XLSX, names masked (X3).
 */
export function DevelopmentHistory() {
  const { t } = useTranslation(['development', 'common']);
  const [filters, setFilters] = useState<QueryParams>({});
  const [exporting, setExporting] = useState(false);

  const outcomeOptions: StatusOptions<Attempt['outcome']> = {
    associated: { text: t('outcome.associated'), tone: 'success' },
    failed: { text: t('outcome.failed'), tone: 'error' },
  };

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportHistory(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<Attempt>[] = [
    {
      title: t('history.occurredAt'),
      dataIndex: 'occurred_at',
      valueType: 'dateRange',
      render: (_, row) => formatDateTime(row.occurred_at),
      search: dateRangeSearch('occurred_from', 'occurred_to'),
    },
    { title: t('history.accountName'), dataIndex: 'account_name', ellipsis: true },
    {
      title: t('history.outcome'),
      dataIndex: 'outcome',
      valueType: 'select',
      valueEnum: toValueEnum(outcomeOptions),
      render: (_, row) =>
        row.outcome === 'failed' ? (
          <Tooltip title={t(`cause.${row.failure_cause}`, { defaultValue: row.failure_cause })}>
            <span data-testid="failure-cause">
              <StatusTag value={row.outcome} options={outcomeOptions} />
            </span>
          </Tooltip>
        ) : (
          <StatusTag value={row.outcome} options={outcomeOptions} />
        ),
    },
    {
      title: t('history.cause'),
      dataIndex: 'failure_cause',
      search: false,
      render: (_, row) =>
        row.failure_cause
          ? t(`cause.${row.failure_cause}`, { defaultValue: row.failure_cause })
          : '-',
    },
    {
      title: t('history.channel'),
      dataIndex: 'channel',
      search: false,
      render: (_, row) => t(`channel.${row.channel}`),
    },
    {
      title: t('prereg.associationType'),
      dataIndex: 'association_type',
      search: false,
      render: (_, row) => t(`associationType.${row.association_type}`),
    },
    { title: t('history.inviter'), dataIndex: ['inviter', 'user_name'], search: false },
  ];

  return (
    <ProTable<Attempt, TableParams>
      rowKey="id"
      columns={columns}
      request={(params) => {
        const { page, filters: all } = splitTableParams(params);
        const current = listFilters(all);
        setFilters(current);
        return loadTablePage(async () => {
          const result = await developmentApi.history({ ...current, ...page });
          return { rows: result.attempts, total: result.total_count };
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
      headerTitle={t('history.listTitle')}
      toolBarRender={() => [
        <Dropdown
          key="export"
          menu={{
            items: [
              { key: 'csv', label: t('history.exportCsv') },
              { key: 'xlsx', label: t('history.exportXlsx') },
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

import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { AuditEvent, AuditEventQuery } from '../../api/types';
import { PageShell } from '../../components/page-shell';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { auditQueries, exportAuditEvents } from './queries';

/** Event types and sources the audit trail records (server/src/platform/audit). */
const eventTypes = ['ConsoleAction', 'ApiCall', 'SystemEvent'] as const;
const eventSources = ['console', 'api', 'cli', 'system'] as const;

/** The search form's time range turned into the API's `from`/`to` (UTC ISO timestamps). */
function timeRange(value: unknown): Pick<AuditEventQuery, 'from' | 'to'> {
  if (!Array.isArray(value) || value.length !== 2) return {};
  const [from, to] = value.map((part: string | Dayjs) => dayjs(part));
  return {
    from: from?.isValid() ? from.toISOString() : undefined,
    to: to?.isValid() ? to.toISOString() : undefined,
  };
}

function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) {
    return <div className="huoban-json huoban-json-empty">-</div>;
  }
  return <pre className="huoban-json">{JSON.stringify(value, null, 2)}</pre>;
}

/**
 * 审计 > 操作日志 (§5.4): every write recorded with who, what, which resource, before/after,
 * request id and source IP; filters by event type, source, resource, actor, action and time.
 */
export function AuditEventList() {
  const { t } = useTranslation(['audit', 'common']);
  const [filters, setFilters] = useState<AuditEventQuery>({});
  const [exporting, setExporting] = useState(false);

  const columns: ProColumns<AuditEvent>[] = [
    {
      title: t('fields.occurredAt'),
      dataIndex: 'occurred_at',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('fields.timeRange'),
      dataIndex: 'time_range',
      valueType: 'dateTimeRange',
      hideInTable: true,
    },
    {
      title: t('fields.eventType'),
      dataIndex: 'event_type',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(eventTypes.map((type) => [type, { text: type }])),
    },
    {
      title: t('fields.eventSource'),
      dataIndex: 'event_source',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        eventSources.map((source) => [source, { text: t(`sources.${source}`) }]),
      ),
    },
    { title: t('fields.action'), dataIndex: 'action', width: 210, ellipsis: true },
    { title: t('fields.resourceType'), dataIndex: 'resource_type', width: 130, ellipsis: true },
    { title: t('fields.resourceName'), dataIndex: 'resource_name', width: 160, ellipsis: true },
    { title: t('fields.resourceId'), dataIndex: 'resource_id', hideInTable: true },
    {
      title: t('fields.actor'),
      dataIndex: 'actor',
      width: 170,
      ellipsis: true,
      render: (_, event) => (
        <span title={`${event.actor_type} ${event.actor_id}`}>
          {event.actor_name || event.actor_id}
        </span>
      ),
    },
    { title: t('fields.sourceIp'), dataIndex: 'source_ip', search: false, width: 130 },
    {
      title: t('fields.requestId'),
      dataIndex: 'request_id',
      search: false,
      width: 220,
      ellipsis: true,
      copyable: true,
    },
  ];

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportAuditEvents(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageShell title={t('title')} content={t('intro')}>
      <ProTable<AuditEvent, TableParams>
        rowKey="id"
        columns={columns}
        request={(params) => {
          const { time_range: range, ...rest } = params;
          const { page, filters: current } = splitTableParams(rest);
          const query: AuditEventQuery = { ...current, ...timeRange(range) };
          setFilters(query);
          return loadTablePage(async () => {
            const result = await queryClient.query(auditQueries.list({ ...query, ...page }));
            return { rows: result.events, total: result.total_count };
          });
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto', defaultCollapsed: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        scroll={{ x: 1550 }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('listTitle')}
        expandable={{
          expandedRowRender: (event) => (
            <div className="huoban-audit-change">
              <div>
                <Typography.Text strong>{t('fields.before')}</Typography.Text>
                <JsonBlock value={event.before} />
              </div>
              <div>
                <Typography.Text strong>{t('fields.after')}</Typography.Text>
                <JsonBlock value={event.after} />
              </div>
            </div>
          ),
        }}
        toolBarRender={() => [
          <Dropdown
            key="export"
            menu={{
              items: [
                { key: 'csv', label: t('exportCsv') },
                { key: 'xlsx', label: t('exportXlsx') },
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
    </PageShell>
  );
}

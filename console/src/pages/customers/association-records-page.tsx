import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Dropdown, Empty, Form, Input, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ActionType } from '@ant-design/pro-components';
import { useAccess } from '../../access';
import { notifySuccess, reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { PageShell } from '../../components/page-shell';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import {
  associationEvents,
  associationQueries,
  exportAssociationRecords,
  useDecideAssociationRequest,
  type AssociationRecord,
  type AssociationRecordQuery,
  type AssociationRequestStatus,
} from './association-queries';
import { isDecidable, toRecordQuery } from './association-rules';

const statusColors: Record<AssociationRequestStatus, string> = {
  pending_review: 'processing',
  review_failed: 'error',
  pending_customer: 'processing',
  pending_partner: 'warning',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/**
 * 销售 > 客户 > 客户管理 > 管理关联记录 (P-14): the association history of the customers in the
 * user's scope with filters (customer, event, time) in the URL, paging and export; administrators
 * approve or reject customers' disassociation requests here, with a confirmation naming the
 * customer (R-DIS-01, SM-4 待伙伴处理).
 */
export function AssociationRecordsPage() {
  const { t } = useTranslation(['association', 'common']);
  const { modal } = App.useApp();
  const access = useAccess();
  const actionRef = useRef<ActionType>(null);
  const decide = useDecideAssociationRequest();
  const [filters, setFilters] = useState<AssociationRecordQuery>({});
  const [exporting, setExporting] = useState(false);
  const [rejectForm] = Form.useForm<{ opinion: string }>();

  const reload = () => void actionRef.current?.reload();

  const confirmApprove = (record: AssociationRecord) => {
    const requestId = record.request?.id;
    if (!requestId) return;
    void modal.confirm({
      title: t('decide.approveTitle', { name: record.customer_account_name }),
      content: t('decide.approveHint'),
      okText: t('decide.approve'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await decide.mutateAsync({ requestId, approve: true });
        notifySuccess(t('decide.approved'));
        reload();
      },
    });
  };

  const confirmReject = (record: AssociationRecord) => {
    const requestId = record.request?.id;
    if (!requestId) return;
    rejectForm.resetFields();
    void modal.confirm({
      title: t('decide.rejectTitle', { name: record.customer_account_name }),
      icon: null,
      content: (
        <Form form={rejectForm} layout="vertical">
          <Form.Item
            name="opinion"
            label={t('decide.opinion')}
            rules={[{ required: true, whitespace: true, message: t('decide.opinionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1024} showCount />
          </Form.Item>
        </Form>
      ),
      okText: t('decide.reject'),
      onOk: async () => {
        const { opinion } = await rejectForm.validateFields();
        await decide.mutateAsync({ requestId, approve: false, opinion: opinion.trim() });
        notifySuccess(t('decide.rejected'));
        reload();
      },
    });
  };

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportAssociationRecords(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<AssociationRecord>[] = [
    {
      title: t('records.occurredAt'),
      dataIndex: 'occurred_at',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('records.occurredAt'),
      dataIndex: 'occurred_range',
      valueType: 'dateTimeRange',
      hideInTable: true,
    },
    {
      title: t('records.customer'),
      dataIndex: 'customer',
      width: 220,
      fieldProps: { placeholder: t('records.customerPlaceholder') },
      render: (_, record) => (
        <Link to={`/sales/customers/detail/${encodeURIComponent(record.customer_id)}`}>
          {record.customer_account_name}
        </Link>
      ),
    },
    {
      title: t('records.event'),
      dataIndex: 'event',
      width: 140,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        associationEvents.map((event) => [event, { text: t(`events.${event}`) }]),
      ),
    },
    {
      title: t('records.associationType'),
      dataIndex: 'association_type',
      search: false,
      width: 110,
      render: (_, record) => <Tag>{t(`types.${record.association_type}`)}</Tag>,
    },
    {
      title: t('records.request'),
      dataIndex: ['request', 'kind'],
      search: false,
      width: 180,
      render: (_, record) =>
        record.request ? (
          <>
            {t(`kinds.${record.request.kind}`)}
            <Typography.Text type="secondary">
              {' · '}
              {t(`initiators.${record.request.initiator}`)}
            </Typography.Text>
          </>
        ) : (
          '-'
        ),
    },
    {
      title: t('records.requestStatus'),
      dataIndex: ['request', 'status'],
      search: false,
      width: 120,
      render: (_, record) =>
        record.request ? (
          <Tag color={statusColors[record.request.status]}>
            {t(`statuses.${record.request.status}`)}
          </Tag>
        ) : (
          '-'
        ),
    },
    {
      title: t('records.reason'),
      dataIndex: ['request', 'reason'],
      search: false,
      ellipsis: true,
      width: 200,
    },
    {
      title: t('records.opinion'),
      dataIndex: ['request', 'opinion'],
      search: false,
      ellipsis: true,
      width: 200,
      // A request the operator's pre-review failed carries the reviewer's reason instead.
      render: (_, record) =>
        record.request?.status === 'review_failed'
          ? t('preReview.panelFailed', { opinion: record.request.review_opinion })
          : record.request?.opinion || '-',
    },
    { title: t('records.actor'), dataIndex: 'actor', search: false, width: 200, ellipsis: true },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      fixed: 'right',
      width: 130,
      render: (_, record) =>
        isDecidable(record, access.canDecideAssociationRequests)
          ? [
              <a key="approve" onClick={() => confirmApprove(record)}>
                {t('decide.approve')}
              </a>,
              <a key="reject" onClick={() => confirmReject(record)}>
                {t('decide.reject')}
              </a>,
            ]
          : [],
    },
  ];

  return (
    <PageShell title={t('records.title')} content={t('records.intro')}>
      <ProTable<AssociationRecord, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { occurred_range: range, ...rest } = params;
          const { page, filters: current } = splitTableParams(rest);
          const query = toRecordQuery(current, range);
          setFilters(query);
          return loadTablePage(async () => {
            const result = await queryClient.query(
              associationQueries.records({ ...query, ...page }),
            );
            return { rows: result.records, total: result.total_count };
          });
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
        }}
        scroll={{ x: 1700 }}
        locale={{ emptyText: <Empty description={t('records.empty')} /> }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('records.listTitle')}
        toolBarRender={() => [
          access.canExportCustomers && (
            <Dropdown
              key="export"
              menu={{
                items: [
                  { key: 'csv', label: t('records.exportCsv') },
                  { key: 'xlsx', label: t('records.exportXlsx') },
                ],
                onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx'),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting}>
                {t('common:actions.export')}
              </Button>
            </Dropdown>
          ),
        ]}
      />
    </PageShell>
  );
}

import {
  ModalForm,
  ProTable,
  ProFormTextArea,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Descriptions, Drawer, List, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import {
  realnameQueries,
  useApproveRealname,
  useRejectRealname,
  type RealnameApplication,
  type RealnameStatus,
} from './realname-review-queries';

async function loadApplications(
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const result = await queryClient.query(realnameQueries.applications({ ...filters, ...page }));
  return { rows: result.applications, total: result.total_count };
}

/** 运营 > 实名认证审核: the provider reviews the real-name applications partners submit for customers. */
export function RealnameReviewList() {
  const { t } = useTranslation(['operator', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [detail, setDetail] = useState<RealnameApplication | null>(null);
  const [rejecting, setRejecting] = useState<RealnameApplication | null>(null);
  const approve = useApproveRealname();
  const reject = useRejectRealname();
  const reload = () => void actionRef.current?.reload();

  const statusOptions: StatusOptions<RealnameStatus> = {
    in_review: { text: t('realname.status.in_review'), tone: 'processing' },
    approved: { text: t('realname.status.approved'), tone: 'success' },
    rejected: { text: t('realname.status.rejected'), tone: 'error' },
  };

  const confirmApprove = (application: RealnameApplication) => {
    void modal.confirm({
      title: t('realname.approve.confirm', {
        customer: application.customer_account_name,
        name: application.name,
      }),
      content: t('realname.approve.hint'),
      onOk: async () => {
        await approve.mutateAsync(application.id);
        notifySuccess(t('realname.approve.done', { customer: application.customer_account_name }));
        setDetail(null);
        reload();
      },
    });
  };

  const decisionLinks = (application: RealnameApplication) =>
    application.status === 'in_review'
      ? [
          <a key="approve" onClick={() => confirmApprove(application)}>
            {t('realname.approve.action')}
          </a>,
          <a key="reject" onClick={() => setRejecting(application)}>
            {t('realname.reject.action')}
          </a>,
        ]
      : [];

  const columns: ProColumns<RealnameApplication>[] = [
    {
      title: t('realname.fields.customer'),
      dataIndex: 'customer_account_name',
      search: false,
    },
    { title: t('realname.fields.partner'), dataIndex: 'partner_name', search: false },
    {
      title: t('realname.fields.kind'),
      dataIndex: 'kind',
      search: false,
      render: (_, application) => t(`realname.kind.${application.kind}`),
    },
    { title: t('realname.fields.name'), dataIndex: 'name', search: false },
    {
      title: t('realname.fields.verifiedNumber'),
      dataIndex: 'verified_number_masked',
      search: false,
    },
    {
      title: t('realname.fields.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, application) => <StatusTag value={application.status} options={statusOptions} />,
    },
    {
      title: t('realname.fields.createdAt'),
      dataIndex: 'created_at',
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('realname.fields.reviewedAt'),
      dataIndex: 'reviewed_at',
      valueType: 'dateTime',
      search: false,
    },
    { title: t('realname.fields.opinion'), dataIndex: 'opinion', ellipsis: true, search: false },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 160,
      render: (_, application) => [
        <a key="detail" onClick={() => setDetail(application)}>
          {t('common:actions.detail')}
        </a>,
        ...decisionLinks(application),
      ],
    },
  ];

  return (
    <PageShell title={t('realname.title')} content={t('realname.intro')}>
      <ProTable<RealnameApplication, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters } = splitTableParams(params);
          return loadTablePage(() => loadApplications(filters, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('realname.listTitle')}
      />
      <Drawer
        open={detail !== null}
        onClose={() => setDetail(null)}
        width={720}
        title={detail ? t('realname.detailTitle', { customer: detail.customer_account_name }) : ''}
        destroyOnHidden
        extra={detail && <Space>{decisionLinks(detail)}</Space>}
      >
        {detail && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <StatusTag value={detail.status} options={statusOptions} />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('realname.fields.customer')}>
                {detail.customer_account_name} ({detail.customer_id})
              </Descriptions.Item>
              <Descriptions.Item label={t('realname.fields.partner')}>
                {detail.partner_name}
              </Descriptions.Item>
              <Descriptions.Item label={t('realname.fields.kind')}>
                {t(`realname.kind.${detail.kind}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('realname.fields.identifyType')}>
                {detail.identify_type}
                {detail.document_type === null ? '' : ` / ${detail.document_type}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('realname.fields.name')}>{detail.name}</Descriptions.Item>
              <Descriptions.Item label={t('realname.fields.verifiedNumber')}>
                {detail.verified_number}
              </Descriptions.Item>
              {detail.reg_country !== null && (
                <Descriptions.Item label={t('realname.fields.regCountry')}>
                  {detail.reg_country}
                </Descriptions.Item>
              )}
              {detail.reg_address !== null && (
                <Descriptions.Item label={t('realname.fields.regAddress')}>
                  {detail.reg_address}
                </Descriptions.Item>
              )}
              {detail.enterprise_person && (
                <Descriptions.Item label={t('realname.fields.legalPerson')}>
                  {detail.enterprise_person.legel_name} / {detail.enterprise_person.legel_id_number}
                </Descriptions.Item>
              )}
              {detail.bank_card_info && (
                <Descriptions.Item label={t('realname.fields.bankCard')}>
                  {detail.bank_card_info.bank_account} / {detail.bank_card_info.mobile}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('realname.fields.createdAt')}>
                {formatDateTime(detail.created_at)}
              </Descriptions.Item>
              {detail.reviewed_by && (
                <Descriptions.Item label={t('realname.fields.reviewedBy')}>
                  {detail.reviewed_by} · {formatDateTime(detail.reviewed_at)}
                </Descriptions.Item>
              )}
              {detail.opinion !== '' && (
                <Descriptions.Item label={t('realname.fields.opinion')}>
                  {detail.opinion}
                </Descriptions.Item>
              )}
            </Descriptions>
            <List
              header={t('realname.fields.files')}
              bordered
              size="small"
              dataSource={detail.verified_file_url}
              renderItem={(path, index) => (
                <List.Item>
                  {index + 1}. download/{path}
                </List.Item>
              )}
            />
          </Space>
        )}
      </Drawer>
      <ModalForm<{ opinion: string }>
        title={
          rejecting ? t('realname.reject.title', { customer: rejecting.customer_account_name }) : ''
        }
        open={rejecting !== null}
        onOpenChange={(open) => !open && setRejecting(null)}
        width={520}
        modalProps={{ destroyOnHidden: true, okButtonProps: { danger: true } }}
        onFinish={async ({ opinion }) => {
          if (!rejecting) return false;
          try {
            await reject.mutateAsync({ id: rejecting.id, opinion: opinion.trim() });
            notifySuccess(t('realname.reject.done', { customer: rejecting.customer_account_name }));
            setDetail(null);
            reload();
            return true;
          } catch {
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="opinion"
          label={t('realname.fields.opinion')}
          extra={t('realname.reject.hint')}
          rules={[
            { required: true, whitespace: true, message: t('realname.reject.opinionRequired') },
            { max: 1024, message: t('realname.reject.opinionMax') },
          ]}
          fieldProps={{ autoSize: { minRows: 3, maxRows: 6 } }}
        />
      </ModalForm>
    </PageShell>
  );
}

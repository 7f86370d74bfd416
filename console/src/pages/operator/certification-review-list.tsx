import {
  ModalForm,
  ProTable,
  ProFormTextArea,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Drawer, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { CertificationReview, CertificationReviewQuery } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { StatusTag, toValueEnum } from '../../components/status-tag';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import { SubmissionDescriptions } from '../partners/certification-form';
import { certificationStatusOptions } from '../partners/partner-labels';
import {
  operatorQueries,
  useRejectCertification,
  useReviewDecision,
  type ReviewDecision,
} from './queries';

const decisionKeys = {
  approve: 'approve',
  'record-verification-failure': 'verificationFailure',
  unlock: 'unlock',
} as const satisfies Record<ReviewDecision, string>;

async function loadReviews(
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const query: CertificationReviewQuery = { ...filters, ...page };
  const result = await queryClient.query(operatorQueries.certifications(query));
  return { rows: result.certifications, total: result.total_count };
}

const reviewable = (review: CertificationReview) =>
  review.status === 'in_review' || review.status === 'change_in_review';

/** Amount verification (R-BIZ-06) happens only on a first certification, never on a change. */
const verifiable = (review: CertificationReview) => review.status === 'in_review';

/** 运营 > 商业信息审核: the provider reviews partners' business information (SM-18). */
export function CertificationReviewList() {
  const { t } = useTranslation(['operator', 'common']);
  const { t: tp } = useTranslation('partners');
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [detail, setDetail] = useState<CertificationReview | null>(null);
  const [rejecting, setRejecting] = useState<CertificationReview | null>(null);
  const decide = useReviewDecision();
  const reject = useRejectCertification();
  const statusOptions = certificationStatusOptions(tp);
  const reload = () => void actionRef.current?.reload();

  const confirmDecision = (review: CertificationReview, decision: ReviewDecision) => {
    const key = decisionKeys[decision];
    void modal.confirm({
      title: t(`certifications.${key}.confirm`, {
        name: review.partner_name,
        company: review.company_name,
      }),
      content: t(`certifications.${key}.hint`, { count: review.verification_failures }),
      okButtonProps: { danger: decision === 'record-verification-failure' },
      onOk: async () => {
        await decide.mutateAsync({ partnerId: review.partner_id, decision });
        notifySuccess(t(`certifications.${key}.done`, { name: review.partner_name }));
        setDetail(null);
        reload();
      },
    });
  };

  /** The decisions open for a review; recording a failed verification is offered in the drawer only. */
  const decisionLinks = (review: CertificationReview, inDrawer: boolean) => [
    ...(reviewable(review)
      ? [
          <a key="approve" onClick={() => confirmDecision(review, 'approve')}>
            {t('certifications.approve.action')}
          </a>,
          <a key="reject" onClick={() => setRejecting(review)}>
            {t('certifications.reject.action')}
          </a>,
        ]
      : []),
    ...(inDrawer && verifiable(review)
      ? [
          <a
            key="verification"
            onClick={() => confirmDecision(review, 'record-verification-failure')}
          >
            {t('certifications.verificationFailure.action')}
          </a>,
        ]
      : []),
    ...(review.status === 'locked'
      ? [
          <a key="unlock" onClick={() => confirmDecision(review, 'unlock')}>
            {t('certifications.unlock.action')}
          </a>,
        ]
      : []),
  ];

  const columns: ProColumns<CertificationReview>[] = [
    {
      title: t('certifications.fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('certifications.keywordPlaceholder') },
    },
    {
      title: t('certifications.fields.partnerName'),
      dataIndex: 'partner_name',
      search: false,
    },
    {
      title: t('certifications.fields.companyName'),
      dataIndex: 'company_name',
      search: false,
    },
    {
      title: t('certifications.fields.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, review) => <StatusTag value={review.status} options={statusOptions} />,
    },
    {
      title: t('certifications.fields.submittedAt'),
      dataIndex: 'submitted_at',
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('certifications.fields.reviewedAt'),
      dataIndex: 'reviewed_at',
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('certifications.fields.verificationFailures'),
      dataIndex: 'verification_failures',
      valueType: 'digit',
      search: false,
      width: 110,
    },
    {
      title: t('certifications.fields.failureReason'),
      dataIndex: 'failure_reason',
      ellipsis: true,
      search: false,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 200,
      render: (_, review) => [
        <a key="detail" onClick={() => setDetail(review)}>
          {t('common:actions.detail')}
        </a>,
        ...decisionLinks(review, false),
      ],
    },
  ];

  const csvColumns: CsvColumn<CertificationReview>[] = [
    { title: t('certifications.fields.partnerName'), value: (review) => review.partner_name },
    { title: t('certifications.fields.companyName'), value: (review) => review.company_name },
    {
      title: t('certifications.fields.status'),
      value: (review) => statusOptions[review.status].text,
    },
    {
      title: t('certifications.fields.submittedAt'),
      value: (review) => formatDateTime(review.submitted_at),
    },
    {
      title: t('certifications.fields.reviewedAt'),
      value: (review) => formatDateTime(review.reviewed_at),
    },
    {
      title: t('certifications.fields.failureReason'),
      value: (review) => review.failure_reason ?? '',
    },
  ];

  return (
    <PageShell title={t('certifications.title')} content={t('certifications.intro')}>
      <ProTable<CertificationReview, TableParams>
        rowKey="partner_id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadReviews(current, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('certifications.listTitle')}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('certifications.exportName')}
            columns={csvColumns}
            fetchRows={() => fetchAllRows((page) => loadReviews(filters, page))}
          />,
        ]}
      />
      <Drawer
        open={detail !== null}
        onClose={() => setDetail(null)}
        width={720}
        title={detail ? t('certifications.detailTitle', { name: detail.partner_name }) : ''}
        destroyOnHidden
        extra={detail && <Space>{decisionLinks(detail, true)}</Space>}
      >
        {detail && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <StatusTag value={detail.status} options={statusOptions} />
            {detail.submitted ? (
              <SubmissionDescriptions data={detail.submitted} column={1} />
            ) : (
              <span>{t('certifications.noSubmission')}</span>
            )}
          </Space>
        )}
      </Drawer>
      <ModalForm<{ reason: string }>
        title={rejecting ? t('certifications.reject.title', { name: rejecting.partner_name }) : ''}
        open={rejecting !== null}
        onOpenChange={(open) => !open && setRejecting(null)}
        width={520}
        modalProps={{ destroyOnHidden: true, okButtonProps: { danger: true } }}
        onFinish={async ({ reason }) => {
          if (!rejecting) return false;
          try {
            await reject.mutateAsync({ partnerId: rejecting.partner_id, reason: reason.trim() });
            notifySuccess(t('certifications.reject.done', { name: rejecting.partner_name }));
            setDetail(null);
            reload();
            return true;
          } catch {
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="reason"
          label={t('certifications.fields.reason')}
          extra={t('certifications.reject.hint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('certifications.reject.reasonRequired'),
            },
            { max: 1024, message: t('certifications.reject.reasonMax') },
          ]}
          fieldProps={{ autoSize: { minRows: 3, maxRows: 6 } }}
        />
      </ModalForm>
    </PageShell>
  );
}

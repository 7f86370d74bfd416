import {
  ModalForm,
  ProForm,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Card, Skeleton, Tabs } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { formatDateTime } from '../../components/format';
import { ListTable } from '../../components/list-table';
import { PageShell } from '../../components/page-shell';
import {
  preReviewQueries,
  useReviewRequest,
  useSavePreReviewSetting,
  type PreReviewItem,
  type PreReviewQueue,
} from './association-review-queries';

/** The switch and the reviewers' contact a partner sees beside a failed pre-review. */
function PreReviewSettingCard() {
  const { t } = useTranslation('association');
  const setting = useQuery(preReviewQueries.setting());
  const save = useSavePreReviewSetting();
  if (!setting.data) return <Skeleton active />;
  return (
    <Card title={t('preReview.settingTitle')} style={{ marginBottom: 16 }}>
      <ProForm<{ enabled: boolean; reviewer_contact: string }>
        layout="horizontal"
        initialValues={setting.data}
        submitter={{ searchConfig: { submitText: t('policy.save') }, resetButtonProps: false }}
        onFinish={async (values) => {
          await save.mutateAsync({
            enabled: values.enabled,
            reviewer_contact: values.reviewer_contact.trim(),
          });
          notifySuccess(t('preReview.saved'));
          return true;
        }}
      >
        <ProFormSwitch name="enabled" label={t('preReview.enabled')} />
        <ProFormText
          name="reviewer_contact"
          label={t('preReview.contact')}
          extra={t('preReview.contactHint')}
          width="lg"
          dependencies={['enabled']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                getFieldValue('enabled') === true && !value?.trim()
                  ? Promise.reject(new Error(t('preReview.contactRequired')))
                  : Promise.resolve(),
            }),
            { max: 255 },
          ]}
        />
      </ProForm>
      {setting.data.updated_at && (
        <div>
          {t('policy.updatedAt')}: {formatDateTime(setting.data.updated_at)} ·{' '}
          {t('policy.updatedBy')}: {setting.data.updated_by}
        </div>
      )}
    </Card>
  );
}

/**
 * 运营 > 解除关联预审 (R-DIS-06): with the pre-review on, a partner's disassociation request waits
 * here (预审中) before it reaches the customer; the operator passes it, or fails it with a reason
 * the partner sees beside the reviewers' contact. Every decision is audited and mailed.
 */
export function AssociationReviewPage() {
  const { t } = useTranslation(['association', 'common']);
  const { modal } = App.useApp();
  const [queue, setQueue] = useState<PreReviewQueue>('pending');
  const [failing, setFailing] = useState<PreReviewItem | null>(null);
  const actionRef = useRef<ActionType>(null);
  const review = useReviewRequest();
  const names = (item: PreReviewItem) => ({
    customer: item.customer_account_name,
    partner: item.partner_name,
  });

  const confirmPass = (item: PreReviewItem) => {
    void modal.confirm({
      title: t('preReview.passConfirm', names(item)),
      content: t('preReview.passHint'),
      onOk: async () => {
        await review.mutateAsync({ id: item.id, pass: true });
        notifySuccess(t('preReview.passed', names(item)));
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<PreReviewItem>[] = [
    { title: t('preReview.customer'), dataIndex: 'customer_account_name', search: false },
    { title: t('preReview.partner'), dataIndex: 'partner_name', search: false },
    { title: t('panel.requestedBy'), dataIndex: 'requested_by', search: false },
    { title: t('preReview.reason'), dataIndex: 'reason', ellipsis: true, search: false },
    {
      title: t('panel.createdAt'),
      dataIndex: 'created_at',
      search: false,
      render: (_, item) => formatDateTime(item.created_at),
    },
    {
      title: t('preReview.status'),
      dataIndex: 'status',
      search: false,
      render: (_, item) => t(`statuses.${item.status}`, { defaultValue: item.status }),
    },
    ...(queue === 'reviewed'
      ? [
          {
            title: t('preReview.reviewedBy'),
            dataIndex: 'reviewed_by',
            search: false,
            render: (_: unknown, item: PreReviewItem) =>
              `${item.reviewed_by} · ${formatDateTime(item.reviewed_at)}`,
          },
          {
            title: t('preReview.opinion'),
            dataIndex: 'review_opinion',
            ellipsis: true,
            search: false,
          },
        ]
      : [
          {
            title: t('common:actions.operation'),
            valueType: 'option' as const,
            width: 140,
            render: (_: unknown, item: PreReviewItem) => [
              <a key="pass" onClick={() => confirmPass(item)}>
                {t('preReview.pass')}
              </a>,
              <a key="fail" onClick={() => setFailing(item)}>
                {t('preReview.fail')}
              </a>,
            ],
          },
        ]),
  ];

  const exportColumns: CsvColumn<PreReviewItem>[] = [
    { title: t('preReview.customer'), value: (item) => item.customer_account_name },
    { title: t('preReview.partner'), value: (item) => item.partner_name },
    { title: t('panel.requestedBy'), value: (item) => item.requested_by },
    { title: t('preReview.reason'), value: (item) => item.reason },
    { title: t('panel.createdAt'), value: (item) => formatDateTime(item.created_at) },
    {
      title: t('preReview.status'),
      value: (item) => t(`statuses.${item.status}`, { defaultValue: item.status }),
    },
    { title: t('preReview.reviewedBy'), value: (item) => item.reviewed_by },
    { title: t('preReview.opinion'), value: (item) => item.review_opinion },
  ];

  return (
    <PageShell title={t('preReview.title')} content={t('preReview.intro')}>
      <PreReviewSettingCard />
      <Tabs
        activeKey={queue}
        onChange={(key) => setQueue(key as PreReviewQueue)}
        items={(['pending', 'reviewed'] as const).map((key) => ({
          key,
          label: t(`preReview.queues.${key}`),
        }))}
      />
      <ListTable<PreReviewItem>
        key={queue}
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        headerTitle={t(`preReview.queues.${queue}`)}
        emptyText={t(`preReview.empty.${queue}`)}
        load={async (_filters, page) => {
          const answer = await queryClient.query(preReviewQueries.requests({ queue, ...page }));
          return { rows: answer.requests, total: answer.total_count };
        }}
        exportAs={{ fileName: `disassociation-pre-review-${queue}`, columns: exportColumns }}
      />
      <ModalForm<{ opinion: string }>
        title={failing ? t('preReview.failTitle', names(failing)) : ''}
        open={failing !== null}
        onOpenChange={(open) => !open && setFailing(null)}
        width={520}
        modalProps={{ destroyOnHidden: true, okButtonProps: { danger: true } }}
        onFinish={async ({ opinion }) => {
          if (!failing) return false;
          try {
            await review.mutateAsync({ id: failing.id, pass: false, opinion: opinion.trim() });
            notifySuccess(t('preReview.failed', names(failing)));
            void actionRef.current?.reload();
            return true;
          } catch {
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="opinion"
          label={t('preReview.opinion')}
          extra={t('preReview.failHint')}
          rules={[
            { required: true, whitespace: true, message: t('preReview.opinionRequired') },
            { max: 1024 },
          ]}
          fieldProps={{ autoSize: { minRows: 3, maxRows: 6 } }}
        />
      </ModalForm>
    </PageShell>
  );
}

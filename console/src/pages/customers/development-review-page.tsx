import {
  ModalForm,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { useAccess } from '../../access';
import { developmentApi, type ReviewItem } from './development-queries';
import { ReferralSwitchCard } from './development-referral-card';

/**
 * 运营 > 客户报备审核: the operator decides pre-registrations of long-registered customer accounts
 * (R-CUS-06, SM-1 待审核); approval reserves the prospect for 15 days from now. With the partner
 * management right the page also carries the ecosystem manager's referral switch (R-CUS-09).
 */
export function DevelopmentReviewPage() {
  const { t } = useTranslation(['development', 'common']);
  const { modal } = App.useApp();
  const access = useAccess();
  const actionRef = useRef<ActionType>(null);
  const [form] = Form.useForm<{ opinion: string }>();
  const [rejecting, setRejecting] = useState<ReviewItem | null>(null);

  const approve = (row: ReviewItem) => {
    void modal.confirm({
      title: `${t('review.approve')}: ${row.customer_name}`,
      onOk: async () => {
        await developmentApi.decide(row.id, { approve: true });
        notifySuccess(t('review.approved'));
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<ReviewItem>[] = [
    { title: t('prereg.customerName'), dataIndex: 'customer_name' },
    { title: t('review.partner'), dataIndex: 'partner_name' },
    { title: t('prereg.contactName'), dataIndex: 'contact_name' },
    {
      title: t('prereg.associationType'),
      dataIndex: 'association_type',
      render: (_, row) => t(`associationType.${row.association_type}`),
    },
    {
      title: t('prereg.createdAt'),
      dataIndex: 'created_at',
      render: (_, row) => formatDateTime(row.created_at),
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      render: (_, row) => [
        <a key="approve" onClick={() => approve(row)}>
          {t('review.approve')}
        </a>,
        <a key="reject" onClick={() => setRejecting(row)}>
          {t('review.reject')}
        </a>,
      ],
    },
  ];

  return (
    <PageShell title={t('review.title')} content={t('review.intro')}>
      {access.canManagePartners && <ReferralSwitchCard />}
      <ProTable<ReviewItem, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={(params) => {
          const { page } = splitTableParams(params);
          return loadTablePage(async () => {
            const result = await developmentApi.reviews(page);
            return { rows: result.preregistrations, total: result.total_count };
          });
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
      />
      <ModalForm<{ opinion: string }>
        title={rejecting ? t('review.rejectTitle', { name: rejecting.customer_name }) : ''}
        open={rejecting !== null}
        onOpenChange={(open) => {
          if (!open) setRejecting(null);
        }}
        form={form}
        modalProps={{ destroyOnHidden: true, okButtonProps: { danger: true } }}
        onFinish={async (values) => {
          if (!rejecting) return false;
          try {
            await developmentApi.decide(rejecting.id, { approve: false, opinion: values.opinion });
            notifySuccess(t('review.rejected'));
            void actionRef.current?.reload();
            return true;
          } catch (error) {
            showErrorOnForm(form, error);
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="opinion"
          label={t('review.opinion')}
          rules={[{ required: true, whitespace: true, message: t('review.opinionRequired') }]}
          fieldProps={{ maxLength: 1024 }}
        />
      </ModalForm>
    </PageShell>
  );
}

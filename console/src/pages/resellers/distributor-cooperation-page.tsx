import {
  ProForm,
  ProFormText,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Card } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { PageShell } from '../../components/page-shell';
import { StatusTag } from '../../components/status-tag';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { applicationStatusOptions, directionLabel } from './labels';
import { resellerQueries, useApplyToDistributor, useRespondAsReseller } from './queries';
import type { ResellerApplication, ResellerResponse } from './types';

interface ApplyValues {
  distributor_account_name: string;
  message?: string;
}

/**
 * 伙伴信息 > 总经销商合作 (reseller side of SM-20): apply to a tier-1 distributor, answer its
 * invitations and follow the requests.
 */
export function DistributorCooperationPage() {
  const { t } = useTranslation(['resellers', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const apply = useApplyToDistributor();
  const respond = useRespondAsReseller();
  const statusOptions = applicationStatusOptions(t);

  const confirm = (row: ResellerApplication, response: ResellerResponse) => {
    void modal.confirm({
      title: t(`cooperation.${response}Confirm`, { name: row.distributor.company_name }),
      okButtonProps: { danger: response !== 'accept' },
      onOk: async () => {
        await respond.mutateAsync({ id: row.id, response });
        notifySuccess(t('cooperation.done'));
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<ResellerApplication>[] = [
    { title: t('fields.distributorCompany'), dataIndex: ['distributor', 'company_name'] },
    { title: t('fields.accountName'), dataIndex: ['distributor', 'name'] },
    {
      title: t('fields.direction'),
      dataIndex: 'direction',
      render: (_, row) => directionLabel(t, row.direction),
    },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      render: (_, row) => <StatusTag value={row.status} options={statusOptions} />,
    },
    { title: t('fields.message'), dataIndex: 'message', ellipsis: true },
    { title: t('fields.createdAt'), dataIndex: 'created_at', valueType: 'dateTime' },
    { title: t('fields.decisionReason'), dataIndex: 'decision_reason', ellipsis: true },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      render: (_, row) => {
        if (row.status !== 'pending') return [];
        if (row.direction === 'invitation') {
          return [
            <a key="accept" onClick={() => confirm(row, 'accept')}>
              {t('cooperation.accept')}
            </a>,
            <a key="decline" onClick={() => confirm(row, 'decline')}>
              {t('cooperation.decline')}
            </a>,
          ];
        }
        return [
          <a key="cancel" onClick={() => confirm(row, 'cancel')}>
            {t('cooperation.cancel')}
          </a>,
        ];
      },
    },
  ];

  return (
    <PageShell title={t('cooperation.title')} content={t('cooperation.intro')}>
      <Card title={t('cooperation.applyTitle')} style={{ marginBottom: 16 }}>
        <ProForm<ApplyValues>
          layout="horizontal"
          labelCol={{ span: 4 }}
          wrapperCol={{ span: 12 }}
          submitter={{
            searchConfig: { submitText: t('cooperation.apply') },
            resetButtonProps: false,
          }}
          onFinish={async (values) => {
            try {
              await apply.mutateAsync({
                distributor_account_name: values.distributor_account_name.trim(),
                message: values.message?.trim() || undefined,
              });
              notifySuccess(t('cooperation.applied'));
              void actionRef.current?.reload();
              return true;
            } catch {
              return false;
            }
          }}
        >
          <ProFormText
            name="distributor_account_name"
            label={t('fields.distributorAccount')}
            rules={[
              { required: true, whitespace: true, message: t('cooperation.accountRequired') },
              { pattern: /^\s*[A-Za-z0-9_-]{3,64}\s*$/, message: t('invite.accountPattern') },
            ]}
          />
          <ProFormTextArea
            name="message"
            label={t('fields.message')}
            rules={[{ max: 512, message: t('messageMax') }]}
            fieldProps={{ autoSize: { minRows: 2, maxRows: 5 } }}
          />
        </ProForm>
      </Card>
      <ProTable<ResellerApplication, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={(params) => {
          const { page } = splitTableParams(params);
          return loadTablePage(async () => {
            const result = await queryClient.query(resellerQueries.mine(page));
            return { rows: result.applications, total: result.total_count };
          });
        }}
        pagination={{ defaultPageSize: 10 }}
        options={{ density: false, setting: false, reload: true }}
        headerTitle={t('cooperation.listTitle')}
      />
    </PageShell>
  );
}

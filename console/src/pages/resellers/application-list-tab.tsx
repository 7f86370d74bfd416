import {
  ModalForm,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, notifyWarning } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { StatusTag, toValueEnum } from '../../components/status-tag';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { applicationStatusOptions, directionLabel } from './labels';
import {
  resellerQueries,
  useCancelInvitation,
  useDecideApplications,
  useResendInvitations,
} from './queries';
import { isDecidable, isResendable, splitSelection } from './application-rules';
import type { DecisionResult, DistributorApplication, ResendResult } from './types';

function resellerNames(rows: readonly DistributorApplication[]): string {
  return rows.map((row) => `${row.reseller.company_name} (${row.reseller.name})`).join('、');
}

/**
 * Tab 云经销商合作申请: approve or reject applications one by one or in a batch, and follow the
 * invitations sent (查看邀请记录): withdraw one, or mail pending ones again, one or many (SM-20).
 */
export function ApplicationListTab() {
  const { t } = useTranslation(['resellers', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [selected, setSelected] = useState<DistributorApplication[]>([]);
  const [rejecting, setRejecting] = useState<DistributorApplication[]>([]);
  const decide = useDecideApplications();
  const cancel = useCancelInvitation();
  const resend = useResendInvitations();
  const statusOptions = applicationStatusOptions(t);

  const afterDecision = (result: DecisionResult) => {
    if (result.approved > 0) notifySuccess(t('decide.approved', { count: result.approved }));
    if (result.rejected > 0) notifySuccess(t('decide.rejected', { count: result.rejected }));
    if (result.error_details.length > 0) {
      notifyWarning(
        t('decide.failed', {
          count: result.error_details.length,
          detail: result.error_details.map((item) => item.error_msg).join('; '),
        }),
      );
    }
    setSelected([]);
    actionRef.current?.clearSelected?.();
    void actionRef.current?.reload();
  };

  const confirmApprove = (rows: DistributorApplication[]) => {
    void modal.confirm({
      title: t('decide.approveConfirm', { count: rows.length }),
      content: <Typography.Paragraph>{resellerNames(rows)}</Typography.Paragraph>,
      onOk: async () => {
        afterDecision(
          await decide.mutateAsync({
            application_ids: rows.map((row) => row.id),
            decision: 'approve',
          }),
        );
      },
    });
  };

  const afterResend = (result: ResendResult) => {
    if (result.resent > 0) notifySuccess(t('resend.done', { count: result.resent }));
    if (result.error_details.length > 0) {
      notifyWarning(
        t('resend.failed', {
          count: result.error_details.length,
          detail: result.error_details.map((item) => item.error_msg).join('; '),
        }),
      );
    }
    setSelected([]);
    actionRef.current?.clearSelected?.();
    void actionRef.current?.reload();
  };

  const confirmResend = (rows: DistributorApplication[]) => {
    void modal.confirm({
      title: t('resend.confirm', { count: rows.length }),
      content: <Typography.Paragraph>{resellerNames(rows)}</Typography.Paragraph>,
      onOk: async () => {
        afterResend(await resend.mutateAsync(rows.map((row) => row.id)));
      },
    });
  };

  const confirmCancel = (row: DistributorApplication) => {
    void modal.confirm({
      title: t('decide.cancelConfirm', { name: row.reseller.name }),
      onOk: async () => {
        await cancel.mutateAsync(row.id);
        notifySuccess(t('decide.cancelled', { name: row.reseller.name }));
        void actionRef.current?.reload();
      },
    });
  };

  const columns: ProColumns<DistributorApplication>[] = [
    {
      title: t('fields.companyName'),
      dataIndex: ['reseller', 'company_name'],
      search: false,
      ellipsis: true,
    },
    { title: t('fields.accountName'), dataIndex: ['reseller', 'name'], search: false },
    { title: t('fields.phone'), dataIndex: ['reseller', 'phone'], search: false },
    { title: t('fields.email'), dataIndex: ['reseller', 'email'], search: false, ellipsis: true },
    {
      title: t('fields.direction'),
      dataIndex: 'direction',
      search: false,
      render: (_, row) => directionLabel(t, row.direction),
    },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, row) => <StatusTag value={row.status} options={statusOptions} />,
    },
    { title: t('fields.message'), dataIndex: 'message', search: false, ellipsis: true },
    { title: t('fields.createdAt'), dataIndex: 'created_at', valueType: 'dateTime', search: false },
    { title: t('fields.decidedAt'), dataIndex: 'decided_at', valueType: 'dateTime', search: false },
    {
      title: t('fields.decisionReason'),
      dataIndex: 'decision_reason',
      search: false,
      ellipsis: true,
    },
    {
      title: t('fields.sentCount'),
      dataIndex: 'sent_count',
      search: false,
      width: 90,
      render: (_, row) => (row.direction === 'invitation' ? row.sent_count : '-'),
    },
    {
      title: t('fields.lastSentAt'),
      dataIndex: 'last_sent_at',
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 180,
      render: (_, row) => {
        if (isDecidable(row)) {
          return [
            <a key="approve" onClick={() => confirmApprove([row])}>
              {t('decide.approve')}
            </a>,
            <a key="reject" onClick={() => setRejecting([row])}>
              {t('decide.reject')}
            </a>,
          ];
        }
        if (isResendable(row)) {
          return [
            <a key="resend" onClick={() => confirmResend([row])}>
              {t('resend.action')}
            </a>,
            <a key="cancel" onClick={() => confirmCancel(row)}>
              {t('decide.cancelInvitation')}
            </a>,
          ];
        }
        return [];
      },
    },
  ];

  return (
    <>
      <ProTable<DistributorApplication, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters } = splitTableParams(params);
          return loadTablePage(async () => {
            const result = await queryClient.query(
              resellerQueries.applications({ ...filters, ...page }),
            );
            return { rows: result.applications, total: result.total_count };
          });
        }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('applications.title')}
        scroll={{ x: 1300 }}
        rowSelection={{
          selectedRowKeys: selected.map((row) => row.id),
          onChange: (_, rows) => setSelected(rows),
          getCheckboxProps: (row) => ({ disabled: !isDecidable(row) && !isResendable(row) }),
        }}
        tableAlertOptionRender={() => {
          const { applications, invitations } = splitSelection(selected);
          return [
            <Button
              key="approve"
              type="link"
              disabled={applications.length === 0}
              onClick={() => confirmApprove(applications)}
            >
              {t('decide.batchApprove')}
            </Button>,
            <Button
              key="reject"
              type="link"
              danger
              disabled={applications.length === 0}
              onClick={() => setRejecting(applications)}
            >
              {t('decide.batchReject')}
            </Button>,
            <Button
              key="resend"
              type="link"
              disabled={invitations.length === 0}
              onClick={() => confirmResend(invitations)}
            >
              {t('resend.batchAction')}
            </Button>,
          ];
        }}
      />
      <ModalForm<{ reason?: string }>
        title={t('decide.rejectConfirm', { count: rejecting.length })}
        open={rejecting.length > 0}
        onOpenChange={(open) => !open && setRejecting([])}
        width={520}
        modalProps={{ destroyOnHidden: true, okButtonProps: { danger: true } }}
        onFinish={async ({ reason }) => {
          try {
            afterDecision(
              await decide.mutateAsync({
                application_ids: rejecting.map((row) => row.id),
                decision: 'reject',
                reason: reason?.trim() || undefined,
              }),
            );
            setRejecting([]);
            return true;
          } catch {
            return false;
          }
        }}
      >
        <Typography.Paragraph>{resellerNames(rejecting)}</Typography.Paragraph>
        <ProFormTextArea
          name="reason"
          label={t('fields.decisionReason')}
          rules={[{ max: 512, message: t('messageMax') }]}
          fieldProps={{ autoSize: { minRows: 2, maxRows: 5 } }}
        />
      </ModalForm>
    </>
  );
}

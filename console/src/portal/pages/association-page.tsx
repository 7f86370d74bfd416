import { ModalForm, ProFormCheckbox, ProFormTextArea } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import type {
  AssociationRequest,
  AssociationTypeCode,
  RequestAllowance,
} from '../../pages/customers/association-queries';
import { portalQueryKeys } from '../api';

/** 我的合作伙伴 as the server answers it (customers/association-wire.ts). */
interface MyAssociation {
  customer_id: string;
  account_name: string;
  partner_id: string;
  partner_name: string;
  association_type: AssociationTypeCode;
  associated_on: string;
  status: 'active' | 'disassociated';
  open_request: AssociationRequest | null;
  requests: AssociationRequest[];
  allowance: RequestAllowance;
}

const ASSOCIATION = '/console/api/portal/association';
const associationKey = [...portalQueryKeys.all, 'association'] as const;

function useMyAssociation() {
  return useQuery({
    queryKey: associationKey,
    queryFn: () => api.get<MyAssociation>(ASSOCIATION),
  });
}

function usePortalAssociationAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { path: string; body?: object }) =>
      api.post<AssociationRequest>(`${ASSOCIATION}${input.path}`, input.body ?? {}),
    // The overview shows the association too.
    onSuccess: () => client.invalidateQueries({ queryKey: portalQueryKeys.all }),
  });
}

const requestPath = (id: string, action: string) => `/requests/${encodeURIComponent(id)}/${action}`;

/**
 * 账号中心 > 我的合作伙伴 (R-DIS-01, SM-4): the partner's pending disassociation or type-switch
 * request to agree to or refuse, the customer's own disassociation application (reason and
 * acknowledgement, R-DIS-05; no type switch, R-DIS-08) and its request history.
 */
export function PortalAssociationPage() {
  const { t } = useTranslation('association');
  const association = useMyAssociation();

  return (
    <PageShell title={t('portal.title')} content={t('portal.intro')}>
      {association.data ? (
        <AssociationCards association={association.data} />
      ) : (
        <Card>
          <Skeleton active />
        </Card>
      )}
    </PageShell>
  );
}

function AssociationCards({ association }: { association: MyAssociation }) {
  const { t } = useTranslation('association');
  const { modal } = App.useApp();
  const action = usePortalAssociationAction();
  const [applying, setApplying] = useState(false);
  const [rejectForm] = Form.useForm<{ opinion?: string }>();
  const open = association.open_request;
  const isActive = association.status === 'active';
  const { allowance } = association;
  const usedUp = allowance.used >= allowance.max_requests;

  const confirmApprove = (request: AssociationRequest) => {
    void modal.confirm({
      title: t('portal.approveConfirm', {
        partner: association.partner_name,
        kind: t(`kinds.${request.kind}`),
      }),
      content: request.kind === 'disassociate' ? t('portal.approveDisassociateHint') : undefined,
      okText: t('portal.approve'),
      okButtonProps: { danger: request.kind === 'disassociate' },
      onOk: async () => {
        await action.mutateAsync({ path: requestPath(request.id, 'approve') });
        notifySuccess(t('portal.approved'));
      },
    });
  };

  const confirmReject = (request: AssociationRequest) => {
    rejectForm.resetFields();
    void modal.confirm({
      title: t('portal.rejectTitle', { kind: t(`kinds.${request.kind}`) }),
      icon: null,
      content: (
        <Form form={rejectForm} layout="vertical">
          <Form.Item name="opinion" label={t('portal.opinion')}>
            <Input.TextArea rows={3} maxLength={1024} showCount />
          </Form.Item>
        </Form>
      ),
      okText: t('portal.reject'),
      onOk: async () => {
        const { opinion } = rejectForm.getFieldsValue();
        await action.mutateAsync({
          path: requestPath(request.id, 'reject'),
          body: opinion?.trim() ? { opinion: opinion.trim() } : {},
        });
        notifySuccess(t('portal.rejected'));
      },
    });
  };

  const confirmWithdraw = (request: AssociationRequest) => {
    void modal.confirm({
      title: t('portal.withdrawConfirm'),
      okText: t('portal.withdraw'),
      onOk: async () => {
        await action.mutateAsync({ path: requestPath(request.id, 'withdraw') });
        notifySuccess(t('portal.withdrawn'));
      },
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('portal.partner')}
        extra={
          isActive &&
          !open && (
            <Button danger disabled={usedUp} onClick={() => setApplying(true)}>
              {t('portal.apply')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('portal.partner')}>
            {association.partner_name}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.associationType')}>
            {t(`types.${association.association_type}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.associatedOn')}>
            {formatDateTime(association.associated_on)}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.status')}>
            <Tag color={isActive ? 'success' : 'default'}>
              {isActive ? t('portal.active') : t('portal.disassociated')}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
        {isActive && (
          <Typography.Text type={usedUp ? 'danger' : 'secondary'}>
            {usedUp
              ? t('portal.allowanceExhausted', {
                  max: allowance.max_requests,
                  months: allowance.period_months,
                })
              : t('portal.allowance', {
                  used: allowance.used,
                  max: allowance.max_requests,
                  months: allowance.period_months,
                })}
          </Typography.Text>
        )}
      </Card>

      {open?.status === 'pending_customer' && (
        <Alert
          type="warning"
          showIcon
          message={t('portal.pendingTitle')}
          description={
            <>
              <Typography.Paragraph>
                {t('portal.pendingHint', { kind: t(`kinds.${open.kind}`), reason: open.reason })}
              </Typography.Paragraph>
              {open.kind === 'switch_type' && open.to_association_type && (
                <Typography.Paragraph>
                  {t('portal.switchHint', {
                    from: t(`types.${open.from_association_type}`),
                    to: t(`types.${open.to_association_type}`),
                  })}
                </Typography.Paragraph>
              )}
              <Space>
                <Button type="primary" onClick={() => confirmApprove(open)}>
                  {t('portal.approve')}
                </Button>
                <Button onClick={() => confirmReject(open)}>{t('portal.reject')}</Button>
              </Space>
            </>
          }
        />
      )}
      {open?.status === 'pending_partner' && (
        <Alert
          type="info"
          showIcon
          message={t('portal.waitingPartner')}
          action={<Button onClick={() => confirmWithdraw(open)}>{t('portal.withdraw')}</Button>}
        />
      )}

      <Card title={t('portal.history')}>
        <Table<AssociationRequest>
          rowKey="id"
          dataSource={association.requests}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('portal.noHistory')} /> }}
          columns={[
            {
              title: t('portal.createdAt'),
              dataIndex: 'created_at',
              render: (value: string) => formatDateTime(value),
            },
            {
              title: t('portal.kind'),
              dataIndex: 'kind',
              render: (_: string, row) => t(`kinds.${row.kind}`),
            },
            {
              title: t('portal.initiator'),
              dataIndex: 'initiator',
              render: (_: string, row) => t(`initiators.${row.initiator}`),
            },
            {
              title: t('portal.requestStatus'),
              dataIndex: 'status',
              render: (_: string, row) => <Tag>{t(`statuses.${row.status}`)}</Tag>,
            },
            { title: t('records.reason'), dataIndex: 'reason', ellipsis: true },
            { title: t('portal.opinionColumn'), dataIndex: 'opinion', ellipsis: true },
            {
              title: t('portal.decidedAt'),
              dataIndex: 'decided_at',
              render: (value: string | null) => (value ? formatDateTime(value) : '-'),
            },
          ]}
        />
      </Card>

      <ModalForm<{ reason: string; acknowledged: boolean }>
        title={t('portal.applyTitle', { partner: association.partner_name })}
        open={applying}
        onOpenChange={setApplying}
        modalProps={{ destroyOnHidden: true }}
        submitter={{
          searchConfig: { submitText: t('portal.apply') },
          submitButtonProps: { danger: true },
        }}
        onFinish={async (values) => {
          await action.mutateAsync({
            path: '/requests',
            body: { reason: values.reason.trim(), acknowledged: values.acknowledged },
          });
          notifySuccess(t('portal.submitted'));
          return true;
        }}
      >
        <Alert type="info" showIcon message={t('portal.applyHint')} style={{ marginBottom: 16 }} />
        <ProFormTextArea
          name="reason"
          label={t('portal.reason')}
          fieldProps={{ maxLength: 1024, showCount: true, rows: 3 }}
          rules={[{ required: true, whitespace: true, message: t('portal.reasonRequired') }]}
        />
        <ProFormCheckbox
          name="acknowledged"
          rules={[
            {
              validator: (_, value: boolean | undefined) =>
                value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('portal.acknowledgeRequired'))),
            },
          ]}
        >
          {t('portal.acknowledge')}
        </ProFormCheckbox>
      </ModalForm>
    </Space>
  );
}

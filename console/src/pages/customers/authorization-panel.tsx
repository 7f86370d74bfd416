import { App, Button, Card, Descriptions, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import {
  useCustomerAuthorization,
  useWithdrawAuthorization,
  type CustomerAuthorization,
} from './authorization-queries';
import { authorizationColor, type AuthorizationStatus } from './authorization-rules';

export function AuthorizationTag({ status }: { status: AuthorizationStatus | undefined }) {
  const { t } = useTranslation('authorization');
  return <Tag color={authorizationColor(status)}>{t(`statuses.${status ?? 'none'}`)}</Tag>;
}

function History({ rows }: { rows: CustomerAuthorization[] }) {
  const { t } = useTranslation('authorization');
  return (
    <Table<CustomerAuthorization>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 5, hideOnSinglePage: true }}
      locale={{ emptyText: t('panel.noHistory') }}
      columns={[
        {
          title: t('fields.status'),
          dataIndex: 'status',
          render: (status: AuthorizationStatus) => <AuthorizationTag status={status} />,
        },
        { title: t('fields.requestedBy'), dataIndex: 'requested_by' },
        {
          title: t('fields.requestedAt'),
          dataIndex: 'requested_at',
          render: (value: string) => formatDateTime(value),
        },
        {
          title: t('fields.decidedAt'),
          dataIndex: 'decided_at',
          render: (value: string | null) => formatDateTime(value) || '-',
        },
        {
          title: t('fields.revokedBy'),
          dataIndex: 'revoked_by',
          render: (value: string, row) =>
            value ? `${value} · ${formatDateTime(row.revoked_at)}` : '-',
        },
      ]}
    />
  );
}

/**
 * 客户授权 on the customer detail page (SM-19, P-14): where the authorization stands, when it was
 * asked for and decided, the withdrawal of a pending request (confirmed with the customer's name)
 * and the earlier requests.
 */
export function AuthorizationPanel({
  customer,
}: {
  customer: { customer_id: string; account_name: string };
}) {
  const { t } = useTranslation('authorization');
  const { modal } = App.useApp();
  const access = useAccess();
  const state = useCustomerAuthorization(customer.customer_id);
  const withdraw = useWithdrawAuthorization();
  const latest = state.data?.latest ?? null;

  const confirmWithdraw = () => {
    void modal.confirm({
      title: t('request.withdrawConfirm', { name: customer.account_name }),
      okText: t('request.withdraw'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await withdraw.mutateAsync(customer.customer_id);
        notifySuccess(t('request.withdrawn'));
      },
    });
  };

  return (
    <Card
      title={t('panel.title')}
      extra={
        access.canManageCustomers &&
        latest?.status === 'pending' && (
          <Button onClick={confirmWithdraw} loading={withdraw.isPending}>
            {t('request.withdraw')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {state.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : latest ? (
        <>
          <Descriptions column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('fields.status')}>
              <AuthorizationTag status={latest.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.requestedBy')}>
              {latest.requested_by}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.requestedAt')}>
              {formatDateTime(latest.requested_at)}
            </Descriptions.Item>
            {latest.decided_at && (
              <Descriptions.Item label={t('fields.decidedAt')}>
                {formatDateTime(latest.decided_at)}
              </Descriptions.Item>
            )}
            {latest.revoked_at && (
              <Descriptions.Item label={t('fields.revokedBy')}>
                {latest.revoked_by} · {formatDateTime(latest.revoked_at)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('panel.hint')}</Typography.Paragraph>
          {(state.data?.history.length ?? 0) > 1 && (
            <>
              <Typography.Title level={5}>{t('panel.history')}</Typography.Title>
              <History rows={state.data?.history ?? []} />
            </>
          )}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.none')} />
      )}
    </Card>
  );
}

import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import {
  useOpenAssociationRequest,
  useWithdrawAssociationRequest,
  type AssociationRequestKind,
} from './association-queries';
import { AssociationRequestForm } from './association-request-form';

interface AssociationPanelProps {
  customer: {
    customer_id: string;
    account_name: string;
    association_type: string;
    status?: string;
  };
  onChanged?: () => void;
}

/**
 * 关联关系管理 on the customer detail page (P-14): the request waiting for a decision, and for
 * members with `customer.manage` the 解除关联 / 切换关联类型 requests and the withdrawal of the
 * partner's own pending request.
 */
export function AssociationPanel({ customer, onChanged }: AssociationPanelProps) {
  const { t } = useTranslation('association');
  const { modal } = App.useApp();
  const access = useAccess();
  const open = useOpenAssociationRequest(customer.customer_id);
  const withdraw = useWithdrawAssociationRequest();
  const [requesting, setRequesting] = useState<AssociationRequestKind | null>(null);
  const request = open.data?.request ?? null;
  const failedReview = open.data?.failed_review ?? null;
  const isDisassociated = customer.status === 'disassociated';

  const confirmWithdraw = () => {
    if (!request) return;
    void modal.confirm({
      title: t('request.withdrawConfirm', {
        name: customer.account_name,
        kind: t(`kinds.${request.kind}`),
      }),
      okText: t('request.withdraw'),
      onOk: async () => {
        await withdraw.mutateAsync(request.id);
        notifySuccess(t('request.withdrawn'));
        onChanged?.();
      },
    });
  };

  const actions =
    access.canManageCustomers && !isDisassociated && !request ? (
      <Space>
        <Button onClick={() => setRequesting('switch_type')}>{t('request.switchType')}</Button>
        <Button danger onClick={() => setRequesting('disassociate')}>
          {t('request.disassociate')}
        </Button>
      </Space>
    ) : null;

  return (
    <Card
      title={t('panel.title')}
      extra={
        <Space>
          {actions}
          <Link to="/sales/customers/association-records">{t('records.openLink')}</Link>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {request?.status === 'pending_review' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('preReview.panelPending')}
        />
      )}
      {!request && failedReview && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('preReview.panelFailed', { opinion: failedReview.review_opinion })}
          description={
            failedReview.reviewer_contact
              ? t('preReview.panelContact', { contact: failedReview.reviewer_contact })
              : undefined
          }
        />
      )}
      {open.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : request ? (
        <Descriptions column={{ xs: 1, md: 3 }} title={t('panel.pending')}>
          <Descriptions.Item label={t('records.request')}>
            {t(`kinds.${request.kind}`)} · {t(`initiators.${request.initiator}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('records.requestStatus')}>
            <Tag color="processing">{t(`statuses.${request.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('panel.createdAt')}>
            {formatDateTime(request.created_at)}
          </Descriptions.Item>
          <Descriptions.Item label={t('panel.requestedBy')}>
            {request.requested_by}
          </Descriptions.Item>
          <Descriptions.Item label={t('records.reason')} span={2}>
            <Typography.Text>{request.reason}</Typography.Text>
          </Descriptions.Item>
          {access.canManageCustomers && request.status === 'pending_customer' && (
            <Descriptions.Item>
              <Button onClick={confirmWithdraw} loading={withdraw.isPending}>
                {t('request.withdraw')}
              </Button>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={isDisassociated ? t('panel.disassociated') : t('panel.none')}
        />
      )}
      {requesting && (
        <AssociationRequestForm
          customer={customer}
          kind={requesting}
          open
          onOpenChange={(isOpen) => {
            if (!isOpen) setRequesting(null);
          }}
          onSaved={onChanged}
        />
      )}
    </Card>
  );
}

import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { App, Button, Form, Space, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { ListTable } from '../../components/list-table';
import { Money } from '../../components/money';
import { VerificationCodeField } from '../../components/verification-code';
import { newIdempotencyKey } from '../customers/funds-rules';
import { BatchResult } from './batch-result';
import { QuotaStateTag, QuotaValidity } from './coupon-cells';
import { amountText, canReclaimIssuedQuota } from './coupon-rules';
import {
  couponQueries,
  useReclaimResellerQuota,
  type BatchAnswer,
  type IssuedQuota,
} from './queries';

function resellerOf(quota: IssuedQuota): string {
  return (
    quota.indirect_partner_name || quota.indirect_partner_account_name || quota.indirect_partner_id
  );
}

/**
 * 已发放代金券额度 (P-17, R-COUP-11): the quota a tier-1 distributor issued to its resellers; 回收
 * takes the whole remaining balance of a still valid one back to its source quota, after a
 * confirmation naming the reseller and the amount.
 */
export function IssuedQuotasTab() {
  const { t } = useTranslation(['coupons', 'common']);
  const { modal } = App.useApp();
  const access = useAccess();
  const action = useRef<ActionType>(null);
  const reclaim = useReclaimResellerQuota();
  const [codeForm] = Form.useForm<{ verification_code?: string }>();
  const [failed, setFailed] = useState<{
    quota: IssuedQuota;
    errors: BatchAnswer['error_details'];
  } | null>(null);

  const confirmReclaim = (quota: IssuedQuota) => {
    const idempotencyKey = newIdempotencyKey();
    const amount = amountText(quota.balance);
    void modal.confirm({
      title: t('issuedQuota.reclaimConfirm'),
      content: (
        <>
          <Typography.Paragraph>
            {t('issuedQuota.reclaimContent', {
              reseller: resellerOf(quota),
              quotaId: quota.quota_id,
              amount,
            })}
          </Typography.Paragraph>
          {/* Shown only while 验证码验证 is on (X4). */}
          <Form form={codeForm} layout="vertical" preserve={false}>
            <VerificationCodeField />
          </Form>
        </>
      ),
      okText: t('issuedQuota.reclaimOk'),
      okButtonProps: { danger: true },
      onOk: async () => {
        const { verification_code: verificationCode } = await codeForm.validateFields();
        const answer = await reclaim.mutateAsync({
          body: { quota_ids: [quota.quota_id] },
          idempotencyKey,
          verificationCode,
        });
        void action.current?.reload();
        if (answer.error_details.length === 0) {
          notifySuccess(t('issuedQuota.reclaimDone', { amount }));
        } else {
          setFailed({ quota, errors: answer.error_details });
        }
      },
    });
  };

  const columns: ProColumns<IssuedQuota>[] = [
    { title: t('quota.id'), dataIndex: 'quota_id', width: 250, copyable: true, search: false },
    {
      title: t('issuedQuota.reseller'),
      dataIndex: 'indirect_partner_id',
      width: 200,
      search: false,
      render: (_, quota) => (
        <Space direction="vertical" size={0}>
          <span>{resellerOf(quota)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {quota.indirect_partner_account_name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('issuedQuota.sourceQuota'),
      dataIndex: 'parent_quota_id',
      width: 250,
      render: (_, quota) => quota.parent_quota_id,
    },
    {
      title: t('quota.value'),
      dataIndex: 'quota_value',
      width: 130,
      align: 'right',
      search: false,
      render: (_, quota) => <Money value={amountText(quota.quota_value)} currency="CNY" />,
    },
    {
      title: t('quota.balance'),
      dataIndex: 'balance',
      width: 130,
      align: 'right',
      search: false,
      render: (_, quota) => <Money value={amountText(quota.balance)} currency="CNY" />,
    },
    {
      title: t('quota.status'),
      dataIndex: 'quota_status',
      width: 100,
      search: false,
      render: (_, quota) => <QuotaStateTag quota={quota} />,
    },
    {
      title: t('quota.validity'),
      dataIndex: 'expire_time',
      width: 200,
      search: false,
      render: (_, quota) => <QuotaValidity quota={quota} />,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 100,
      fixed: 'right',
      hideInTable: !access.canManageCoupons,
      render: (_, quota) => {
        const reclaimable = canReclaimIssuedQuota(quota);
        return [
          <Tooltip key="reclaim" title={reclaimable ? undefined : t('issuedQuota.notReclaimable')}>
            <Button
              type="link"
              size="small"
              danger
              disabled={!reclaimable}
              onClick={() => confirmReclaim(quota)}
            >
              {t('issuedQuota.reclaim')}
            </Button>
          </Tooltip>,
        ];
      },
    },
  ];

  return (
    <>
      <ListTable<IssuedQuota>
        rowKey="quota_id"
        actionRef={action}
        columns={columns}
        load={async (filters, page) => {
          const answer = await queryClient.query(
            couponQueries.issuedQuotas({ ...page, parent_quota_id: filters.parent_quota_id }),
          );
          return { rows: answer.quotas, total: answer.total_count };
        }}
        emptyText={t('issuedQuota.empty')}
        scroll={{ x: 1400 }}
      />
      {failed && (
        <BatchResult
          title={t('issuedQuota.reclaimConfirm')}
          succeeded={0}
          errors={failed.errors}
          nameOf={() => `${resellerOf(failed.quota)} ${failed.quota.quota_id}`}
          onClose={() => setFailed(null)}
        />
      )}
    </>
  );
}

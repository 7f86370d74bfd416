import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Tooltip } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { queryClient } from '../../api/query-client';
import { ListTable } from '../../components/list-table';
import { Money } from '../../components/money';
import { CouponIssueForm } from './coupon-issue-form';
import { LimitList, QuotaStateTag, QuotaValidity } from './coupon-cells';
import { amountText, canIssueFrom } from './coupon-rules';
import { couponQueries, type Quota } from './queries';
import { ResellerQuotaIssueForm } from './reseller-quota-form';

interface QuotasTabProps {
  isDistributor: boolean;
  onShowRecords: (quotaId: string) => void;
}

/**
 * 代金券额度 (P-17): the partner's quotas with state, balance, validity and restrictions; a valid
 * quota issues coupons (R-COUP-02) and, for a distributor, quota to its resellers (R-COUP-11).
 */
export function QuotasTab({ isDistributor, onShowRecords }: QuotasTabProps) {
  const { t } = useTranslation(['coupons', 'common']);
  const access = useAccess();
  const action = useRef<ActionType>(null);
  const [issuing, setIssuing] = useState<Quota | null>(null);
  const [toResellers, setToResellers] = useState<Quota | null>(null);
  const now = new Date();

  const columns: ProColumns<Quota>[] = [
    { title: t('quota.id'), dataIndex: 'quota_id', width: 250, copyable: true, search: false },
    {
      title: t('quota.value'),
      dataIndex: 'quota_value',
      width: 140,
      align: 'right',
      search: false,
      render: (_, quota) => <Money value={amountText(quota.quota_value)} currency="CNY" />,
    },
    {
      title: t('quota.balance'),
      dataIndex: 'balance',
      width: 140,
      align: 'right',
      search: false,
      render: (_, quota) => (
        <span data-testid={`quota-balance-${quota.quota_id}`}>
          <Money value={amountText(quota.balance)} currency="CNY" />
        </span>
      ),
    },
    {
      title: t('quota.status'),
      dataIndex: 'quota_status',
      width: 100,
      valueType: 'select',
      valueEnum: {
        0: { text: t('quota.states.valid') },
        3: { text: t('quota.states.invalid') },
        6: { text: t('quota.states.reclaimed') },
      },
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
      title: t('quota.limits'),
      dataIndex: 'limit_infos',
      width: 220,
      search: false,
      render: (_, quota) => <LimitList limits={quota.limit_infos} />,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 260,
      fixed: 'right',
      render: (_, quota) => {
        const issuable = canIssueFrom(quota, now);
        const hint = issuable ? undefined : t('quota.notIssuable');
        return [
          access.canManageCoupons && (
            <Tooltip key="issue" title={hint}>
              <Button
                type="link"
                size="small"
                disabled={!issuable}
                onClick={() => setIssuing(quota)}
              >
                {t('quota.issueCoupons')}
              </Button>
            </Tooltip>
          ),
          access.canManageCoupons && isDistributor && (
            <Tooltip key="quota" title={hint}>
              <Button
                type="link"
                size="small"
                disabled={!issuable}
                onClick={() => setToResellers(quota)}
              >
                {t('quota.issueQuota')}
              </Button>
            </Tooltip>
          ),
          <Button
            key="records"
            type="link"
            size="small"
            onClick={() => onShowRecords(quota.quota_id)}
          >
            {t('quota.records')}
          </Button>,
        ];
      },
    },
  ];

  return (
    <>
      <ListTable<Quota>
        rowKey="quota_id"
        actionRef={action}
        columns={columns}
        load={async (filters, page) => {
          const status = filters.quota_status;
          const result = await queryClient.query(
            couponQueries.quotas({
              ...page,
              ...(status === undefined ? {} : { quota_status_list: [Number(status)] }),
            }),
          );
          return { rows: result.quotas, total: result.total_count };
        }}
        emptyText={t('quota.empty')}
        pageSizes={[10, 20, 50]}
        scroll={{ x: 1400 }}
      />
      {issuing && (
        <CouponIssueForm
          quota={issuing}
          onClose={() => setIssuing(null)}
          onSaved={() => void action.current?.reload()}
        />
      )}
      {toResellers && (
        <ResellerQuotaIssueForm
          quota={toResellers}
          onClose={() => setToResellers(null)}
          onSaved={() => void action.current?.reload()}
        />
      )}
    </>
  );
}

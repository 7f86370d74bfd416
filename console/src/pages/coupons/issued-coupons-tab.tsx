import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { ApiRequestError } from '../../api/client';
import { notifySuccess, reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { newIdempotencyKey, sumAmounts } from '../customers/funds-rules';
import { BatchResult } from './batch-result';
import { amountText, canReclaimCoupon, couponStateOf } from './coupon-rules';
import { couponQueries, useReclaimCoupon, type BatchAnswer, type IssuedCoupon } from './queries';
import { LimitList } from './quotas-tab';

const stateColors = {
  inactive: 'blue',
  usable: 'green',
  used: 'default',
  expired: 'default',
  reclaimed: 'orange',
} as const;

function customerOf(coupon: IssuedCoupon): string {
  return coupon.customer_account_name || coupon.customer_id;
}

/**
 * 已发放代金券 (P-17): the coupons issued within the user's data scope, reclaimed ones kept
 * (R-COUP-06); 回收 and 批量回收 take a usable coupon's whole balance back after a confirmation
 * naming each customer and amount. Each reclaim carries its own Idempotency-Key.
 */
export function IssuedCouponsTab() {
  const { t } = useTranslation(['coupons', 'common']);
  const { modal } = App.useApp();
  const access = useAccess();
  const action = useRef<ActionType>(null);
  const reclaim = useReclaimCoupon();
  const [selected, setSelected] = useState<IssuedCoupon[]>([]);
  const [result, setResult] = useState<{
    succeeded: number;
    errors: BatchAnswer['error_details'];
    names: Record<string, string>;
  } | null>(null);

  /** Reclaims one by one (ReclaimPartnerCoupons takes one coupon); failures are collected. */
  const reclaimAll = async (coupons: IssuedCoupon[], keys: string[]) => {
    const errors: BatchAnswer['error_details'] = [];
    for (const [index, coupon] of coupons.entries()) {
      try {
        await reclaim.mutateAsync({
          body: { coupon_id: coupon.coupon_id },
          idempotencyKey: keys[index] ?? newIdempotencyKey(),
        });
      } catch (error) {
        if (coupons.length === 1) throw error;
        errors.push({
          id: coupon.coupon_id,
          error_code: error instanceof ApiRequestError ? error.code : '',
          error_msg: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return errors;
  };

  const confirmReclaim = (coupons: IssuedCoupon[]) => {
    // One key per coupon for this confirmation: a retried click reclaims nothing twice.
    const keys = coupons.map(() => newIdempotencyKey());
    const total = sumAmounts(coupons.map((coupon) => amountText(coupon.balance)));
    const [single] = coupons;
    void modal.confirm({
      title: t('coupon.reclaimConfirm'),
      width: 560,
      content:
        coupons.length === 1 && single ? (
          t('coupon.reclaimContent', {
            customer: customerOf(single),
            couponId: single.coupon_id,
            amount: amountText(single.balance),
          })
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {coupons.map((coupon) => (
              <div key={coupon.coupon_id}>
                <Typography.Text strong>{customerOf(coupon)}</Typography.Text> {coupon.coupon_id}
                {'：'}
                <Money value={amountText(coupon.balance)} currency="CNY" />
              </div>
            ))}
            <Typography.Text>
              Σ <Money value={total} currency="CNY" />
            </Typography.Text>
          </Space>
        ),
      okText: t('coupon.reclaimOk'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const errors = await reclaimAll(coupons, keys);
          setSelected([]);
          void action.current?.reload();
          if (errors.length === 0) notifySuccess(t('coupon.reclaimDone', { amount: total }));
          else {
            setResult({
              succeeded: coupons.length - errors.length,
              errors,
              names: Object.fromEntries(
                coupons.map((coupon) => [
                  coupon.coupon_id,
                  `${customerOf(coupon)} ${coupon.coupon_id}`,
                ]),
              ),
            });
          }
        } catch (error) {
          reportError(error);
        }
      },
    });
  };

  const columns: ProColumns<IssuedCoupon>[] = [
    { title: t('coupon.id'), dataIndex: 'coupon_id', width: 250, copyable: true },
    {
      title: t('coupon.customer'),
      dataIndex: 'customer_id',
      width: 220,
      search: false,
      render: (_, coupon) => (
        <Space direction="vertical" size={0}>
          <span>{customerOf(coupon)}</span>
          {coupon.customer_name && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {coupon.customer_name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('coupon.faceValue'),
      dataIndex: 'face_value',
      width: 130,
      align: 'right',
      search: false,
      render: (_, coupon) => <Money value={amountText(coupon.face_value)} currency="CNY" />,
    },
    {
      title: t('coupon.balance'),
      dataIndex: 'balance',
      width: 130,
      align: 'right',
      search: false,
      render: (_, coupon) => <Money value={amountText(coupon.balance)} currency="CNY" />,
    },
    {
      title: t('coupon.status'),
      dataIndex: 'status',
      width: 100,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        (['inactive', 'usable', 'used', 'expired', 'reclaimed'] as const).map((state, index) => [
          index + 1,
          { text: t(`coupon.states.${state}`) },
        ]),
      ),
      render: (_, coupon) => {
        const state = couponStateOf(coupon);
        return (
          <Space direction="vertical" size={0}>
            <Tag color={stateColors[state]}>{t(`coupon.states.${state}`)}</Tag>
            {coupon.reclaimed_amount !== undefined && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('coupon.reclaimedAmount')}{' '}
                <Money value={amountText(coupon.reclaimed_amount)} currency="CNY" />
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('quota.limits'),
      dataIndex: 'use_limits',
      width: 200,
      search: false,
      render: (_, coupon) => <LimitList limits={coupon.use_limits} />,
    },
    {
      title: t('coupon.validTime'),
      dataIndex: 'effective_time',
      width: 170,
      search: false,
      render: (_, coupon) => formatDateTime(coupon.effective_time),
    },
    {
      title: t('coupon.expireTime'),
      dataIndex: 'expire_time',
      width: 170,
      search: false,
      render: (_, coupon) => formatDateTime(coupon.expire_time),
    },
    {
      title: t('coupon.createTime'),
      dataIndex: 'create_time',
      width: 170,
      search: false,
      render: (_, coupon) => formatDateTime(coupon.create_time),
    },
    { title: t('coupon.quotaId'), dataIndex: 'quota_id', width: 250, search: false },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 100,
      fixed: 'right',
      hideInTable: !access.canManageCoupons,
      render: (_, coupon) => {
        const reclaimable = canReclaimCoupon(coupon);
        return [
          <Tooltip key="reclaim" title={reclaimable ? undefined : t('coupon.notReclaimable')}>
            <Button
              type="link"
              size="small"
              danger
              disabled={!reclaimable}
              onClick={() => confirmReclaim([coupon])}
            >
              {t('coupon.reclaim')}
            </Button>
          </Tooltip>,
        ];
      },
    },
  ];

  return (
    <>
      <ProTable<IssuedCoupon, TableParams>
        rowKey="coupon_id"
        actionRef={action}
        columns={columns}
        request={(params) => {
          const { page, filters } = splitTableParams(params);
          return loadTablePage(async () => {
            const answer = await queryClient.query(
              couponQueries.issued({
                ...page,
                status: filters.status,
                coupon_id: filters.coupon_id,
              }),
            );
            return { rows: answer.user_coupons, total: answer.total_count };
          });
        }}
        rowSelection={
          access.canManageCoupons
            ? {
                selectedRowKeys: selected.map((coupon) => coupon.coupon_id),
                onChange: (_, rows) => setSelected(rows),
                getCheckboxProps: (coupon) => ({ disabled: !canReclaimCoupon(coupon) }),
              }
            : undefined
        }
        toolBarRender={() =>
          access.canManageCoupons
            ? [
                <Button
                  key="batch"
                  danger
                  disabled={selected.length === 0}
                  onClick={() => confirmReclaim(selected)}
                >
                  {t('coupon.reclaim')} ({selected.length})
                </Button>,
              ]
            : []
        }
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 10,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
        }}
        locale={{ emptyText: <Empty description={t('coupon.empty')} /> }}
        options={{ density: false, setting: true, reload: true }}
        scroll={{ x: 2000 }}
      />
      {result && (
        <BatchResult
          title={t('coupon.reclaimConfirm')}
          succeeded={result.succeeded}
          errors={result.errors}
          nameOf={(id) => result.names[id] ?? id}
          onClose={() => setResult(null)}
        />
      )}
    </>
  );
}

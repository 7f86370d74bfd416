import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';
import { ListTable } from '../../components/list-table';
import { dateRangeSearch } from '../../components/table-request';
import { useOperationVerification } from '../../components/verification-code';
import { CouponStateTag, LimitList } from './coupon-cells';
import { CouponReclaimDialog, customerOf } from './coupon-reclaim-dialog';
import { amountText, canReclaimCoupon } from './coupon-rules';
import { couponQueries, type IssuedCoupon } from './queries';

/**
 * 已发放代金券 (P-17): the coupons issued within the user's data scope, reclaimed ones kept
 * (R-COUP-06); 回收 and 批量回收 take a usable coupon's whole balance back after a confirmation
 * naming each customer and amount (see `CouponReclaimDialog`).
 */
export function IssuedCouponsTab() {
  const { t } = useTranslation(['coupons', 'common']);
  const access = useAccess();
  const action = useRef<ActionType>(null);
  const verification = useOperationVerification();
  const [selected, setSelected] = useState<IssuedCoupon[]>([]);
  const [reclaiming, setReclaiming] = useState<IssuedCoupon[] | null>(null);
  // A mailed code is good for one move and ReclaimPartnerCoupons moves one coupon.
  const oneAtATime = verification.data?.enabled === true;

  const columns: ProColumns<IssuedCoupon>[] = [
    { title: t('coupon.id'), dataIndex: 'coupon_id', width: 250, copyable: true },
    {
      title: t('coupon.customer'),
      dataIndex: 'customer_account_name',
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
      title: t('coupon.customerId'),
      dataIndex: 'customer_id',
      hideInTable: true,
    },
    {
      title: t('coupon.createTime'),
      dataIndex: 'create_range',
      valueType: 'dateTimeRange',
      hideInTable: true,
      search: dateRangeSearch('create_time_begin', 'create_time_end'),
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
      render: (_, coupon) => (
        <Space direction="vertical" size={0}>
          <CouponStateTag coupon={coupon} />
          {coupon.reclaimed_amount !== undefined && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('coupon.reclaimedAmount')}{' '}
              <Money value={amountText(coupon.reclaimed_amount)} currency="CNY" />
            </Typography.Text>
          )}
        </Space>
      ),
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
              onClick={() => setReclaiming([coupon])}
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
      <ListTable<IssuedCoupon>
        rowKey="coupon_id"
        actionRef={action}
        columns={columns}
        load={async (filters, page) => {
          const answer = await queryClient.query(
            couponQueries.issued({
              ...page,
              status: filters.status,
              coupon_id: filters.coupon_id,
              customer_id: filters.customer_id,
              create_time_begin: filters.create_time_begin,
              create_time_end: filters.create_time_end,
            }),
          );
          return { rows: answer.user_coupons, total: answer.total_count };
        }}
        emptyText={t('coupon.empty')}
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
                <Tooltip key="batch" title={oneAtATime ? t('coupon.oneAtATime') : undefined}>
                  <Button
                    danger
                    disabled={selected.length === 0 || (oneAtATime && selected.length > 1)}
                    onClick={() => setReclaiming(selected)}
                  >
                    {t('coupon.batchReclaim', { count: selected.length })}
                  </Button>
                </Tooltip>,
              ]
            : []
        }
        scroll={{ x: 2000 }}
      />
      {reclaiming && (
        <CouponReclaimDialog
          coupons={reclaiming}
          onClose={() => setReclaiming(null)}
          onDone={() => {
            setSelected([]);
            void action.current?.reload();
          }}
        />
      )}
    </>
  );
}

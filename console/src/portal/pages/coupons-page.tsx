import type { ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { formatDateTime } from '../../components/format';
import { ListTable } from '../../components/list-table';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import { CouponStateTag, LimitList } from '../../pages/coupons/coupon-cells';
import { amountText } from '../../pages/coupons/coupon-rules';
import { sumAmounts } from '../../pages/customers/funds-rules';
import { PORTAL_MAX_PAGE_SIZE } from '../api';
import {
  portalCouponQueries,
  type PortalCoupon,
  type PortalCouponChange,
  type PortalCouponChangeQuery,
} from './coupons-queries';
import { directionColumn, PortalChangeRecords } from './change-records';

const CURRENCY = 'CNY';

async function loadChanges(
  query: PortalCouponChangeQuery,
  page: { offset: number; limit: number },
) {
  const result = await queryClient.query(portalCouponQueries.changes({ ...query, ...page }));
  return { rows: result.records, total: result.total_count };
}

/**
 * The usable coupons' total balance, summed exactly in cents; one page holds them all, as a
 * customer holds far fewer usable coupons than a page's most.
 */
function useUsableTotal() {
  const usable = useQuery(
    portalCouponQueries.list({ status: '2', offset: 0, limit: PORTAL_MAX_PAGE_SIZE }),
  );
  const coupons = usable.data?.user_coupons ?? [];
  return {
    loading: usable.isLoading,
    count: usable.data?.count ?? 0,
    total: sumAmounts(coupons.map((coupon) => amountText(coupon.balance))),
  };
}

/**
 * 优惠券 (customer portal): the coupons the partner issued to the customer, with face value,
 * balance, validity and scope (reclaimed ones are gone, R-COUP-06; the issuer's remark never
 * shows, R-COUP-04), the usable total, and the coupons' change records with a CSV export.
 */
export function PortalCouponsPage() {
  const { t } = useTranslation(['coupons', 'funds']);
  const usable = useUsableTotal();
  const tradeText = (record: PortalCouponChange) =>
    t(`portal.tradeTypes.${record.trade_detail_type as 'COUPONADJUST' | 'COUPONCANCEL'}`, {
      defaultValue: record.trade_detail_type,
    });

  const couponColumns: ProColumns<PortalCoupon>[] = [
    { title: t('coupon.id'), dataIndex: 'coupon_id', width: 250, copyable: true, search: false },
    {
      title: t('coupon.faceValue'),
      dataIndex: 'face_value',
      width: 130,
      align: 'right',
      search: false,
      render: (_, coupon) => <Money value={amountText(coupon.face_value)} currency={CURRENCY} />,
    },
    {
      title: t('coupon.balance'),
      dataIndex: 'balance',
      width: 130,
      align: 'right',
      search: false,
      render: (_, coupon) => <Money value={amountText(coupon.balance)} currency={CURRENCY} />,
    },
    {
      title: t('coupon.status'),
      dataIndex: 'status',
      width: 100,
      valueType: 'select',
      valueEnum: {
        1: { text: t('coupon.states.inactive') },
        2: { text: t('coupon.states.usable') },
        3: { text: t('coupon.states.used') },
        4: { text: t('coupon.states.expired') },
      },
      render: (_, coupon) => <CouponStateTag coupon={coupon} />,
    },
    {
      title: t('coupon.validTime'),
      dataIndex: 'valid_time',
      width: 170,
      search: false,
      render: (_, coupon) => formatDateTime(coupon.valid_time),
    },
    {
      title: t('coupon.expireTime'),
      dataIndex: 'expire_time',
      width: 170,
      search: false,
      render: (_, coupon) => formatDateTime(coupon.expire_time),
    },
    {
      title: t('portal.scope'),
      dataIndex: 'use_limits',
      search: false,
      render: (_, coupon) => (
        <LimitList limits={coupon.use_limits} noLimitText={t('portal.allScope')} />
      ),
    },
  ];

  const kindColumns: ProColumns<PortalCouponChange>[] = [
    directionColumn(t('portal.tradeType'), 100, tradeText, t('funds:income'), t('funds:expense')),
    { title: t('coupon.id'), dataIndex: 'coupon_id', width: 250, search: false },
  ];

  const kindCsv: CsvColumn<PortalCouponChange>[] = [
    { title: t('portal.tradeType'), value: tradeText },
    { title: t('coupon.id'), value: (record) => record.coupon_id },
  ];

  return (
    <PageShell title={t('portal.title')} content={t('portal.intro')}>
      <Card loading={usable.loading} style={{ marginBottom: 16 }}>
        <Statistic
          title={t('portal.usable')}
          valueRender={() => (
            <Space align="baseline">
              <span data-testid="portal-coupon-balance">
                <Money value={usable.total} currency={CURRENCY} />
              </span>
              <Typography.Text type="secondary">
                {t('portal.usableCount', { count: usable.count })}
              </Typography.Text>
            </Space>
          )}
        />
      </Card>
      <ListTable<PortalCoupon>
        rowKey="coupon_id"
        headerTitle={t('portal.coupons')}
        columns={couponColumns}
        load={async (current, page) => {
          const result = await queryClient.query(
            portalCouponQueries.list({ ...page, status: current.status }),
          );
          return { rows: result.user_coupons, total: result.count };
        }}
        emptyText={t('portal.emptyCoupons')}
        pageSizes={[10, 20, 50]}
        columnSetting={false}
        scroll={{ x: 1100 }}
        style={{ marginBottom: 16 }}
      />
      <PortalChangeRecords<PortalCouponChange>
        rowKey="trade_id"
        headerTitle={t('portal.changes')}
        emptyText={t('portal.emptyChanges')}
        exportName={t('portal.exportName')}
        kindColumns={kindColumns}
        kindCsv={kindCsv}
        load={loadChanges}
      />
    </PageShell>
  );
}

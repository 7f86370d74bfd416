import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { couponStateOf, limitPieces, quotaStateOf } from './coupon-rules';
import type { Quota } from './queries';

const quotaColors = { valid: 'green', invalid: 'default', reclaimed: 'orange' } as const;
const couponColors = {
  inactive: 'blue',
  usable: 'green',
  used: 'default',
  expired: 'default',
  reclaimed: 'orange',
} as const;

/**
 * The scope a quota or coupon restricts to, one line per kind; `noLimitText` (by default "none")
 * when unrestricted.
 */
export function LimitList({
  limits,
  noLimitText,
}: {
  limits: Parameters<typeof limitPieces>[0];
  noLimitText?: string;
}) {
  const { t } = useTranslation(['coupons', 'common']);
  const pieces = limitPieces(limits);
  if (pieces.length === 0) return <>{noLimitText ?? t('quota.noLimit')}</>;
  return (
    <Space direction="vertical" size={0}>
      {pieces.map((piece) => (
        <Typography.Text key={piece.key} style={{ fontSize: 12 }}>
          {t(`limitKeys.${piece.key}`, { defaultValue: piece.key })}: {piece.values.join(', ')}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** A quota's state as its coloured tag. */
export function QuotaStateTag({ quota }: { quota: Quota }) {
  const { t } = useTranslation('coupons');
  const state = quotaStateOf(quota);
  return <Tag color={quotaColors[state]}>{t(`quota.states.${state}`)}</Tag>;
}

/** When a quota starts and stops being valid, one above the other. */
export function QuotaValidity({ quota }: { quota: Quota }) {
  return (
    <Space direction="vertical" size={0}>
      <span>{formatDateTime(quota.effective_time)}</span>
      <span>{formatDateTime(quota.expire_time)}</span>
    </Space>
  );
}

/** A coupon's state as its coloured tag, in the console and in the customer portal alike. */
export function CouponStateTag({ coupon }: { coupon: { status: number } }) {
  const { t } = useTranslation('coupons');
  const state = couponStateOf(coupon);
  return <Tag color={couponColors[state]}>{t(`coupon.states.${state}`)}</Tag>;
}

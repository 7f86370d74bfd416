import { Alert, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/client';
import { notifySuccess, reportError } from '../../api/errors';
import { Money } from '../../components/money';
import { VerificationCodeField } from '../../components/verification-code';
import { newIdempotencyKey, sumAmounts } from '../customers/funds-rules';
import { BatchResult } from './batch-result';
import { amountText } from './coupon-rules';
import { useReclaimCoupon, type BatchAnswer, type IssuedCoupon } from './queries';

interface CouponReclaimDialogProps {
  coupons: IssuedCoupon[];
  onClose: () => void;
  onDone: () => void;
}

export function customerOf(coupon: IssuedCoupon): string {
  return coupon.customer_account_name || coupon.customer_id;
}

/**
 * 回收 / 批量回收 (R-COUP-06): names every customer, coupon and the whole balance taken back,
 * asks for the mailed code when 验证码验证 is on (R-COUP-05), then reclaims coupon by coupon
 * (ReclaimPartnerCoupons takes one), each with its own Idempotency-Key kept for this dialog, so
 * a retried click reclaims nothing twice. A batch lists each failure in its result.
 */
export function CouponReclaimDialog({ coupons, onClose, onDone }: CouponReclaimDialogProps) {
  const { t } = useTranslation('coupons');
  const [form] = Form.useForm<{ verification_code?: string }>();
  const reclaim = useReclaimCoupon();
  const [keys] = useState(() => coupons.map(() => newIdempotencyKey()));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchAnswer['error_details'] | null>(null);
  const total = sumAmounts(coupons.map((coupon) => amountText(coupon.balance)));
  const [single] = coupons;

  const submit = async ({ verification_code }: { verification_code?: string }) => {
    setBusy(true);
    const errors: BatchAnswer['error_details'] = [];
    try {
      for (const [index, coupon] of coupons.entries()) {
        try {
          await reclaim.mutateAsync({
            body: { coupon_id: coupon.coupon_id },
            idempotencyKey: keys[index] ?? newIdempotencyKey(),
            verificationCode: verification_code,
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
      onDone();
      if (errors.length === 0) {
        notifySuccess(t('coupon.reclaimDone', { amount: total }));
        onClose();
      } else {
        setResult(errors);
      }
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <BatchResult
        title={t('coupon.reclaimConfirm')}
        succeeded={coupons.length - result.length}
        errors={result}
        nameOf={(id) => {
          const coupon = coupons.find((candidate) => candidate.coupon_id === id);
          return coupon ? `${customerOf(coupon)} ${id}` : id;
        }}
        onClose={onClose}
      />
    );
  }

  return (
    <Modal
      open
      title={t('coupon.reclaimConfirm')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('coupon.reclaimOk')}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      width={560}
      destroyOnHidden
    >
      <Form form={form} onFinish={(values) => void submit(values)} layout="vertical">
        {coupons.length === 1 && single ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('coupon.reclaimContent', {
              customer: customerOf(single),
              couponId: single.coupon_id,
              amount: amountText(single.balance),
            })}
          />
        ) : (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Typography.Text>
              {t('coupon.batchReclaimContent', { count: coupons.length })}
            </Typography.Text>
            {coupons.map((coupon) => (
              <div key={coupon.coupon_id}>
                <Typography.Text strong>{customerOf(coupon)}</Typography.Text> {coupon.coupon_id}
                {'：'}
                <Money value={amountText(coupon.balance)} currency="CNY" />
              </div>
            ))}
            <Typography.Text>
              {t('coupon.total')}
              <Money value={total} currency="CNY" />
            </Typography.Text>
          </Space>
        )}
        <VerificationCodeField />
      </Form>
    </Modal>
  );
}

import { useQuery } from '@tanstack/react-query';
import { App, Collapse, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VerificationCodeField } from '../../components/verification-code';
import { customerQueries } from '../customers/queries';
import { sumAmounts } from '../customers/funds-rules';
import { useChosenNames } from './chosen-names';
import { LimitList } from './coupon-cells';
import {
  amountText,
  limitPieces,
  MAX_COUPON_CUSTOMERS,
  minimumOrderProblem,
  toCouponIssueRequest,
  validityProblem,
} from './coupon-rules';
import { IssueAmountItem, IssueDialog, RecipientAmounts, useIssueSubmission } from './issue-parts';
import { useIssueCoupons, type Quota } from './queries';

interface FormValues {
  customerIds: string[];
  faceValue: string;
  minimumOrderAmount?: string;
  validity?: [Dayjs, Dayjs] | null;
  cloudServiceTypes?: string[];
  productIds?: string[];
  memo?: string;
  verification_code?: string;
}

interface CouponIssueFormProps {
  quota: Quota;
  onClose: () => void;
  onSaved: () => void;
}

/** Associated resale (代售) customers matching `keyword`: the only ones coupons go to. */
function useResaleCustomers(keyword: string) {
  return useQuery(customerQueries.list({ association_type: '2', keyword, offset: 0, limit: 50 }));
}

/**
 * A coupon's service types or products: a choice among the quota's when it restricts them (the
 * coupon may only narrow them), free codes when it does not.
 */
function ScopeSelect({
  allowed,
  ...rest
}: {
  allowed: string[] | undefined;
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  return allowed ? (
    <Select
      mode="multiple"
      options={allowed.map((code) => ({ value: code, label: code }))}
      {...rest}
    />
  ) : (
    <Select mode="tags" maxCount={10} tokenSeparators={[',', ' ']} {...rest} />
  );
}

/**
 * 发放代金券 from a valid quota (P-17, R-COUP-02..04): up to 10 associated resale customers, face
 * value, minimum order amount, optional validity and scope within the quota's, and the issuer's
 * remark; the mailed code when 验证码验证 is on (R-COUP-05). The confirmation names every customer
 * and the total; one Idempotency-Key per submission, kept when the same submission is retried.
 */
export function CouponIssueForm({ quota, onClose, onSaved }: CouponIssueFormProps) {
  const { t } = useTranslation('coupons');
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [keyword, setKeyword] = useState('');
  const customers = useResaleCustomers(keyword);
  const submission = useIssueSubmission({ onSaved, onClose });
  const issue = useIssueCoupons();
  const balance = amountText(quota.balance);
  const selected = Form.useWatch('customerIds', form) ?? [];

  const options = useMemo(
    () =>
      (customers.data?.customers ?? []).map((customer) => ({
        value: customer.customer_id,
        label: `${customer.account_name}${customer.customer_name ? ` (${customer.customer_name})` : ''}`,
        name: customer.account_name,
      })),
    [customers.data],
  );
  const { remember, nameOf } = useChosenNames(options);

  const submit = (values: FormValues) => {
    const validity = values.validity
      ? { validTime: values.validity[0].toDate(), expireTime: values.validity[1].toDate() }
      : undefined;
    const body = toCouponIssueRequest(quota.quota_id, { ...values, validity });
    const idempotencyKey = submission.keyFor(body);
    const total = sumAmounts(body.customer_ids.map(() => body.face_value));
    void modal.confirm({
      title: t('issue.confirmTitle'),
      width: 520,
      content: (
        <RecipientAmounts
          summary={t('issue.confirmContent', {
            count: body.customer_ids.length,
            amount: body.face_value,
            total,
          })}
          ids={body.customer_ids}
          nameOf={nameOf}
          amount={body.face_value}
        />
      ),
      okText: t('issue.confirm'),
      onOk: async () => {
        const answer = await issue.mutateAsync({
          body,
          idempotencyKey,
          verificationCode: values.verification_code,
        });
        submission.settle(
          { succeeded: answer.coupon_infos.length, errors: answer.error_details },
          t('issue.done', { count: answer.coupon_infos.length }),
        );
      },
    });
  };

  const quotaScope = Object.fromEntries(
    limitPieces(quota.limit_infos).map((piece) => [piece.key, piece.values]),
  );
  const quotaRange: [Dayjs, Dayjs] = [dayjs(quota.effective_time), dayjs(quota.expire_time)];

  return (
    <IssueDialog
      title={t('issue.title')}
      quota={quota}
      quotaDetails={
        <Space>
          {t('issue.quotaLimits')}:
          <LimitList limits={quota.limit_infos} />
        </Space>
      }
      width={640}
      busy={issue.isPending}
      outcome={submission.outcome}
      nameOf={nameOf}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      <Form<FormValues> form={form} onFinish={submit} layout="vertical">
        <Form.Item
          name="customerIds"
          label={t('issue.customers')}
          extra={t('issue.customersHint', { max: MAX_COUPON_CUSTOMERS })}
          rules={[
            { required: true, message: t('issue.customersRequired') },
            {
              validator: (_, value: string[] | undefined) =>
                (value ?? []).length > MAX_COUPON_CUSTOMERS
                  ? Promise.reject(
                      new Error(t('issue.customersTooMany', { max: MAX_COUPON_CUSTOMERS })),
                    )
                  : Promise.resolve(),
            },
          ]}
        >
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setKeyword}
            loading={customers.isFetching}
            options={options}
            onChange={(ids: string[]) => remember(ids)}
          />
        </Form.Item>
        <IssueAmountItem
          name="faceValue"
          label={t('issue.faceValue')}
          balance={balance}
          recipients={selected.length}
        />
        <Form.Item
          name="minimumOrderAmount"
          label={t('issue.minimumOrder')}
          extra={t('issue.minimumOrderHint')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = minimumOrderProblem(value);
                return problem
                  ? Promise.reject(new Error(t(`issue.amountProblems.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" suffix="CNY" />
        </Form.Item>
        <Form.Item
          name="validity"
          label={t('issue.validity')}
          extra={t('issue.validityHint')}
          rules={[
            {
              validator: (_, value: [Dayjs, Dayjs] | null | undefined) => {
                if (!value) return Promise.resolve();
                const problem = validityProblem(
                  { validTime: value[0].toDate(), expireTime: value[1].toDate() },
                  quota,
                  new Date(),
                );
                return problem
                  ? Promise.reject(new Error(t(`issue.validityProblems.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime
            style={{ width: '100%' }}
            disabledDate={(day) =>
              day.isBefore(quotaRange[0], 'day') || day.isAfter(quotaRange[1], 'day')
            }
          />
        </Form.Item>
        <Collapse
          ghost
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'advanced',
              label: t('issue.advanced'),
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    {t('issue.scopeHint')}
                  </Typography.Paragraph>
                  <Form.Item name="cloudServiceTypes" label={t('issue.serviceTypes')}>
                    <ScopeSelect allowed={quotaScope.cloud_service_types} />
                  </Form.Item>
                  <Form.Item name="productIds" label={t('issue.productIds')}>
                    <ScopeSelect allowed={quotaScope.product_ids} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Form.Item name="memo" label={t('issue.memo')} extra={t('issue.memoHint')}>
          <Input.TextArea maxLength={256} showCount rows={2} />
        </Form.Item>
        <VerificationCodeField />
      </Form>
    </IssueDialog>
  );
}

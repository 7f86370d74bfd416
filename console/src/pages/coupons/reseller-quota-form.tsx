import { useQuery } from '@tanstack/react-query';
import { App, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VerificationCodeField } from '../../components/verification-code';
import { normalizeAmount, sumAmounts } from '../customers/funds-rules';
import { resellerQueries } from '../resellers/queries';
import { useChosenNames } from './chosen-names';
import { amountText, MAX_QUOTA_RESELLERS } from './coupon-rules';
import { IssueAmountItem, IssueDialog, RecipientAmounts, useIssueSubmission } from './issue-parts';
import { useIssueResellerQuota, type Quota } from './queries';

interface FormValues {
  resellerIds: string[];
  amount: string;
  verification_code?: string;
}

interface ResellerQuotaIssueFormProps {
  quota: Quota;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 发放额度 (P-17, R-COUP-11): a tier-1 distributor carves the same amount out of a valid quota for
 * each of up to 10 of its resellers. The confirmation names every reseller and the total; one
 * Idempotency-Key per submission; the mailed code while 验证码验证 is on (X4).
 */
export function ResellerQuotaIssueForm({ quota, onClose, onSaved }: ResellerQuotaIssueFormProps) {
  const { t } = useTranslation('coupons');
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [keyword, setKeyword] = useState('');
  const resellers = useQuery(resellerQueries.list({ keyword, offset: 0, limit: 50 }));
  const submission = useIssueSubmission({ onSaved, onClose });
  const issue = useIssueResellerQuota();
  const balance = amountText(quota.balance);
  const selected = Form.useWatch('resellerIds', form) ?? [];
  const options = useMemo(
    () =>
      (resellers.data?.resellers ?? []).map((reseller) => {
        const label = reseller.company_name
          ? `${reseller.name} (${reseller.company_name})`
          : reseller.name;
        return { value: reseller.id, label, name: label };
      }),
    [resellers.data],
  );
  const { remember, nameOf } = useChosenNames(options);

  const submit = (values: FormValues) => {
    const body = {
      quota_id: quota.quota_id,
      indirect_partner_ids: values.resellerIds,
      quota_amount: normalizeAmount(values.amount),
    };
    const idempotencyKey = submission.keyFor(body);
    void modal.confirm({
      title: t('issuedQuota.issueTitle'),
      width: 520,
      content: (
        <RecipientAmounts
          summary={t('issuedQuota.issueConfirmContent', {
            quotaId: quota.quota_id,
            count: body.indirect_partner_ids.length,
            amount: body.quota_amount,
            total: sumAmounts(body.indirect_partner_ids.map(() => body.quota_amount)),
          })}
          ids={body.indirect_partner_ids}
          nameOf={nameOf}
          amount={body.quota_amount}
        />
      ),
      okText: t('issue.confirm'),
      onOk: async () => {
        const answer = await issue.mutateAsync({
          body,
          idempotencyKey,
          verificationCode: values.verification_code,
        });
        const succeeded = body.indirect_partner_ids.length - answer.error_details.length;
        submission.settle(
          { succeeded, errors: answer.error_details },
          t('issuedQuota.issueDone', { count: succeeded }),
        );
      },
    });
  };

  return (
    <IssueDialog
      title={t('issuedQuota.issueTitle')}
      quota={quota}
      width={600}
      busy={issue.isPending}
      outcome={submission.outcome}
      nameOf={nameOf}
      onSubmit={() => form.submit()}
      onClose={onClose}
    >
      <Form<FormValues> form={form} onFinish={submit} layout="vertical">
        <Form.Item
          name="resellerIds"
          label={t('issuedQuota.resellers')}
          extra={t('issuedQuota.resellersHint', { max: MAX_QUOTA_RESELLERS })}
          rules={[{ required: true, message: t('issuedQuota.resellersRequired') }]}
        >
          <Select
            mode="multiple"
            maxCount={MAX_QUOTA_RESELLERS}
            showSearch
            filterOption={false}
            onSearch={setKeyword}
            loading={resellers.isFetching}
            options={options}
            onChange={(ids: string[]) => remember(ids)}
          />
        </Form.Item>
        <IssueAmountItem
          name="amount"
          label={t('issuedQuota.amount')}
          balance={balance}
          recipients={selected.length}
        />
        <VerificationCodeField />
      </Form>
    </IssueDialog>
  );
}

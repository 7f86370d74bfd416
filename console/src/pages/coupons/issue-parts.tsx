import { Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/money';
import { issueAmountProblem } from './coupon-rules';

/**
 * The body of an issue's confirmation (coupons to customers, quota to resellers): the summary,
 * then every recipient by name with the amount each gets, so nothing goes out unseen.
 */
export function RecipientAmounts({
  summary,
  ids,
  nameOf,
  amount,
}: {
  summary: string;
  ids: readonly string[];
  nameOf: (id: string) => string;
  amount: string;
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{summary}</Typography.Text>
      {ids.map((id) => (
        <div key={id}>
          <Typography.Text strong>{nameOf(id)}</Typography.Text>
          {'：'}
          <Money value={amount} currency="CNY" />
        </div>
      ))}
    </Space>
  );
}

/**
 * The amount each recipient gets from a quota; every chosen recipient (at least one) takes it from
 * the same balance, so the check multiplies it by their number.
 */
export function IssueAmountItem({
  name,
  label,
  balance,
  recipients,
}: {
  name: string;
  label: string;
  balance: string;
  recipients: number;
}) {
  const { t } = useTranslation('coupons');
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        {
          validator: (_, value: string | undefined) => {
            const problem = issueAmountProblem(value, balance, Math.max(recipients, 1));
            return problem
              ? Promise.reject(new Error(t(`issue.amountProblems.${problem}`)))
              : Promise.resolve();
          },
        },
      ]}
    >
      <Input inputMode="decimal" suffix="CNY" aria-label={label} />
    </Form.Item>
  );
}

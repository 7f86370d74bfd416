import { Alert, Form, Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { Money } from '../../components/money';
import { submissionKeyFor, type SubmissionKey } from '../customers/funds-rules';
import { BatchResult } from './batch-result';
import { amountText, fingerprintOf, issueAmountProblem } from './coupon-rules';
import type { BatchAnswer, Quota } from './queries';

interface IssueOutcome {
  succeeded: number;
  errors: BatchAnswer['error_details'];
}

/**
 * The submission side of an issue from a quota: one Idempotency-Key per submission, kept while the
 * same one is retried, and what the batch answer leads to (done and closed, or the failures).
 */
export function useIssueSubmission({
  onSaved,
  onClose,
}: {
  onSaved: () => void;
  onClose: () => void;
}) {
  const [lastKey, setLastKey] = useState<SubmissionKey | null>(null);
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);
  return {
    outcome,
    keyFor: (body: object) => {
      const submission = submissionKeyFor(lastKey, fingerprintOf(body));
      setLastKey(submission);
      return submission.key;
    },
    settle: ({ succeeded, errors }: IssueOutcome, doneText: string) => {
      // Done: issuing the same again is a new submission that moves quota again.
      setLastKey(null);
      onSaved();
      if (errors.length === 0) {
        notifySuccess(doneText);
        onClose();
      } else {
        setOutcome({ succeeded, errors });
      }
    },
  };
}

interface IssueDialogProps {
  title: string;
  quota: Quota;
  /** More about the quota under its balance (the coupon form shows its restrictions). */
  quotaDetails?: ReactNode;
  width: number;
  busy: boolean;
  outcome: IssueOutcome | null;
  nameOf: (id: string) => string;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The frame of an issue from a quota: the form under the quota's balance, then, when some
 * recipients failed, each of them with the reason in place of the form.
 */
export function IssueDialog({
  title,
  quota,
  quotaDetails,
  width,
  busy,
  outcome,
  nameOf,
  onSubmit,
  onClose,
  children,
}: IssueDialogProps) {
  const { t } = useTranslation('coupons');
  if (outcome) {
    return (
      <BatchResult
        title={title}
        succeeded={outcome.succeeded}
        errors={outcome.errors}
        nameOf={nameOf}
        onClose={onClose}
      />
    );
  }
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={onSubmit}
      okText={t('issue.confirm')}
      confirmLoading={busy}
      width={width}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('issue.quota', { quotaId: quota.quota_id, balance: amountText(quota.balance) })}
        description={quotaDetails}
      />
      {children}
    </Modal>
  );
}

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

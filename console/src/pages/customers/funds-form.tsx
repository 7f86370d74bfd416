import { App, Alert, Button, Form, Input, Modal, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { Money } from '../../components/money';
import { VerificationCodeField } from '../../components/verification-code';
import {
  balanceText,
  useCustomerBalances,
  useMoveCustomerFunds,
  type BatchFundsResult,
  type FundsDirection,
  type FundsItem,
} from './funds-queries';
import {
  amountProblem,
  normalizeAmount,
  submissionKeyFor,
  sumAmounts,
  type SubmissionKey,
} from './funds-rules';

const CURRENCY = 'CNY';

export interface FundsCustomer {
  customer_id: string;
  account_name: string;
}

interface FundsFormProps {
  direction: FundsDirection;
  /** One customer for the row action, up to 100 for 批量拨款 / 批量回收. */
  customers: FundsCustomer[];
  onClose: () => void;
  onSaved: () => void;
}

type FormValues = { amounts: Record<string, string>; all?: string; verification_code?: string };

/**
 * 拨款 / 回收 for one or several resale customers (P-14, R-FUND-03/04): exact decimal amounts,
 * a confirmation naming every customer and amount, one Idempotency-Key per submission (kept
 * when the same submission is retried), the mailed code when 验证码验证 is on (R-FUND-04) and the
 * per-item outcome of a batch.
 */
export function FundsForm({ direction, customers, onClose, onSaved }: FundsFormProps) {
  const { t } = useTranslation('funds');
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const ids = customers.map((customer) => customer.customer_id);
  const balances = useCustomerBalances(ids);
  const move = useMoveCustomerFunds();
  const [lastKey, setLastKey] = useState<SubmissionKey | null>(null);
  const [result, setResult] = useState<BatchFundsResult | null>(null);
  const nameOf = (id: string) =>
    customers.find((customer) => customer.customer_id === id)?.account_name ?? id;

  const validator = (_: unknown, value: string | undefined) => {
    const problem = amountProblem(value);
    return problem
      ? Promise.reject(new Error(t(`customerFunds.amountProblems.${problem}`)))
      : Promise.resolve();
  };

  const submit = (values: FormValues) => {
    const items: FundsItem[] = customers.map((customer) => ({
      customer_id: customer.customer_id,
      amount: normalizeAmount(values.amounts[customer.customer_id] ?? ''),
    }));
    const fingerprint = `${direction}|${items.map((i) => `${i.customer_id}=${i.amount}`).join(',')}`;
    const submission = submissionKeyFor(lastKey, fingerprint);
    setLastKey(submission);
    const total = sumAmounts(items.map((item) => item.amount));
    void modal.confirm({
      title: t(`customerFunds.${direction}.confirm`, { count: items.length }),
      width: 520,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {items.map((item) => (
            <div key={item.customer_id}>
              <Typography.Text strong>{nameOf(item.customer_id)}</Typography.Text>
              {'：'}
              <Money value={item.amount} currency={CURRENCY} />
            </div>
          ))}
          {items.length > 1 && (
            <Typography.Text>
              {t('customerFunds.total')}
              <Money value={total} currency={CURRENCY} />
            </Typography.Text>
          )}
        </Space>
      ),
      okText: t(`customerFunds.${direction}.action`),
      okButtonProps: { danger: direction === 'reclaim' },
      onOk: async () => {
        const answer = await move.mutateAsync({
          direction,
          items,
          idempotencyKey: submission.key,
          verificationCode: values.verification_code,
        });
        // The submission is done: a new one, even with the same amounts, moves money again.
        setLastKey(null);
        onSaved();
        if (items.length === 1 && answer.error_details.length === 0) {
          notifySuccess(t(`customerFunds.${direction}.done`));
          onClose();
        } else {
          setResult(answer);
        }
      },
    });
  };

  if (result) {
    return (
      <Modal
        open
        title={t(`customerFunds.${direction}.title`)}
        onCancel={onClose}
        footer={<Button onClick={onClose}>{t('customerFunds.close')}</Button>}
        width={720}
      >
        <Result
          status={result.error_details.length === 0 ? 'success' : 'warning'}
          title={t('customerFunds.batchResult', {
            succeeded: result.succeeded.length,
            failed: result.error_details.length,
          })}
        />
        {result.error_details.length > 0 && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result.error_details}
            columns={[
              {
                title: t('customerFunds.customer'),
                dataIndex: 'id',
                render: (id: string) => nameOf(id),
              },
              { title: t('customerFunds.errorCode'), dataIndex: 'error_code', width: 140 },
              { title: t('customerFunds.errorMsg'), dataIndex: 'error_msg' },
            ]}
          />
        )}
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t(`customerFunds.${direction}.title`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`customerFunds.${direction}.action`)}
      confirmLoading={move.isPending}
      width={720}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(`customerFunds.${direction}.hint`)}
      />
      <Form<FormValues> form={form} onFinish={submit} layout="vertical">
        {customers.length > 1 && (
          <Form.Item label={t('customerFunds.sameAmount')}>
            <Space.Compact>
              <Form.Item name="all" noStyle>
                <Input inputMode="decimal" style={{ width: 200 }} />
              </Form.Item>
              <Button
                onClick={() => {
                  const all = form.getFieldValue('all') as string | undefined;
                  form.setFieldsValue({
                    amounts: Object.fromEntries(ids.map((id) => [id, all ?? ''])),
                  });
                }}
              >
                {t('customerFunds.applyToAll')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Table<FundsCustomer>
          rowKey="customer_id"
          size="small"
          pagination={false}
          dataSource={customers}
          scroll={{ y: 360 }}
          columns={[
            { title: t('customerFunds.customer'), dataIndex: 'account_name' },
            {
              title: t('customerFunds.balance'),
              width: 160,
              align: 'right',
              render: (_, customer) => {
                const balance = balanceText(balances.data, customer.customer_id);
                return balance === null ? '-' : <Money value={balance} currency={CURRENCY} />;
              },
            },
            {
              title: t('customerFunds.amount'),
              width: 220,
              render: (_, customer) => (
                <Form.Item
                  name={['amounts', customer.customer_id]}
                  rules={[{ validator }]}
                  style={{ margin: 0 }}
                >
                  <Input
                    inputMode="decimal"
                    aria-label={`${t('customerFunds.amount')} ${customer.account_name}`}
                    suffix={CURRENCY}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <VerificationCodeField />
        </div>
      </Form>
    </Modal>
  );
}

import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { notifySuccess } from '../../api/errors';
import { Money } from '../../components/money';
import { VerificationCodeField } from '../../components/verification-code';
import { namesForConfirmation } from './customer-rules';
import { amountProblem, normalizeAmount } from './funds-rules';
import { useSetBudgets, type BatchOutcome, type BudgetItem } from './budget-queries';
import { amountText, type BudgetInfo, type BudgetType } from './budget-rules';

const CURRENCY = 'CNY';

export interface BudgetCustomer {
  customer_id: string;
  account_name: string;
}

/** The per-customer outcome of a batch (budgets, freezes): who changed, who did not and why. */
export function BatchOutcomeModal({
  title,
  outcome,
  customers,
  onClose,
}: {
  title: string;
  outcome: BatchOutcome;
  customers: BudgetCustomer[];
  onClose: () => void;
}) {
  const { t } = useTranslation('budgets');
  const nameOf = (id: string) =>
    customers.find((customer) => customer.customer_id === id)?.account_name ?? id;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('result.close')}</Button>}
      width={720}
    >
      <Result
        status={outcome.error_details.length === 0 ? 'success' : 'warning'}
        title={t('result.summary', {
          succeeded: outcome.succeeded.length,
          failed: outcome.error_details.length,
        })}
      />
      {outcome.error_details.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={outcome.error_details}
          columns={[
            { title: t('fields.customer'), dataIndex: 'id', render: (id: string) => nameOf(id) },
            { title: t('result.errorCode'), dataIndex: 'error_code', width: 140 },
            { title: t('result.errorMsg'), dataIndex: 'error_msg' },
          ]}
        />
      )}
    </Modal>
  );
}

/** The names a confirmation lists: the first five, then how many more. */
export function CustomerNames({ customers }: { customers: BudgetCustomer[] }) {
  const { t } = useTranslation('customers');
  const { shown, more } = namesForConfirmation(customers.map((c) => c.account_name));
  return (
    <div>
      <Typography.Text strong>{shown.join('、')}</Typography.Text>
      {more > 0 && <Typography.Text>{t('moreCustomers', { count: more })}</Typography.Text>}
    </div>
  );
}

interface BudgetFormProps {
  /** One customer for the row action, up to 100 for 批量设置预算. */
  customers: BudgetCustomer[];
  /** The single customer's current budget, to start from. */
  current?: BudgetInfo | undefined;
  onClose: () => void;
  onSaved: () => void;
}

interface FormValues {
  budget_type: BudgetType;
  amount: string;
  frozen_operate_type: 0 | 1;
  unfreeze: boolean;
  verification_code?: string;
}

/**
 * 设置预算 / 批量设置预算 (P-14, SM-5): monthly or one-time, the action at exhaustion (R-FUND-08)
 * and 同步解冻 (R-FUND-12). A batch overwrites every selected customer's budget (R-FUND-10); the
 * confirmation names the customers and the amount, and a batch shows the per-customer outcome.
 */
export function BudgetForm({ customers, current, onClose, onSaved }: BudgetFormProps) {
  const { t } = useTranslation('budgets');
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSetBudgets();
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const batch = customers.length > 1;
  const title = batch ? t('set.batchTitle', { count: customers.length }) : t('set.title');

  const submit = (values: FormValues) => {
    const amount = normalizeAmount(values.amount);
    const items: BudgetItem[] = customers.map((customer) => ({
      customer_id: customer.customer_id,
      budget_amount: amount,
      budget_type: values.budget_type,
      frozen_operate_type: values.frozen_operate_type,
      cancel_partner_frozen: values.unfreeze ? '1' : '0',
    }));
    void modal.confirm({
      title: t('set.confirm', {
        count: customers.length,
        type: t(`types.${values.budget_type}`),
        amount,
      }),
      width: 520,
      content: (
        <>
          <CustomerNames customers={customers} />
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('fields.amount')}: <Money value={amount} currency={CURRENCY} />
          </Typography.Paragraph>
        </>
      ),
      okText: t('set.ok'),
      onOk: async () => {
        const answer = await save.mutateAsync({
          budgets: items,
          verificationCode: values.verification_code,
        });
        onSaved();
        if (!batch && answer.error_details.length === 0) {
          notifySuccess(t('set.done'));
          onClose();
        } else {
          setOutcome(answer);
        }
      },
    });
  };

  if (outcome) {
    return (
      <BatchOutcomeModal title={title} outcome={outcome} customers={customers} onClose={onClose} />
    );
  }

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('set.ok')}
      confirmLoading={save.isPending}
      width={560}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('set.hint')} />
      {batch && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('set.batchHint')} />
      )}
      {!batch && customers[0] && (
        <Typography.Paragraph>
          {t('fields.customer')}:{' '}
          <Typography.Text strong>{customers[0].account_name}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          budget_type: current?.budget_type ?? 'MONTHLY',
          amount: current ? amountText(current.budget_amount) : '',
          frozen_operate_type: current?.frozen_operate_type === 1 ? 1 : 0,
          unfreeze: false,
        }}
      >
        <Form.Item name="budget_type" label={t('fields.budgetType')}>
          <Radio.Group
            options={(['MONTHLY', 'PACKAGE'] as const).map((type) => ({
              value: type,
              label: t(`types.${type}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('fields.amount')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = amountProblem(value);
                return problem
                  ? Promise.reject(new Error(t(`amountProblems.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" suffix={CURRENCY} aria-label={t('fields.amount')} />
        </Form.Item>
        <Form.Item name="frozen_operate_type" label={t('fields.exhaustionAction')}>
          <Radio.Group
            options={[
              { value: 0, label: t('actions.restrict') },
              { value: 1, label: t('actions.freeze') },
            ]}
          />
        </Form.Item>
        <Form.Item name="unfreeze" valuePropName="checked" extra={t('set.unfreezeHint')}>
          <Checkbox>{t('fields.unfreeze')}</Checkbox>
        </Form.Item>
        <VerificationCodeField />
      </Form>
    </Modal>
  );
}

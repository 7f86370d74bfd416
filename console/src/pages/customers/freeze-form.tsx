import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { BatchOutcomeModal, CustomerNames, type BudgetCustomer } from './budget-form';
import {
  useChangeFreeze,
  type BatchOutcome,
  type FreezeDirection,
  type FreezeType,
} from './budget-queries';

interface FreezeFormProps {
  direction: FreezeDirection;
  customers: BudgetCustomer[];
  onClose: () => void;
  onSaved: () => void;
}

interface FormValues {
  type: FreezeType;
  reason: string;
}

/**
 * 冻结账号 / 解冻账号 (P-14, SM-5, R-FUND-12) for one customer or a batch: account only or account
 * and resources, with a reason; the confirmation names every customer, a batch shows the
 * per-customer outcome.
 */
export function FreezeForm({ direction, customers, onClose, onSaved }: FreezeFormProps) {
  const { t } = useTranslation('budgets');
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const change = useChangeFreeze();
  const [outcome, setOutcome] = useState<BatchOutcome | null>(null);
  const title = t(`freeze.${direction}Title`);

  const submit = (values: FormValues) => {
    void modal.confirm({
      title: t(`freeze.${direction}Confirm`, { count: customers.length }),
      content: <CustomerNames customers={customers} />,
      okText: t(`freeze.${direction}Action`),
      okButtonProps: { danger: direction === 'freeze' },
      onOk: async () => {
        const answer = await change.mutateAsync({
          direction,
          customerIds: customers.map((customer) => customer.customer_id),
          type: values.type,
          reason: values.reason.trim(),
        });
        onSaved();
        if (customers.length === 1 && answer.error_details.length === 0) {
          notifySuccess(t(`freeze.${direction}Done`));
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
      okText={t(`freeze.${direction}Action`)}
      okButtonProps={{ danger: direction === 'freeze' }}
      confirmLoading={change.isPending}
      width={520}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(`freeze.${direction}Hint`)}
      />
      <CustomerNames customers={customers} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'ACCOUNT', reason: '' }}
        style={{ marginTop: 16 }}
      >
        <Form.Item name="type" label={t('freeze.type')}>
          <Radio.Group
            options={(['ACCOUNT', 'ACCOUNT_AND_RESOURCE'] as const).map((type) => ({
              value: type,
              label: t(`freeze.types.${type}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('freeze.reason')}
          rules={[
            { required: true, whitespace: true, message: t('freeze.reasonRequired') },
            { max: 256 },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

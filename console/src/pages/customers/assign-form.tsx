import { ModalForm, ProFormSelect } from '@ant-design/pro-components';
import { Alert, Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { Customer } from '../../api/types';
import { managerText } from './customer-columns';
import { namesForConfirmation } from './customer-rules';
import { useAssignableMembers, useAssignCustomers } from './queries';

interface AssignFormProps {
  customers: readonly Pick<Customer, 'customer_id' | 'account_name'>[];
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onSaved: () => void;
}

interface AssignValues {
  member_id: string;
}

/**
 * 分配客户经理: hands the chosen customers to one account manager or supervisor; each
 * customer's previous management period ends now (R-AM-01/02).
 */
export function AssignForm({ customers, trigger, open, onOpenChange, onSaved }: AssignFormProps) {
  const { t } = useTranslation(['customers', 'common']);
  const [form] = Form.useForm<AssignValues>();
  const members = useAssignableMembers(true);
  const assign = useAssignCustomers();
  const { shown, more } = namesForConfirmation(customers.map((customer) => customer.account_name));
  const names =
    more > 0 ? `${shown.join('、')}${t('moreCustomers', { count: more })}` : shown.join('、');
  return (
    <ModalForm<AssignValues>
      title={t('assign.title')}
      trigger={trigger}
      open={open}
      onOpenChange={onOpenChange}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (values) => {
        try {
          const result = await assign.mutateAsync({
            customer_ids: customers.map((customer) => customer.customer_id),
            member_id: values.member_id,
          });
          notifySuccess(t('assign.done', { count: result.assigned }));
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <Alert
        type="info"
        showIcon
        message={t('assign.hint', { count: customers.length, names })}
        style={{ marginBottom: 16 }}
      />
      <ProFormSelect
        name="member_id"
        label={t('assign.member')}
        rules={[{ required: true, message: t('assign.memberRequired') }]}
        showSearch
        fieldProps={{ loading: members.isPending }}
        options={(members.data?.members ?? []).map((member) => ({
          value: member.id,
          label: managerText(member),
        }))}
      />
    </ModalForm>
  );
}

import {
  ModalForm,
  ProFormDependency,
  ProFormSelect,
  ProFormText,
} from '@ant-design/pro-components';
import { Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { ProgramPartnerType } from '../../api/types';
import { confirmPasswordRules, newPasswordRules } from '../profile/password-rules';
import { useCreatePartner, useDistributors, usePrograms } from './queries';

interface PartnerValues {
  name: string;
  company_name: string;
  type: ProgramPartnerType;
  email: string;
  phone?: string;
  program_id?: string;
  parent_partner_id?: string;
  password: string;
  confirm_password: string;
}

const partnerTypes: ProgramPartnerType[] = ['solution_provider', 'tier1_distributor', 'reseller'];

/** The distributor field, loaded only once the new partner is a reseller. */
function ParentSelect() {
  const { t } = useTranslation(['operator', 'common']);
  const distributors = useDistributors(true);
  return (
    <ProFormSelect
      name="parent_partner_id"
      label={t('partners.fields.parent')}
      extra={t('partners.parentHint')}
      showSearch
      fieldProps={{ loading: distributors.isPending }}
      options={(distributors.data?.partners ?? []).map((partner) => ({
        value: partner.id,
        label: `${partner.company_name} (${partner.name})`,
      }))}
    />
  );
}

/** 创建伙伴: a partner account with its owner (main account) and initial password. */
export function PartnerForm({ trigger, onSaved }: { trigger: ReactElement; onSaved: () => void }) {
  const { t } = useTranslation(['operator', 'common']);
  const { t: tp } = useTranslation('partners');
  const [form] = Form.useForm<PartnerValues>();
  const programs = usePrograms();
  const create = useCreatePartner();
  return (
    <ModalForm<PartnerValues>
      title={t('partners.createTitle')}
      trigger={trigger}
      form={form}
      width={600}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ type: 'solution_provider' }}
      onFinish={async (values) => {
        try {
          await create.mutateAsync({
            name: values.name.trim(),
            company_name: values.company_name.trim(),
            email: values.email.trim(),
            phone: values.phone?.trim() || undefined,
            type: values.type,
            program_id: values.program_id,
            password: values.password,
            parent_partner_id: values.type === 'reseller' ? values.parent_partner_id : undefined,
          });
          notifySuccess(t('partners.created', { name: values.name }));
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <ProFormText
        name="name"
        label={t('partners.fields.name')}
        extra={t('partners.nameHint')}
        rules={[
          { required: true, message: t('partners.rules.name') },
          { pattern: /^[A-Za-z0-9_-]{3,64}$/, message: t('partners.rules.name') },
        ]}
        fieldProps={{ autoComplete: 'off' }}
      />
      <ProFormText
        name="company_name"
        label={t('partners.fields.companyName')}
        rules={[{ required: true, whitespace: true }, { max: 255 }]}
      />
      <ProFormSelect
        name="type"
        label={t('partners.fields.partnerType')}
        rules={[{ required: true }]}
        options={partnerTypes.map((type) => ({ value: type, label: tp(`partnerType.${type}`) }))}
      />
      <ProFormDependency name={['type']}>
        {({ type }: { type?: ProgramPartnerType }) => (
          <>
            <ProFormSelect
              name="program_id"
              label={t('partners.fields.program')}
              allowClear
              fieldProps={{ loading: programs.isPending }}
              options={(programs.data?.programs ?? [])
                .filter((program) => program.partner_type === type)
                .map((program) => ({ value: program.id, label: program.name }))}
            />
            {type === 'reseller' && <ParentSelect />}
          </>
        )}
      </ProFormDependency>
      <ProFormText
        name="email"
        label={t('partners.fields.email')}
        rules={[{ required: true }, { type: 'email' }]}
      />
      <ProFormText
        name="phone"
        label={t('partners.fields.phone')}
        rules={[{ pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('partners.rules.phone') }]}
      />
      <ProFormText.Password
        name="password"
        label={t('partners.fields.password')}
        extra={t('common:password.policy')}
        dependencies={['name']}
        rules={newPasswordRules(() => form.getFieldValue('name') as string | undefined)}
        fieldProps={{ autoComplete: 'new-password' }}
      />
      <ProFormText.Password
        name="confirm_password"
        label={t('common:password.confirm')}
        dependencies={['password']}
        rules={confirmPasswordRules('password')}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </ModalForm>
  );
}

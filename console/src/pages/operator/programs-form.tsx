import {
  ModalForm,
  ProFormDependency,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { CreateProgramRequest, ProgramPartnerType } from '../../api/types';
import { useCreateProgram } from './programs-queries';

const partnerTypes: ProgramPartnerType[] = ['solution_provider', 'tier1_distributor', 'reseller'];

/**
 * 创建伙伴计划. Tier-1 distribution is by invitation only (R-REG-08), so such a programme can
 * never be opened for self sign-up.
 */
export function ProgramForm({ trigger, onSaved }: { trigger: ReactElement; onSaved: () => void }) {
  const { t } = useTranslation(['operator', 'common']);
  const { t: tp } = useTranslation('partners');
  const [form] = Form.useForm<CreateProgramRequest>();
  const create = useCreateProgram();
  return (
    <ModalForm<CreateProgramRequest>
      title={t('programs.createTitle')}
      trigger={trigger}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ partner_type: 'solution_provider', is_open_for_sign_up: true }}
      onValuesChange={(changed: Partial<CreateProgramRequest>) => {
        if (changed.partner_type === 'tier1_distributor') {
          form.setFieldValue('is_open_for_sign_up', false);
        }
      }}
      onFinish={async (values) => {
        const description = values.description?.trim();
        try {
          await create.mutateAsync({
            code: values.code.trim(),
            name: values.name.trim(),
            ...(description ? { description } : {}),
            partner_type: values.partner_type,
            is_open_for_sign_up: values.is_open_for_sign_up,
          });
          notifySuccess(t('programs.created', { name: values.name }));
          onSaved();
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <ProFormText
        name="code"
        label={t('programs.fields.code')}
        extra={t('programs.codeHint')}
        rules={[
          { required: true, message: t('programs.rules.code') },
          { pattern: /^[a-z0-9_-]{2,64}$/, message: t('programs.rules.code') },
        ]}
        fieldProps={{ autoComplete: 'off' }}
      />
      <ProFormText
        name="name"
        label={t('programs.fields.name')}
        rules={[
          { required: true, whitespace: true, message: t('programs.rules.name') },
          { max: 128 },
        ]}
      />
      <ProFormSelect
        name="partner_type"
        label={t('programs.fields.partnerType')}
        rules={[{ required: true }]}
        options={partnerTypes.map((type) => ({ value: type, label: tp(`partnerType.${type}`) }))}
      />
      <ProFormDependency name={['partner_type']}>
        {({ partner_type: type }: { partner_type?: ProgramPartnerType }) => (
          <ProFormSwitch
            name="is_open_for_sign_up"
            label={t('programs.fields.openForSignUp')}
            extra={
              type === 'tier1_distributor' ? t('programs.invitationOnly') : t('programs.openHint')
            }
            disabled={type === 'tier1_distributor'}
          />
        )}
      </ProFormDependency>
      <ProFormTextArea
        name="description"
        label={t('programs.fields.description')}
        rules={[{ max: 2000 }]}
        fieldProps={{ rows: 3 }}
      />
    </ModalForm>
  );
}

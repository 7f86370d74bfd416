import {
  ProDescriptions,
  ProFormCheckbox,
  ProFormSelect,
  ProFormText,
  StepsForm,
} from '@ant-design/pro-components';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificationSubmission } from '../../api/types';
import { failIf } from '../../components/form-rules';
import {
  isUnifiedSocialCreditCode,
  settlementCurrencies,
  taxpayerTypes,
} from './certification-rules';
import { useSubmitCertification } from './queries';

type BasicStep = Pick<
  CertificationSubmission,
  | 'company_name'
  | 'unified_social_credit_code'
  | 'legal_representative'
  | 'registered_address'
  | 'tax_registration_number'
  | 'taxpayer_type'
  | 'finance_contact_name'
  | 'finance_contact_email'
  | 'finance_contact_phone'
  | 'accept_privacy_statement'
>;
type BankStep = Pick<
  CertificationSubmission,
  'bank_name' | 'bank_branch' | 'bank_account_name' | 'bank_account_number' | 'settlement_currency'
>;

interface CertificationFormProps {
  /** Values to start from: the data in force (a change) or the rejected submission (a retry). */
  initial?: Partial<CertificationSubmission> | null;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * The certification wizard (P-81): basic, tax and finance contact information with the privacy
 * statement → bank account → confirmation. The bank account must be the company's own corporate
 * account (R-BIZ-06), so its name has to equal the company name.
 */
export function CertificationForm({ initial, onDone, onCancel }: CertificationFormProps) {
  const { t } = useTranslation(['partners', 'common']);
  const submit = useSubmitCertification();
  const [basic, setBasic] = useState<BasicStep | null>(null);
  const [bank, setBank] = useState<BankStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seed = initial ?? {};

  return (
    <StepsForm<CertificationSubmission>
      stepsProps={{ size: 'small' }}
      formProps={{ layout: 'vertical' }}
      onFinish={async () => {
        if (!basic || !bank) return false;
        setError(null);
        try {
          await submit.mutateAsync({ ...basic, ...bank });
          onDone();
          return true;
        } catch (failure) {
          setError(failure instanceof Error ? failure.message : String(failure));
          return false;
        }
      }}
      submitter={{
        render: (props) => {
          const step = props.step;
          return (
            <Space>
              {step === 0 ? (
                <Button onClick={onCancel}>{t('common:actions.cancel')}</Button>
              ) : (
                <Button onClick={() => props.onPre()}>{t('certification.previous')}</Button>
              )}
              <Button type="primary" loading={submit.isPending} onClick={() => props.onSubmit?.()}>
                {step === 2 ? t('certification.submit') : t('certification.next')}
              </Button>
            </Space>
          );
        },
      }}
    >
      <StepsForm.StepForm<BasicStep>
        name="basic"
        title={t('certification.steps.basic')}
        style={{ maxWidth: 640 }}
        initialValues={{ ...seed, accept_privacy_statement: false }}
        onFinish={(values) => {
          setBasic(values);
          return Promise.resolve(true);
        }}
      >
        <ProFormText
          name="company_name"
          label={t('certification.fields.company_name')}
          rules={[{ required: true, whitespace: true }, { max: 255 }]}
        />
        <ProFormText
          name="unified_social_credit_code"
          label={t('certification.fields.unified_social_credit_code')}
          fieldProps={{ maxLength: 18 }}
          normalize={(value: string) => value.toUpperCase().trim()}
          rules={[
            { required: true },
            {
              validator: (_rule, value: string | undefined) =>
                failIf(Boolean(value) && !isUnifiedSocialCreditCode(value ?? ''), () =>
                  t('certification.rules.uscc'),
                ),
            },
          ]}
        />
        <ProFormText
          name="legal_representative"
          label={t('certification.fields.legal_representative')}
          rules={[{ required: true, whitespace: true }, { max: 64 }]}
        />
        <ProFormText
          name="registered_address"
          label={t('certification.fields.registered_address')}
          rules={[{ required: true, whitespace: true }, { max: 512 }]}
        />
        <ProFormText
          name="tax_registration_number"
          label={t('certification.fields.tax_registration_number')}
          normalize={(value: string) => value.toUpperCase().trim()}
          rules={[
            { required: true },
            { pattern: /^[0-9A-Z]{15,20}$/, message: t('certification.rules.taxNumber') },
          ]}
        />
        <ProFormSelect
          name="taxpayer_type"
          label={t('certification.fields.taxpayer_type')}
          rules={[{ required: true }]}
          options={taxpayerTypes.map((type) => ({
            value: type,
            label: t(`certification.taxpayerType.${type}`),
          }))}
        />
        <ProFormText
          name="finance_contact_name"
          label={t('certification.fields.finance_contact_name')}
          rules={[{ required: true, whitespace: true }, { max: 64 }]}
        />
        <ProFormText
          name="finance_contact_email"
          label={t('certification.fields.finance_contact_email')}
          rules={[{ required: true }, { type: 'email' }]}
        />
        <ProFormText
          name="finance_contact_phone"
          label={t('certification.fields.finance_contact_phone')}
          rules={[
            { required: true },
            { pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('certification.rules.phone') },
          ]}
        />
        <ProFormCheckbox
          name="accept_privacy_statement"
          rules={[
            {
              validator: (_rule, value: boolean | undefined) =>
                failIf(value !== true, () => t('certification.rules.privacy')),
            },
          ]}
        >
          {t('certification.fields.accept_privacy_statement')}
        </ProFormCheckbox>
      </StepsForm.StepForm>

      <StepsForm.StepForm<BankStep>
        name="bank"
        title={t('certification.steps.bank')}
        style={{ maxWidth: 640 }}
        initialValues={{ settlement_currency: 'CNY', ...seed }}
        onFinish={(values) => {
          setBank(values);
          return Promise.resolve(true);
        }}
      >
        <Alert
          type="info"
          showIcon
          message={t('certification.bankHint')}
          style={{ marginBottom: 16 }}
        />
        <ProFormText
          name="bank_name"
          label={t('certification.fields.bank_name')}
          rules={[{ required: true, whitespace: true }, { max: 128 }]}
        />
        <ProFormText
          name="bank_branch"
          label={t('certification.fields.bank_branch')}
          rules={[{ required: true, whitespace: true }, { max: 128 }]}
        />
        <ProFormText
          name="bank_account_name"
          label={t('certification.fields.bank_account_name')}
          rules={[
            { required: true, whitespace: true },
            {
              validator: (_rule, value: string | undefined) =>
                failIf(
                  Boolean(value) && basic !== null && value?.trim() !== basic.company_name.trim(),
                  () => t('certification.rules.accountName'),
                ),
            },
          ]}
        />
        <ProFormText
          name="bank_account_number"
          label={t('certification.fields.bank_account_number')}
          normalize={(value: string) => value.replace(/\s+/g, '')}
          rules={[
            { required: true },
            { pattern: /^[0-9A-Za-z]{6,34}$/, message: t('certification.rules.accountNumber') },
          ]}
        />
        <ProFormSelect
          name="settlement_currency"
          label={t('certification.fields.settlement_currency')}
          extra={t('certification.currencyHint')}
          rules={[{ required: true }]}
          options={settlementCurrencies.map((currency) => ({ value: currency, label: currency }))}
        />
      </StepsForm.StepForm>

      <StepsForm.StepForm name="confirm" title={t('certification.steps.confirm')}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {basic && bank && (
          <div style={{ marginBottom: 24 }}>
            <SubmissionDescriptions data={{ ...basic, ...bank }} />
          </div>
        )}
      </StepsForm.StepForm>
    </StepsForm>
  );
}

const submissionFields = [
  'company_name',
  'unified_social_credit_code',
  'legal_representative',
  'registered_address',
  'tax_registration_number',
  'taxpayer_type',
  'finance_contact_name',
  'finance_contact_email',
  'finance_contact_phone',
  'bank_name',
  'bank_branch',
  'bank_account_name',
  'bank_account_number',
  'settlement_currency',
] as const;

/** Certification data as a read-only list, for the confirmation step and the status page. */
export function SubmissionDescriptions({
  data,
  title,
  column = 2,
}: {
  data: Partial<CertificationSubmission>;
  title?: string;
  column?: number;
}) {
  const { t } = useTranslation(['partners', 'common']);
  const display = (field: (typeof submissionFields)[number]) => {
    const value = data[field];
    if (value === undefined || value === '') return '-';
    if (field === 'taxpayer_type')
      return t(`certification.taxpayerType.${data.taxpayer_type ?? 'general'}`);
    return value;
  };
  return (
    <ProDescriptions title={title} column={column} bordered size="small">
      {submissionFields.map((field) => (
        <ProDescriptions.Item key={field} label={t(`certification.fields.${field}`)}>
          {display(field)}
        </ProDescriptions.Item>
      ))}
    </ProDescriptions>
  );
}

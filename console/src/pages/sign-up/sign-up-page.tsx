import {
  ProFormRadio,
  ProFormText,
  StepsForm,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { Alert, Button, Card, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorTitle, notifySuccess } from '../../api/errors';
import type { SignedUpPartner, SignUpRequest } from '../../api/types';
import { Logo } from '../../components/logo';
import { LanguageSwitch } from '../../layout/language-switch';
import { confirmPasswordRules, newPasswordRules } from '../profile/password-rules';
import { useResendCountdown } from './countdown';
import {
  accountFields,
  codeFields,
  showOnField,
  toSignUpRequest,
  type AccountValues,
} from './sign-up-rules';
import { useOpenPrograms, useRequestSignUp, useVerifySignUp } from './queries';

interface CodeValues {
  code: string;
}

/** A failure the form cannot pin on one of its fields, as one line for the alert. */
function failureText(error: unknown): string {
  return `${errorTitle(error)}${error instanceof Error ? `: ${error.message}` : ''}`;
}

/**
 * 注册成为伙伴 (R-REG): choose an open programme and the account details, confirm the e-mail
 * with the 6-digit code it receives, then log in. The account exists only after the code.
 */
export function SignUpPage() {
  const { t } = useTranslation(['sign-up', 'partners', 'common']);
  const accountForm = useRef<ProFormInstance<AccountValues>>(undefined);
  const codeForm = useRef<ProFormInstance<CodeValues>>(undefined);
  const programs = useOpenPrograms();
  const requestCode = useRequestSignUp();
  const verify = useVerifySignUp();
  const [current, setCurrent] = useState(0);
  const [pending, setPending] = useState<SignUpRequest | null>(null);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<SignedUpPartner | null>(null);
  const secondsLeft = useResendCountdown(sentAt);

  useEffect(() => {
    document.title = `${t('title')} - ${t('common:app.title')}`;
  }, [t]);

  const sendCode = async (
    request: SignUpRequest,
    form: ProFormInstance | undefined,
    fields: readonly string[],
  ) => {
    setFailure(null);
    try {
      await requestCode.mutateAsync(request);
      setPending(request);
      setSentAt(Date.now());
      return true;
    } catch (error) {
      if (!showOnField(form, fields, error)) setFailure(failureText(error));
      return false;
    }
  };

  const resend = async () => {
    if (!pending) return;
    if (await sendCode(pending, codeForm.current, codeFields)) notifySuccess(t('resent'));
  };

  const openPrograms = programs.data?.programs ?? [];

  return (
    <div className="huoban-login">
      <div className="huoban-login-language">
        <LanguageSwitch />
      </div>
      <Card className="huoban-sign-up" variant="borderless">
        <Space align="center" size={12} style={{ marginBottom: 8 }}>
          <Logo size={36} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
        </Space>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {failure && (
          <Alert
            type="error"
            showIcon
            message={failure}
            closable
            onClose={() => setFailure(null)}
            style={{ marginBottom: 16 }}
          />
        )}
        <StepsForm
          current={current}
          onCurrentChange={(step) => {
            setFailure(null);
            setCurrent(step);
          }}
          stepsProps={{ size: 'small' }}
          submitter={{
            render: ({ step, onPre, onSubmit }) => {
              if (step === 0) {
                return (
                  <Button type="primary" loading={requestCode.isPending} onClick={onSubmit}>
                    {t('sendCode')}
                  </Button>
                );
              }
              if (step === 1) {
                return (
                  <Space>
                    <Button onClick={onPre}>{t('previous')}</Button>
                    <Button type="primary" loading={verify.isPending} onClick={onSubmit}>
                      {t('verify')}
                    </Button>
                  </Space>
                );
              }
              return null;
            },
          }}
        >
          <StepsForm.StepForm<AccountValues>
            name="account"
            title={t('steps.account')}
            formRef={accountForm}
            onFinish={(values) =>
              sendCode(toSignUpRequest(values), accountForm.current, accountFields)
            }
          >
            {programs.isSuccess && openPrograms.length === 0 && (
              <Alert
                type="warning"
                showIcon
                message={t('noPrograms')}
                style={{ marginBottom: 16 }}
              />
            )}
            <ProFormRadio.Group
              name="program_code"
              label={t('fields.program')}
              rules={[{ required: true, message: t('rules.program') }]}
              fieldProps={{ className: 'huoban-program-choice' }}
              options={openPrograms.map((program) => ({
                value: program.code,
                label: (
                  <Space direction="vertical" size={0}>
                    <Space size={8}>
                      <Typography.Text strong>{program.name}</Typography.Text>
                      <Tag>{t(`partners:partnerType.${program.partner_type}`)}</Tag>
                    </Space>
                    {program.description && (
                      <Typography.Text type="secondary">{program.description}</Typography.Text>
                    )}
                  </Space>
                ),
              }))}
            />
            <ProFormText
              name="account_name"
              label={t('fields.accountName')}
              extra={t('hints.accountName')}
              rules={[
                { required: true, message: t('rules.accountName') },
                { pattern: /^[A-Za-z0-9_-]{3,64}$/, message: t('rules.accountName') },
              ]}
              fieldProps={{ autoComplete: 'username' }}
            />
            <ProFormText
              name="company_name"
              label={t('fields.companyName')}
              rules={[
                { required: true, whitespace: true, message: t('rules.companyName') },
                { max: 255 },
              ]}
              fieldProps={{ autoComplete: 'organization' }}
            />
            <ProFormText
              name="email"
              label={t('fields.email')}
              extra={t('hints.email')}
              rules={[
                { required: true, message: t('rules.email') },
                { type: 'email', message: t('rules.email') },
              ]}
              fieldProps={{ autoComplete: 'email' }}
            />
            <ProFormText
              name="phone"
              label={t('fields.phone')}
              rules={[{ pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('rules.phone') }]}
              fieldProps={{ autoComplete: 'tel' }}
            />
            <ProFormText.Password
              name="password"
              label={t('fields.password')}
              extra={t('common:password.policy')}
              dependencies={['account_name']}
              rules={newPasswordRules(
                () => accountForm.current?.getFieldValue('account_name') as string | undefined,
              )}
              fieldProps={{ autoComplete: 'new-password' }}
            />
            <ProFormText.Password
              name="confirm_password"
              label={t('fields.confirmPassword')}
              dependencies={['password']}
              rules={confirmPasswordRules('password')}
              fieldProps={{ autoComplete: 'new-password' }}
            />
          </StepsForm.StepForm>
          <StepsForm.StepForm<CodeValues>
            name="verify"
            title={t('steps.verify')}
            formRef={codeForm}
            onFinish={async ({ code }) => {
              if (!pending) return false;
              setFailure(null);
              try {
                setCreated(await verify.mutateAsync({ email: pending.email, code: code.trim() }));
                return true;
              } catch (error) {
                if (!showOnField(codeForm.current, codeFields, error))
                  setFailure(failureText(error));
                return false;
              }
            }}
          >
            {pending && (
              <Alert
                type="info"
                showIcon
                message={t('codeSent', { email: pending.email })}
                style={{ marginBottom: 16 }}
              />
            )}
            <Space align="start">
              <ProFormText
                name="code"
                label={t('fields.code')}
                width="sm"
                rules={[
                  { required: true, message: t('rules.code') },
                  { pattern: /^\s*\d{6}\s*$/, message: t('rules.code') },
                ]}
                fieldProps={{ maxLength: 6, inputMode: 'numeric', autoComplete: 'one-time-code' }}
              />
              <Button
                style={{ marginTop: 30 }}
                disabled={secondsLeft > 0}
                loading={requestCode.isPending}
                onClick={() => void resend()}
              >
                {secondsLeft > 0 ? t('resendIn', { seconds: secondsLeft }) : t('resend')}
              </Button>
            </Space>
          </StepsForm.StepForm>
          <StepsForm.StepForm name="done" title={t('steps.done')}>
            {created && (
              <Result
                status="success"
                title={t('doneTitle')}
                subTitle={t('doneHint', { name: created.name, company: created.company_name })}
                extra={
                  <Link to="/login">
                    <Button type="primary">{t('goLogin')}</Button>
                  </Link>
                }
              />
            )}
          </StepsForm.StepForm>
        </StepsForm>
        {!created && (
          <div style={{ marginTop: 16 }}>
            <Link to="/login">{t('haveAccount')}</Link>
          </div>
        )}
      </Card>
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Result,
  Space,
  Spin,
  Tabs,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiRequestError, api } from '../../api/client';
import { errorTitle, showErrorOnForm } from '../../api/errors';
import { Logo } from '../../components/logo';
import { LanguageSwitch } from '../../layout/language-switch';
import { PORTAL_LOGIN } from '../../portal/routes';
import { useResendCountdown } from '../sign-up/countdown';

interface InvitationInfo {
  partner_name: string;
  association_type: '1' | '2';
  channel: 'email' | 'link';
  status: string;
  expires_at: string | null;
  email: string;
  notice_version: string;
}

interface AcceptanceResult {
  outcome: 'associated' | 'failed';
  failure_cause: string | null;
  customer_id: string | null;
  account_name: string;
}

interface RegisterValues {
  account_name: string;
  password: string;
  email: string;
  verification_code: string;
}

interface AssociateValues {
  account_name: string;
  password: string;
}

const ACCEPTABLE = new Set(['invited', 'failed']);

/** A failure no form field can show, as one line. */
function failureText(error: unknown): string {
  return `${errorTitle(error)}${error instanceof Error ? `: ${error.message}` : ''}`;
}

/**
 * The public acceptance page of an invitation link (`/invite/:token`, no partner login; SM-2):
 * who invites and in which model, the notice the customer accepts (R-CUS-20), then either a new
 * account registered with an e-mailed code or an existing account's name and password. A refused
 * association shows its cause (R-CUS-19).
 */
export function InvitationPage() {
  const { t } = useTranslation(['development', 'common']);
  const { token = '' } = useParams();
  const base = `/console/api/invitations/${encodeURIComponent(token)}`;
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationInfo>(base),
    retry: false,
  });
  const [registerForm] = Form.useForm<RegisterValues>();
  const [associateForm] = Form.useForm<AssociateValues>();
  const [accepted, setAccepted] = useState(false);
  const [noticeError, setNoticeError] = useState(false);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AcceptanceResult | null>(null);
  const secondsLeft = useResendCountdown(sentAt);

  useEffect(() => {
    document.title = `${t('accept.title')} - ${t('common:app.title')}`;
  }, [t]);
  useEffect(() => {
    if (info.data?.email) registerForm.setFieldValue('email', info.data.email);
  }, [info.data?.email, registerForm]);

  const requireNotice = () => {
    setNoticeError(!accepted);
    return accepted;
  };

  const sendCode = async () => {
    setFailure(null);
    try {
      const { email } = await registerForm.validateFields(['email']);
      const sent = await api.post<{ email: string }>(`${base}/code`, { email });
      setSentAt(Date.now());
      setCodeNote(t('accept.codeSent', { email: sent.email }));
    } catch (error) {
      if (error instanceof ApiRequestError && !showErrorOnForm(registerForm, error)) {
        setFailure(failureText(error));
      }
    }
  };

  const submit = async (
    path: 'register' | 'associate',
    body: RegisterValues | AssociateValues,
    form: FormInstance,
  ) => {
    setFailure(null);
    if (!requireNotice()) return;
    setBusy(true);
    try {
      setResult(
        await api.post<AcceptanceResult>(
          `${base}/${path}`,
          { ...body, accept_notice: true },
          {
            expectUnauthorized: true,
          },
        ),
      );
    } catch (error) {
      if (!showErrorOnForm(form, error)) setFailure(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  const frame = (body: ReactNode) => (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', padding: '48px 16px' }}>
      <div style={{ maxWidth: 560, margin: '0 auto' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 24 }}>
          <Logo />
          <LanguageSwitch />
        </Space>
        {body}
      </div>
    </div>
  );

  if (info.isPending) return frame(<Spin />);
  if (info.isError || !info.data) {
    return frame(<Result status="404" title={t('accept.notFound')} />);
  }
  const invitation = info.data;
  const typeName = t(`associationType.${invitation.association_type}`);
  const statusName = t(`invitationStatus.${invitation.status}`, {
    defaultValue: invitation.status,
  });

  if (result) {
    return frame(
      result.outcome === 'associated' ? (
        <Result
          status="success"
          title={t('accept.success')}
          subTitle={t('accept.successHint', {
            name: result.account_name,
            partner: invitation.partner_name,
          })}
          extra={
            <Link to={PORTAL_LOGIN}>
              <Button type="primary">{t('accept.goPortal')}</Button>
            </Link>
          }
        />
      ) : (
        <Result
          status="error"
          title={t('accept.failed')}
          subTitle={t(`cause.${result.failure_cause ?? ''}`, {
            defaultValue: result.failure_cause ?? '',
          })}
          extra={<Button onClick={() => setResult(null)}>{t('accept.tryAgain')}</Button>}
        />
      ),
    );
  }

  return frame(
    <Card title={t('accept.title')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={5} data-testid="invitation-partner">
          {t('accept.invitedBy', { partner: invitation.partner_name, type: typeName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {invitation.expires_at
            ? t('accept.validUntil', {
                time: dayjs(invitation.expires_at).format('YYYY-MM-DD HH:mm'),
              })
            : t('accept.noExpiry')}
        </Typography.Text>
        {!ACCEPTABLE.has(invitation.status) ? (
          <Alert type="error" showIcon message={t('accept.unavailable', { status: statusName })} />
        ) : (
          <>
            <Card
              size="small"
              title={t('accept.noticeTitle', { version: invitation.notice_version })}
            >
              <Typography.Paragraph>{t('accept.notice')}</Typography.Paragraph>
              <Checkbox
                checked={accepted}
                onChange={(event) => {
                  setAccepted(event.target.checked);
                  if (event.target.checked) setNoticeError(false);
                }}
              >
                {t('accept.acceptNotice')}
              </Checkbox>
              {noticeError && (
                <Typography.Paragraph type="danger">
                  {t('accept.noticeRequired')}
                </Typography.Paragraph>
              )}
            </Card>
            {failure && <Alert type="error" showIcon message={failure} />}
            <Tabs
              items={[
                {
                  key: 'register',
                  label: t('accept.register'),
                  children: (
                    <Form<RegisterValues>
                      form={registerForm}
                      layout="vertical"
                      onFinish={(values) => void submit('register', values, registerForm)}
                    >
                      <Form.Item
                        name="account_name"
                        label={t('accept.accountName')}
                        extra={t('accept.accountNameHint')}
                        rules={[{ required: true, message: t('accept.required') }]}
                      >
                        <Input autoComplete="username" maxLength={32} />
                      </Form.Item>
                      <Form.Item
                        name="password"
                        label={t('accept.password')}
                        rules={[{ required: true, message: t('accept.required') }]}
                      >
                        <Input.Password autoComplete="new-password" maxLength={32} />
                      </Form.Item>
                      <Form.Item
                        name="email"
                        label={t('accept.email')}
                        rules={[{ required: true, type: 'email', message: t('accept.required') }]}
                      >
                        <Input autoComplete="email" maxLength={64} />
                      </Form.Item>
                      <Form.Item label={t('accept.code')} required extra={codeNote}>
                        <Space.Compact style={{ width: '100%' }}>
                          <Form.Item
                            name="verification_code"
                            noStyle
                            rules={[{ required: true, message: t('accept.required') }]}
                          >
                            <Input maxLength={6} inputMode="numeric" />
                          </Form.Item>
                          <Button disabled={secondsLeft > 0} onClick={() => void sendCode()}>
                            {secondsLeft > 0
                              ? t('accept.resendIn', { seconds: secondsLeft })
                              : t('accept.sendCode')}
                          </Button>
                        </Space.Compact>
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={busy} block>
                        {t('accept.submitRegister')}
                      </Button>
                    </Form>
                  ),
                },
                {
                  key: 'associate',
                  label: t('accept.associate'),
                  children: (
                    <Form<AssociateValues>
                      form={associateForm}
                      layout="vertical"
                      onFinish={(values) => void submit('associate', values, associateForm)}
                    >
                      <Form.Item
                        name="account_name"
                        label={t('accept.accountName')}
                        rules={[{ required: true, message: t('accept.required') }]}
                      >
                        <Input autoComplete="username" />
                      </Form.Item>
                      <Form.Item
                        name="password"
                        label={t('accept.password')}
                        rules={[{ required: true, message: t('accept.required') }]}
                      >
                        <Input.Password autoComplete="current-password" />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" loading={busy} block>
                        {t('accept.submitAssociate')}
                      </Button>
                    </Form>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Card>,
  );
}

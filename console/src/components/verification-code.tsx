import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { notifySuccess } from '../api/errors';

const SETTING = '/console/api/partner/operation-verification';
const SEND = '/console/api/operation-codes';
const settingKey = ['operation-verification'] as const;

/** Whether the partner has 验证码验证 on (X4): money moves in the console then need a code. */
export function useOperationVerification() {
  return useQuery({
    queryKey: settingKey,
    queryFn: () => api.get<{ enabled: boolean }>(SETTING),
  });
}

/** The main account's switch (P-80). */
export function useSetOperationVerification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.put<{ enabled: boolean }>(SETTING, { enabled }),
    onSuccess: (setting) => client.setQueryData(settingKey, setting),
  });
}

/**
 * The code field of a money-moving form, shown only while 验证码验证 is on: the member asks for a
 * code, which is mailed to the e-mail address of their profile, and types it in. The form item
 * is `verification_code`.
 */
export function VerificationCodeField() {
  const { t } = useTranslation('funds');
  const setting = useOperationVerification();
  const send = useMutation({
    mutationFn: () => api.post<{ email: string; expire_time: string }>(SEND),
    onSuccess: (sent) => notifySuccess(t('verification.sent', { email: sent.email })),
  });
  if (!setting.data?.enabled) return null;
  return (
    <Form.Item label={t('verification.code')} extra={t('verification.codeHint')} required>
      <Space.Compact>
        <Form.Item
          name="verification_code"
          noStyle
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('verification.codeRequired') }]}
        >
          <Input
            inputMode="numeric"
            maxLength={6}
            autoComplete="one-time-code"
            aria-label={t('verification.code')}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Button loading={send.isPending} onClick={() => send.mutate()}>
          {send.isSuccess ? t('verification.resend') : t('verification.send')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}

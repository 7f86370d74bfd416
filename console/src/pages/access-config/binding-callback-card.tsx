import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { ProCard, ProForm, ProFormText } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError, showErrorOnForm } from '../../api/errors';
import { usePartnerProfile } from '../partners/queries';
import { callbackUrlProblem, isPlainHttp, MAX_CALLBACK_URL_LENGTH } from './callback-url';
import {
  accessConfigQueries,
  downloadSpMetadata,
  useSendTestNotification,
  useSetBindingCallback,
} from './queries';

interface BindingCallbackCardProps {
  canEdit: boolean;
  /** Called after a test notification is queued, so the log can show it. */
  onTestQueued: () => void;
}

/**
 * 通知结果绑定地址 (P-70): where binding notifications are POSTed, the SP metadata whose
 * certificate verifies them, and "send test notification".
 */
export function BindingCallbackCard({ canEdit, onTestQueued }: BindingCallbackCardProps) {
  const { t } = useTranslation('access-config');
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ url: string }>();
  const callback = useQuery(accessConfigQueries.callback());
  const profile = usePartnerProfile();
  const save = useSetBindingCallback();
  const sendTest = useSendTestNotification();
  const savedUrl = callback.data?.url ?? '';
  const typedUrl = Form.useWatch('url', form) ?? '';

  useEffect(() => {
    form.setFieldsValue({ url: savedUrl });
  }, [form, savedUrl]);

  const submit = async (url: string) => {
    try {
      await save.mutateAsync(url.trim());
      notifySuccess(url.trim() === '' ? t('callback.cleared') : t('callback.saved'));
      return true;
    } catch (error) {
      if (!showErrorOnForm(form, error)) reportError(error);
      return false;
    }
  };

  const confirmClear = () =>
    void modal.confirm({
      title: t('callback.confirmClear', { url: savedUrl }),
      content: t('callback.confirmClearHint'),
      okText: t('callback.clear'),
      okButtonProps: { danger: true },
      onOk: () => submit(''),
    });

  const runTest = async () => {
    try {
      await sendTest.mutateAsync();
      notifySuccess(t('test.queued'));
      onTestQueued();
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <ProCard
      title={t('callback.title')}
      headerBordered
      loading={callback.isLoading}
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void downloadSpMetadata().catch(reportError)}
        >
          {t('metadata.download')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('callback.intro')}</Typography.Paragraph>
      {profile.data && (
        <Typography.Paragraph>
          {t('callback.xaccountType')}{' '}
          <Typography.Text code copyable>
            {profile.data.xaccount_type}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <ProForm<{ url: string }>
        form={form}
        layout="vertical"
        disabled={!canEdit}
        onFinish={(values) => submit(values.url)}
        submitter={{
          render: () => (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!canEdit}>
                {t('callback.save')}
              </Button>
              {savedUrl !== '' && (
                <Button danger disabled={!canEdit} onClick={confirmClear}>
                  {t('callback.clear')}
                </Button>
              )}
              <Button
                icon={<SendOutlined />}
                disabled={!canEdit || savedUrl === ''}
                loading={sendTest.isPending}
                onClick={() => void runTest()}
              >
                {t('test.send')}
              </Button>
            </Space>
          ),
        }}
      >
        <ProFormText
          name="url"
          label={t('callback.url')}
          placeholder="https://partner.example.com/huawei/bind-notify"
          fieldProps={{ maxLength: MAX_CALLBACK_URL_LENGTH, allowClear: true }}
          extra={savedUrl === '' ? t('callback.notConfigured') : undefined}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = callbackUrlProblem(value ?? '');
                return problem
                  ? Promise.reject(new Error(t(`callback.problems.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        />
      </ProForm>
      {isPlainHttp(typedUrl) && (
        <Alert type="warning" showIcon message={t('callback.httpsRecommended')} />
      )}
    </ProCard>
  );
}

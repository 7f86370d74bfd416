import { ModalForm, ProFormRadio, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError, showErrorOnForm } from '../../api/errors';
import {
  developmentApi,
  useDevelopmentSettings,
  useSendInvitations,
  type AssociationType,
  type Preregistration,
} from './development-queries';
import { MAX_BATCH_INVITATIONS, parseEmailList } from './development-rules';

interface InviteFormProps {
  /** Inviting a pre-registered customer: its e-mail is used unless others are typed. */
  preregistration?: Preregistration | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSent: () => void;
}

interface InviteValues {
  emails?: string;
  association_type: AssociationType;
}

/**
 * 邀请 / 批量邀请 (R-CUS-07/08/09): e-mail invitations valid 7 days, the association type chosen
 * per invitation (referral only when enabled), with a preview of the mail the invitee gets.
 */
export function InviteForm({ preregistration, open, onOpenChange, onSent }: InviteFormProps) {
  const { t } = useTranslation('development');
  const [form] = Form.useForm<InviteValues>();
  const settings = useDevelopmentSettings();
  const send = useSendInvitations();
  const [preview, setPreview] = useState<{ subject: string; text: string } | null>(null);
  const referralEnabled = settings.data?.referral_enabled ?? false;

  const showPreview = async () => {
    try {
      const type = (form.getFieldValue('association_type') as AssociationType | undefined) ?? '2';
      setPreview(await developmentApi.preview(type));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <>
      <ModalForm<InviteValues>
        title={
          preregistration
            ? t('invite.titleFor', { name: preregistration.customer_name })
            : t('invite.title')
        }
        open={open}
        onOpenChange={onOpenChange}
        form={form}
        width={560}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ association_type: preregistration?.association_type ?? '2' }}
        onFinish={async (values) => {
          const emails = parseEmailList(values.emails ?? '');
          if (emails.length === 0 && !preregistration) {
            form.setFields([{ name: 'emails', errors: [t('invite.emailsRequired')] }]);
            return false;
          }
          if (emails.length > MAX_BATCH_INVITATIONS) {
            form.setFields([{ name: 'emails', errors: [t('invite.tooMany')] }]);
            return false;
          }
          try {
            const result = await send.mutateAsync({
              emails,
              association_type: values.association_type,
              ...(preregistration ? { preregistration_id: preregistration.id } : {}),
            });
            notifySuccess(t('invite.sent', { count: result.invitations.length }));
            onSent();
            return true;
          } catch (error) {
            showErrorOnForm(form, error);
            return false;
          }
        }}
      >
        {preregistration && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${t('invite.useRegistered')}: ${preregistration.email || '-'}`}
          />
        )}
        <ProFormTextArea
          name="emails"
          label={t('invite.emails')}
          extra={t('invite.emailsHint')}
          fieldProps={{ rows: 4 }}
        />
        <ProFormRadio.Group
          name="association_type"
          label={t('invite.associationType')}
          rules={[{ required: true }]}
          extra={referralEnabled ? undefined : t('invite.referralDisabled')}
          options={[
            { value: '2', label: t('associationType.2') },
            { value: '1', label: t('associationType.1'), disabled: !referralEnabled },
          ]}
        />
        <Button type="link" style={{ padding: 0 }} onClick={() => void showPreview()}>
          {t('invite.preview')}
        </Button>
      </ModalForm>
      <Modal
        open={preview !== null}
        title={t('invite.previewTitle')}
        footer={null}
        onCancel={() => setPreview(null)}
        width={640}
      >
        {preview && (
          <>
            <Typography.Title level={5}>{preview.subject}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {preview.text}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}

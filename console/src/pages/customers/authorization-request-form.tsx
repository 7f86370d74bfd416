import { ModalForm, ProFormCheckbox } from '@ant-design/pro-components';
import { Alert, Button, Card, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import { useCustomerAuthorization, useRequestAuthorization } from './authorization-queries';
import { isOpenAuthorization } from './authorization-rules';

interface AuthorizationRequestFormProps {
  customer: { customer_id: string; account_name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: () => void;
}

interface FormValues {
  accept_commitment?: boolean;
}

/**
 * 申请客户授权 (SM-19, P-14): asks the customer to authorize the partner. The dialog reads the
 * current authorization as it opens: an open request makes a new one pointless, and the partner's
 * first request ever shows the commitment letter, which must be accepted.
 */
export function AuthorizationRequestForm({
  customer,
  open,
  onOpenChange,
  onSaved,
}: AuthorizationRequestFormProps) {
  const { t } = useTranslation('authorization');
  const state = useCustomerAuthorization(customer.customer_id, open);
  const submit = useRequestAuthorization();
  const latest = state.data?.latest ?? null;
  const isBlocked = isOpenAuthorization(latest?.status);
  const needsLetter = state.data?.commitment_required ?? false;

  return (
    <ModalForm<FormValues>
      title={t('request.title', { name: customer.account_name })}
      open={open}
      onOpenChange={onOpenChange}
      modalProps={{ destroyOnHidden: true }}
      submitter={{
        searchConfig: { submitText: t('request.submit') },
        submitButtonProps: { disabled: !state.data || isBlocked },
      }}
      onFinish={async (values) => {
        await submit.mutateAsync({
          customerId: customer.customer_id,
          acceptCommitment: values.accept_commitment === true,
        });
        notifySuccess(t('request.submitted'));
        onSaved?.();
        return true;
      }}
    >
      <Typography.Paragraph>{t('request.intro')}</Typography.Paragraph>
      {state.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : isBlocked && latest ? (
        <Alert
          type="warning"
          showIcon
          message={t('request.openRequest', { status: t(`statuses.${latest.status}`) })}
        />
      ) : (
        needsLetter && (
          <>
            <Card
              size="small"
              title={t('request.commitmentTitle', { version: state.data?.commitment_version })}
              style={{ marginBottom: 16, maxHeight: 240, overflow: 'auto' }}
            >
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                {t('request.commitment')}
              </Typography.Paragraph>
            </Card>
            <ProFormCheckbox
              name="accept_commitment"
              rules={[
                {
                  validator: (_, value: boolean | undefined) =>
                    value
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('request.acceptRequired'))),
                },
              ]}
            >
              {t('request.accept')}
            </ProFormCheckbox>
          </>
        )
      )}
    </ModalForm>
  );
}

/**
 * The 申请客户授权 button of the customer detail header; shown to members who manage customers
 * while the customer is associated.
 */
export function AuthorizationRequestButton({
  customer,
  disabled,
}: {
  customer: { customer_id: string; account_name: string };
  disabled?: boolean;
}) {
  const { t } = useTranslation('authorization');
  const access = useAccess();
  const [open, setOpen] = useState(false);
  if (!access.canManageCustomers) return null;
  return (
    <>
      <Button disabled={disabled} onClick={() => setOpen(true)}>
        {t('request.action')}
      </Button>
      {open && <AuthorizationRequestForm customer={customer} open onOpenChange={setOpen} />}
    </>
  );
}

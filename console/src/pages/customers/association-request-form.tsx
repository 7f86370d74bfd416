import { ModalForm, ProFormCheckbox, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import {
  useAccountCheck,
  useRequestAssociationChange,
  type AccountCheck,
  type AssociationRequestKind,
  type AssociationTypeCode,
} from './association-queries';
import { canSubmitRequest, isAllowanceUsedUp } from './association-rules';

interface AssociationRequestFormProps {
  customer: { customer_id: string; account_name: string; association_type: string };
  kind: AssociationRequestKind;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: () => void;
}

interface FormValues {
  reason: string;
  acknowledged: boolean;
}

function CheckResult({ check }: { check: AccountCheck }) {
  const { t } = useTranslation('association');
  const { allowance, open_request: open } = check;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {check.blockers.length > 0 ? (
        <Alert
          type="error"
          showIcon
          message={t('request.checkFailed')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {check.blockers.map((blocker) => (
                <li key={blocker.code}>{blocker.message}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('request.checkPassed')} />
      )}
      {open && (
        <Alert
          type="warning"
          showIcon
          message={t('request.openRequest', {
            kind: t(`kinds.${open.kind}`),
            status: t(`statuses.${open.status}`),
          })}
        />
      )}
      <Alert
        type={isAllowanceUsedUp(allowance) ? 'error' : 'info'}
        showIcon
        message={
          isAllowanceUsedUp(allowance)
            ? t('request.allowanceExhausted', {
                max: allowance.max_requests,
                months: allowance.period_months,
              })
            : t('request.allowance', {
                used: allowance.used,
                max: allowance.max_requests,
                months: allowance.period_months,
              })
        }
      />
    </Space>
  );
}

/**
 * 解除关联 / 切换关联类型 (R-DIS-01, SM-4): runs the account check (账号检查, R-DIS-04) as the dialog
 * opens and shows blockers, the period allowance (R-DIS-02/03) and any open request; submitting
 * needs a reason and the acknowledgement (R-DIS-05). The customer decides in its portal.
 */
export function AssociationRequestForm({
  customer,
  kind,
  open,
  onOpenChange,
  onSaved,
}: AssociationRequestFormProps) {
  const { t } = useTranslation('association');
  const check = useAccountCheck(customer.customer_id, kind, open);
  const submit = useRequestAssociationChange();
  const kindLabel = kind === 'disassociate' ? t('request.disassociate') : t('request.switchType');
  const fromType = customer.association_type as AssociationTypeCode;
  const toType: AssociationTypeCode = fromType === '2' ? '1' : '2';

  return (
    <ModalForm<FormValues>
      title={t('request.title', { kind: kindLabel, name: customer.account_name })}
      open={open}
      onOpenChange={onOpenChange}
      modalProps={{ destroyOnHidden: true }}
      submitter={{
        searchConfig: { submitText: t('request.submit') },
        submitButtonProps: { disabled: !canSubmitRequest(check.data), danger: true },
      }}
      onFinish={async (values) => {
        await submit.mutateAsync({
          customerId: customer.customer_id,
          kind,
          reason: values.reason.trim(),
          acknowledged: values.acknowledged,
        });
        notifySuccess(t('request.submitted'));
        onSaved?.();
        return true;
      }}
    >
      {check.isPending ? (
        <Space style={{ marginBottom: 16 }}>
          <Spin size="small" />
          <Typography.Text>{t('request.checking')}</Typography.Text>
        </Space>
      ) : (
        check.data && <CheckResult check={check.data} />
      )}
      {kind === 'switch_type' && (
        <Typography.Paragraph>
          {t('request.switchTo', { from: t(`types.${fromType}`), to: t(`types.${toType}`) })}
        </Typography.Paragraph>
      )}
      <ProFormTextArea
        name="reason"
        label={t('request.reason')}
        fieldProps={{ maxLength: 1024, showCount: true, rows: 3 }}
        rules={[{ required: true, whitespace: true, message: t('request.reasonRequired') }]}
      />
      <ProFormCheckbox
        name="acknowledged"
        rules={[
          {
            validator: (_, value: boolean | undefined) =>
              value
                ? Promise.resolve()
                : Promise.reject(new Error(t('request.acknowledgeRequired'))),
          },
        ]}
      >
        {kind === 'disassociate' ? t('request.acknowledge') : t('request.acknowledgeSwitch')}
      </ProFormCheckbox>
    </ModalForm>
  );
}

import { ProCard, ProDescriptions } from '@ant-design/pro-components';
import { Alert, App, Form, Input, Modal, Spin, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { Money } from '../../components/money';
import {
  useGrantBudgetQuota,
  useOwnBudgetQuota,
  useResellerBudgetQuota,
  type BudgetQuota,
} from '../customers/budget-queries';
import { amountProblem, normalizeAmount } from '../customers/funds-rules';

const CURRENCY = 'CNY';

function QuotaDescriptions({ quota }: { quota: BudgetQuota }) {
  const { t } = useTranslation('budgets');
  return (
    <ProDescriptions column={2} dataSource={quota}>
      <ProDescriptions.Item label={t('quota.enabled')} span={2}>
        {quota.enabled ? (
          <Tag color="success">{t('quota.granted')}</Tag>
        ) : (
          <Tag>{t('quota.notGranted')}</Tag>
        )}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('quota.monthlyQuota')}>
        <Money value={quota.monthly_quota} currency={CURRENCY} />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('quota.monthlyAllocated')}>
        <Money value={quota.monthly_allocated} currency={CURRENCY} />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('quota.oneTimeQuota')}>
        <Money value={quota.one_time_quota} currency={CURRENCY} />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('quota.oneTimeAllocated')}>
        <Money value={quota.one_time_allocated} currency={CURRENCY} />
      </ProDescriptions.Item>
    </ProDescriptions>
  );
}

/** 基本信息 > 预算额度 of a reseller (P-80, R-FUND-11): what its distributor granted. */
export function OwnBudgetQuotaCard() {
  const { t } = useTranslation('budgets');
  const quota = useOwnBudgetQuota(true);
  return (
    <ProCard title={t('quota.title')} headerBordered style={{ marginTop: 16 }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('quota.intro')} />
      {quota.data ? <QuotaDescriptions quota={quota.data} /> : <Spin />}
    </ProCard>
  );
}

interface GrantValues {
  enabled: boolean;
  monthly_quota: string;
  one_time_quota: string;
}

/** A quota is 0 or more with at most two decimals (the amount rules, zero allowed). */
function quotaProblem(value: string | undefined): 'required' | 'format' | null {
  const problem = amountProblem(value);
  if (problem === 'positive') return null;
  return problem;
}

/**
 * The distributor's 预算额度 grant to one reseller (R-FUND-11): whether it may set its customers'
 * budgets, and the monthly and one-time quotas their sums must stay within.
 */
export function BudgetQuotaForm({
  reseller,
  onClose,
}: {
  reseller: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation('budgets');
  const { modal } = App.useApp();
  const quota = useResellerBudgetQuota(reseller.id);
  const grant = useGrantBudgetQuota(reseller.id);
  const [form] = Form.useForm<GrantValues>();

  const validator = (_: unknown, value: string | undefined) => {
    const problem = quotaProblem(value);
    return problem
      ? Promise.reject(new Error(t(`quota.quotaProblems.${problem}`)))
      : Promise.resolve();
  };

  const submit = (values: GrantValues) => {
    const body = {
      enabled: values.enabled,
      monthly_quota: normalizeAmount(values.monthly_quota),
      one_time_quota: normalizeAmount(values.one_time_quota),
    };
    void modal.confirm({
      title: t('quota.grantTitle', { name: reseller.name }),
      content: (
        <ProDescriptions column={1} dataSource={body}>
          <ProDescriptions.Item label={t('quota.enabled')}>
            {body.enabled ? t('quota.granted') : t('quota.notGranted')}
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('quota.monthlyQuota')}>
            <Money value={body.monthly_quota} currency={CURRENCY} />
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('quota.oneTimeQuota')}>
            <Money value={body.one_time_quota} currency={CURRENCY} />
          </ProDescriptions.Item>
        </ProDescriptions>
      ),
      onOk: async () => {
        await grant.mutateAsync(body);
        notifySuccess(t('quota.done'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('quota.grantTitle', { name: reseller.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={grant.isPending}
      width={560}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('quota.intro')} />
      {quota.data ? (
        <>
          <QuotaDescriptions quota={quota.data} />
          <Form<GrantValues>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{
              enabled: quota.data.enabled,
              monthly_quota: quota.data.monthly_quota,
              one_time_quota: quota.data.one_time_quota,
            }}
          >
            <Form.Item name="enabled" label={t('quota.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="monthly_quota" label={t('quota.monthlyQuota')} rules={[{ validator }]}>
              <Input inputMode="decimal" suffix={CURRENCY} />
            </Form.Item>
            <Form.Item
              name="one_time_quota"
              label={t('quota.oneTimeQuota')}
              rules={[{ validator }]}
            >
              <Input inputMode="decimal" suffix={CURRENCY} />
            </Form.Item>
          </Form>
        </>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}

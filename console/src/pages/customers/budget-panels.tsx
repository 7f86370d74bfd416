import { ProDescriptions, ProTable } from '@ant-design/pro-components';
import {
  Badge,
  Button,
  Card,
  Drawer,
  Empty,
  Progress,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import {
  budgetQueries,
  useLatestBudgetAlerts,
  useSpendableFunds,
  type BudgetAlert,
  type SpendableSource,
} from './budget-queries';
import {
  amountText,
  budgetState,
  remainingText,
  usagePercent,
  type BudgetInfo,
  type BudgetState,
} from './budget-rules';

const CURRENCY = 'CNY';
const stateColors: Record<BudgetState, string> = {
  normal: 'success',
  alerted: 'warning',
  restricted: 'error',
};

function StateTag({ budget }: { budget: BudgetInfo }) {
  const { t } = useTranslation('budgets');
  const state = budgetState(budget);
  return <Tag color={stateColors[state]}>{t(`states.${state}`)}</Tag>;
}

/** 预算 / 预算使用率 in the customer list: the amount, the share used and the state. */
export function BudgetCell({ budget }: { budget: BudgetInfo | undefined }) {
  const { t } = useTranslation('budgets');
  if (!budget) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Money value={amountText(budget.budget_amount)} currency={CURRENCY} />
      <Typography.Text>{usagePercent(budget)}%</Typography.Text>
      <StateTag budget={budget} />
    </Space>
  );
}

/** The 总览 budget of a customer (P-14 detail): type, amount, used, remaining, usage and state. */
export function BudgetCard({
  budget,
  loading,
  extra,
}: {
  budget: BudgetInfo | undefined;
  loading: boolean;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation('budgets');
  const percent = budget ? usagePercent(budget) : '0.0';
  return (
    <Card title={t('card.title')} extra={extra} style={{ marginBottom: 16 }}>
      {loading ? (
        <Spin />
      ) : budget ? (
        <div data-testid="customer-budget">
          <ProDescriptions column={3} dataSource={budget}>
            <ProDescriptions.Item label={t('fields.budgetType')}>
              {t(`types.${budget.budget_type}`)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('fields.budget')}>
              <Money value={amountText(budget.budget_amount)} currency={CURRENCY} />
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('fields.used')}>
              <Money value={amountText(budget.used_amount)} currency={CURRENCY} />
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('fields.remaining')}>
              <Money value={remainingText(budget)} currency={CURRENCY} />
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('fields.exhaustionAction')}>
              {t(budget.frozen_operate_type === 1 ? 'actions.freeze' : 'actions.restrict')}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('fields.state')}>
              <StateTag budget={budget} />
            </ProDescriptions.Item>
          </ProDescriptions>
          <Space style={{ width: '100%' }} direction="vertical" size={0}>
            <Typography.Text type="secondary">
              {t('fields.usage')}: {percent}%
            </Typography.Text>
            <Progress
              percent={Math.min(100, Number(percent))}
              showInfo={false}
              status={budgetState(budget) === 'normal' ? 'normal' : 'exception'}
            />
          </Space>
        </div>
      ) : (
        <Empty description={t('card.empty')} />
      )}
    </Card>
  );
}

/** 可用资金 (issue 4 item 6): cash and usable coupons of a resale customer, each with its expiry. */
export function SpendableFundsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('budgets');
  const funds = useSpendableFunds(customerId, true);
  const currency = funds.data?.currency ?? CURRENCY;
  return (
    <Card
      title={t('spendable.title')}
      style={{ marginBottom: 16 }}
      extra={
        funds.data && (
          <Typography.Text strong data-testid="spendable-total">
            {t('spendable.total')}:{' '}
            <Money value={amountText(funds.data.total_amount)} currency={currency} />
          </Typography.Text>
        )
      }
    >
      <Table<SpendableSource>
        rowKey={(source) => `${source.type}-${source.coupon_id ?? ''}`}
        size="small"
        loading={funds.isLoading}
        pagination={false}
        dataSource={funds.data?.sources ?? []}
        locale={{ emptyText: <Empty description={t('spendable.empty')} /> }}
        columns={[
          {
            title: t('spendable.source'),
            dataIndex: 'type',
            render: (type: SpendableSource['type'], source) => (
              <Space>
                {t(`spendable.types.${type}`)}
                {source.coupon_id && (
                  <Typography.Text type="secondary" copyable>
                    {source.coupon_id}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('spendable.amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (amount: number) => <Money value={amountText(amount)} currency={currency} />,
          },
          {
            title: t('spendable.expires'),
            dataIndex: 'expire_time',
            render: (value: string | undefined) =>
              value ? formatDateTime(value) : t('spendable.never'),
          },
        ]}
      />
    </Card>
  );
}

/** The 75/90/100 % alerts of the partner's customers (R-FUND-09), newest first, paged. */
function BudgetAlertTable() {
  const { t } = useTranslation(['budgets', 'common']);
  return (
    <ProTable<BudgetAlert, TableParams>
      rowKey="id"
      search={false}
      options={{ density: false, setting: false, reload: true }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true }}
      locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
      request={(params) => {
        const { page } = splitTableParams(params);
        return loadTablePage(async () => {
          const result = await queryClient.query(budgetQueries.alerts(page));
          return { rows: result.alerts, total: result.total_count };
        });
      }}
      columns={[
        {
          title: t('fields.customer'),
          dataIndex: 'account_name',
          render: (_, alert) => (
            <Link to={`/sales/customers/detail/${encodeURIComponent(alert.customer_id)}`}>
              {alert.account_name || alert.customer_id}
            </Link>
          ),
        },
        {
          title: t('alerts.threshold'),
          dataIndex: 'threshold',
          render: (_, alert) => (
            <Tag color={alert.threshold >= 100 ? 'error' : 'warning'}>{alert.threshold}%</Tag>
          ),
        },
        {
          title: t('alerts.budget'),
          dataIndex: 'budget_amount',
          align: 'right',
          render: (_, alert) => <Money value={alert.budget_amount} currency={CURRENCY} />,
        },
        {
          title: t('alerts.used'),
          dataIndex: 'used_amount',
          align: 'right',
          render: (_, alert) => <Money value={alert.used_amount} currency={CURRENCY} />,
        },
        {
          title: t('alerts.mailed'),
          dataIndex: 'mailed',
          render: (_, alert) => t(alert.mailed ? 'alerts.mailedYes' : 'alerts.mailedNo'),
        },
        {
          title: t('alerts.time'),
          dataIndex: 'create_time',
          render: (_, alert) => formatDateTime(alert.create_time),
        },
      ]}
    />
  );
}

/** 预算预警: a button with the number of alerts, opening the alert list in a drawer. */
export function BudgetAlertsButton() {
  const { t } = useTranslation('budgets');
  const [open, setOpen] = useState(false);
  const latest = useLatestBudgetAlerts(true);
  return (
    <>
      <Badge count={latest.data?.total_count ?? 0} size="small" overflowCount={99}>
        <Button onClick={() => setOpen(true)}>{t('alerts.open')}</Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('alerts.title')}
        width={880}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('alerts.intro')}</Typography.Paragraph>
        <BudgetAlertTable />
      </Drawer>
    </>
  );
}

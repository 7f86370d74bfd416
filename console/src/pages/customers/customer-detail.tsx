import { ProDescriptions } from '@ant-design/pro-components';
import { Button, Card, Dropdown, Result, Space, Spin, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAccess } from '../../access';
import type {
  CustomerAssignment,
  CustomerAssociationRecord,
  CustomerDetail as Detail,
} from '../../api/types';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { AssignForm } from './assign-form';
import { BudgetForm } from './budget-form';
import { BudgetCard, SpendableFundsCard } from './budget-panels';
import { useCustomerBudgets, type FreezeDirection } from './budget-queries';
import { FreezeForm } from './freeze-form';
import { AssociationPanel } from './association-panel';
import { AuthorizationPanel } from './authorization-panel';
import { AuthorizationRequestButton } from './authorization-request-form';
import { associationEvents } from './association-queries';
import { AssociationTag, managerText, verifiedText } from './customer-columns';
import { ContactReveal } from './contact-reveal';
import { FundsForm } from './funds-form';
import { balanceText, useCustomerBalances, type FundsDirection } from './funds-queries';
import { canMoveFunds } from './funds-rules';
import { Money } from '../../components/money';
import { useCustomer } from './queries';

/** The resale customer's cash balance (ListCustomersBalancesDetail); a referral one has none. */
function BalanceText({ customer }: { customer: Detail }) {
  const resale = customer.association_type === '2';
  const balances = useCustomerBalances([customer.customer_id], resale);
  if (!resale) return <>-</>;
  if (balances.isLoading) return <Spin size="small" />;
  const balance = balanceText(balances.data, customer.customer_id);
  if (balance === null) return <>-</>;
  return (
    <span data-testid="customer-balance">
      <Money value={balance} currency="CNY" />
    </span>
  );
}

function Overview({ customer }: { customer: Detail }) {
  const { t } = useTranslation(['customers', 'funds']);
  return (
    <ProDescriptions<Detail> column={2} dataSource={customer}>
      <ProDescriptions.Item label={t('fields.accountName')} dataIndex="account_name" />
      <ProDescriptions.Item label={t('fields.customerName')} dataIndex="customer_name" />
      <ProDescriptions.Item label={t('fields.customerId')} dataIndex="customer_id" copyable />
      <ProDescriptions.Item label={t('fields.xaccountId')} dataIndex="xaccount_id" copyable />
      <ProDescriptions.Item label={t('fields.associationType')}>
        <AssociationTag t={t} value={customer.association_type} />
      </ProDescriptions.Item>
      <ProDescriptions.Item
        label={t('fields.associatedOn')}
        dataIndex="associated_on"
        valueType="dateTime"
      />
      <ProDescriptions.Item label={t('fields.accountManager')}>
        {managerText(customer.account_manager)}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.label')}>{customer.label || '-'}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.mobile')}>
        <ContactReveal customerId={customer.customer_id} field="mobile" masked={customer.mobile} />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.email')}>
        <ContactReveal customerId={customer.customer_id} field="email" masked={customer.email} />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.verifiedStatus')}>
        {verifiedText(t, customer.verified_status)}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.frozen')}>
        {customer.is_frozen ? <Tag color="error">{t('frozen')}</Tag> : <Tag>{t('normal')}</Tag>}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('funds:customerFunds.balance')}>
        <BalanceText customer={customer} />
      </ProDescriptions.Item>
      <ProDescriptions.Item
        label={t('fields.createdAt')}
        dataIndex="created_at"
        valueType="dateTime"
      />
    </ProDescriptions>
  );
}

function AssociationRecords({ records }: { records: CustomerAssociationRecord[] }) {
  const { t } = useTranslation(['customers', 'association']);
  return (
    <Table<CustomerAssociationRecord>
      rowKey={(record) => `${record.occurred_at}-${record.event}-${record.association_type}`}
      dataSource={records}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        {
          title: t('records.event'),
          dataIndex: 'event',
          render: (event: string) => {
            const known = associationEvents.find((name) => name === event);
            return known ? t(`association:events.${known}`) : event;
          },
        },
        {
          title: t('fields.associationType'),
          dataIndex: 'association_type',
          render: (value: string) => <AssociationTag t={t} value={value} />,
        },
        { title: t('records.actor'), dataIndex: 'actor' },
        {
          title: t('records.occurredAt'),
          dataIndex: 'occurred_at',
          render: (value: string) => formatDateTime(value),
        },
      ]}
    />
  );
}

function ManagerHistory({ assignments }: { assignments: CustomerAssignment[] }) {
  const { t } = useTranslation('customers');
  return (
    <Table<CustomerAssignment>
      rowKey={(period) => `${period.member_id}-${period.started_at}`}
      dataSource={assignments}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        {
          title: t('fields.accountManager'),
          dataIndex: 'member_id',
          render: (_: string, period) =>
            managerText({
              id: period.member_id,
              user_name: period.user_name,
              display_name: period.display_name,
            }),
        },
        {
          title: t('history.startedAt'),
          dataIndex: 'started_at',
          render: (value: string) => formatDateTime(value),
        },
        {
          title: t('history.endedAt'),
          dataIndex: 'ended_at',
          render: (value: string | null) =>
            value ? formatDateTime(value) : <Tag color="success">{t('history.current')}</Tag>,
        },
      ]}
    />
  );
}

/** 客户详情: the overview, the association records and the account-manager changes. */
export function CustomerDetail() {
  const { t } = useTranslation(['customers', 'common', 'funds', 'budgets']);
  const { customerId = '' } = useParams();
  const navigate = useNavigate();
  const access = useAccess();
  const customer = useCustomer(customerId);
  const [assigning, setAssigning] = useState(false);
  const [tab, setTab] = useState('records');
  const [funding, setFunding] = useState<FundsDirection | null>(null);
  const [budgeting, setBudgeting] = useState(false);
  const [freezing, setFreezing] = useState<FreezeDirection | null>(null);
  const resale = customer.data ? canMoveFunds(customer.data) : false;
  const budgets = useCustomerBudgets([customerId], resale);
  const budget = budgets.data?.budget_infos.find((item) => item.customer_id === customerId);

  if (customer.isPending) {
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
        <Spin size="large" />
      </div>
    );
  }
  if (!customer.data) {
    return (
      <Result
        status="warning"
        title={t('detail.loadFailed')}
        extra={<Button onClick={() => void navigate(-1)}>{t('detail.back')}</Button>}
      />
    );
  }
  const data = customer.data;
  const status = data.status;
  return (
    <PageShell
      title={data.account_name}
      onBack={() => void navigate(-1)}
      extra={
        <Space>
          <AuthorizationRequestButton customer={data} disabled={status === 'disassociated'} />
          {access.canManageFunds && canMoveFunds(data) && (
            <>
              <Button onClick={() => setFunding('allocate')}>
                {t('funds:customerFunds.allocateAction')}
              </Button>
              <Button onClick={() => setFunding('reclaim')}>
                {t('funds:customerFunds.reclaimAction')}
              </Button>
              <Dropdown
                menu={{
                  items: [
                    { key: 'freeze', label: t('budgets:freeze.freezeAction'), danger: true },
                    { key: 'unfreeze', label: t('budgets:freeze.unfreezeAction') },
                  ],
                  onClick: ({ key }) => setFreezing(key as FreezeDirection),
                }}
              >
                <Button data-testid="freeze-menu">{t('budgets:freeze.menu')}</Button>
              </Dropdown>
            </>
          )}
          {access.canAssignCustomers && (
            <Button type="primary" onClick={() => setAssigning(true)}>
              {t('assign.action')}
            </Button>
          )}
        </Space>
      }
    >
      <Card title={t('detail.overview')} style={{ marginBottom: 16 }}>
        <Overview customer={data} />
      </Card>
      {resale && (
        <>
          <BudgetCard
            budget={budget}
            loading={budgets.isLoading}
            extra={
              access.canManageFunds && (
                <Button type="link" onClick={() => setBudgeting(true)}>
                  {t('budgets:set.action')}
                </Button>
              )
            }
          />
          <SpendableFundsCard customerId={data.customer_id} />
        </>
      )}
      <AuthorizationPanel customer={data} />
      <AssociationPanel customer={{ ...data, status }} onChanged={() => void customer.refetch()} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'records',
              label: t('detail.associationRecords'),
              children: <AssociationRecords records={data.association_records} />,
            },
            {
              key: 'managers',
              label: t('detail.managerHistory'),
              children: <ManagerHistory assignments={data.assignments} />,
            },
          ]}
        />
      </Card>
      {funding && (
        <FundsForm
          direction={funding}
          customers={[data]}
          onClose={() => setFunding(null)}
          onSaved={() => void customer.refetch()}
        />
      )}
      {budgeting && (
        <BudgetForm
          customers={[data]}
          current={budget}
          onClose={() => setBudgeting(false)}
          onSaved={() => void customer.refetch()}
        />
      )}
      {freezing && (
        <FreezeForm
          direction={freezing}
          customers={[data]}
          onClose={() => setFreezing(null)}
          onSaved={() => void customer.refetch()}
        />
      )}
      {assigning && (
        <AssignForm
          customers={[data]}
          open
          onOpenChange={(open) => {
            if (!open) setAssigning(false);
          }}
          onSaved={() => void customer.refetch()}
        />
      )}
    </PageShell>
  );
}

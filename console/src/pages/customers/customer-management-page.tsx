import { Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccess } from '../../access';
import { PageShell } from '../../components/page-shell';
import { BudgetAlertsButton } from './budget-panels';
import { CustomerList } from './customer-list';
import { ResellerCustomerList } from './reseller-customer-list';

/**
 * 销售 > 客户 > 客户管理 (P-14). A tier-1 distributor gets two tabs, 我的客户 and 云经销商的客户
 * (console-spec X5); the tab is kept in the URL (`tab=resellers`).
 */
export function CustomerManagementPage() {
  const { t } = useTranslation(['customers', 'association']);
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const showResellers = access.canViewResellerCustomers && params.get('tab') === 'resellers';
  return (
    <PageShell
      title={t('management.title')}
      content={t('management.intro')}
      extra={
        <Space size="large">
          {access.canViewCustomers && <BudgetAlertsButton />}
          <Link to="/sales/customers/association-records">{t('association:records.openLink')}</Link>
        </Space>
      }
    >
      {access.canViewResellerCustomers ? (
        <Tabs
          activeKey={showResellers ? 'resellers' : 'mine'}
          onChange={(key) => setParams(key === 'resellers' ? { tab: key } : {}, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'mine', label: t('tabs.mine'), children: <CustomerList /> },
            {
              key: 'resellers',
              label: t('tabs.resellers'),
              children: <ResellerCustomerList />,
            },
          ]}
        />
      ) : (
        <CustomerList />
      )}
    </PageShell>
  );
}

import { useTranslation } from 'react-i18next';
import { PageShell } from '../../components/page-shell';
import { CustomerList } from './customer-list';

/** 销售 > 客户 > 客户管理 (P-14). */
export function CustomerManagementPage() {
  const { t } = useTranslation('customers');
  return (
    <PageShell title={t('management.title')} content={t('management.intro')}>
      <CustomerList />
    </PageShell>
  );
}

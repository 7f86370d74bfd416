import { useTranslation } from 'react-i18next';
import { PageShell } from '../../components/page-shell';
import { CustomerList } from './customer-list';

/** 销售 > 客户 > 客户分配 (P-19): the customer table, opening on those nobody manages yet. */
export function CustomerAssignmentPage() {
  const { t } = useTranslation('customers');
  return (
    <PageShell title={t('assignment.title')} content={t('assignment.intro')}>
      <CustomerList defaultUnassigned />
    </PageShell>
  );
}

import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../../components/page-shell';
import { AccessKeyTable } from '../../pages/access-keys/access-key-table';
import { portalAccessKeys, usePortalCustomer } from '../api';

/**
 * The customer's own AK/SK pairs for the customer-side APIs, in the same table as the partner
 * console's access keys.
 */
export function PortalAccessKeysPage() {
  const { t } = useTranslation('portal');
  const customer = usePortalCustomer();
  return (
    <PageShell title={t('accessKeys.title')} content={t('accessKeys.intro')}>
      <AccessKeyTable
        endpoint={portalAccessKeys}
        userName={customer?.account_name ?? ''}
        emptyText={<Empty description={t('accessKeys.empty')} />}
      />
    </PageShell>
  );
}

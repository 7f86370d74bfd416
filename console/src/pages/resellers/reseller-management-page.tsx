import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageShell } from '../../components/page-shell';
import { ApplicationListTab } from './application-list-tab';
import { ResellerListTab } from './reseller-list-tab';

const tabs = ['resellers', 'applications'] as const;
type Tab = (typeof tabs)[number];

function isTab(value: string | null): value is Tab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

/** 销售 > 云经销商 > 云经销商管理 (P-37, distributor only): its resellers and their applications. */
export function ResellerManagementPage() {
  const { t } = useTranslation('resellers');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: Tab = isTab(requested) ? requested : 'resellers';
  return (
    <PageShell title={t('title')} content={t('intro')}>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'resellers', label: t('tabs.resellers'), children: <ResellerListTab /> },
          { key: 'applications', label: t('tabs.applications'), children: <ApplicationListTab /> },
        ]}
      />
    </PageShell>
  );
}

import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageShell } from '../../components/page-shell';
import { DevelopmentHistory } from './development-history';
import { DevelopmentInvitations } from './development-invitations';
import { DevelopmentOffline } from './development-offline';
import { DevelopmentPreregistrations } from './development-preregistrations';

const tabKeys = ['development', 'offline', 'invitations', 'history'] as const;
type TabKey = (typeof tabKeys)[number];

function isTabKey(value: string | null): value is TabKey {
  return (tabKeys as readonly (string | null)[]).includes(value);
}

/**
 * 销售 > 拓新 > 客户拓展 (P-10): pre-registrations with the invite actions, the standing offline
 * links and QR codes, the e-mail invitations and the history of association attempts. The tab is
 * kept in the URL (`tab=`), so a reload or a shared link opens the same tab.
 */
export function DevelopmentPage() {
  const { t } = useTranslation('development');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const active: TabKey = isTabKey(tab) ? tab : 'development';
  return (
    <PageShell title={t('title')} content={t('intro')}>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams(key === 'development' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'development',
            label: t('tabs.development'),
            children: <DevelopmentPreregistrations />,
          },
          { key: 'offline', label: t('tabs.offline'), children: <DevelopmentOffline /> },
          {
            key: 'invitations',
            label: t('tabs.invitations'),
            children: <DevelopmentInvitations />,
          },
          { key: 'history', label: t('tabs.history'), children: <DevelopmentHistory /> },
        ]}
      />
    </PageShell>
  );
}

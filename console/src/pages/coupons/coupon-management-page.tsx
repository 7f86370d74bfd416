import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../api/session';
import { PageShell } from '../../components/page-shell';
import { IssuedCouponsTab } from './issued-coupons-tab';
import { IssuedQuotasTab } from './issued-quotas-tab';
import { OperationRecordsTab } from './operation-records-tab';
import { QuotasTab } from './quotas-tab';

const tabs = ['quotas', 'issued', 'issuedQuotas', 'records'] as const;
type CouponTab = (typeof tabs)[number];

function isTab(value: string | null): value is CouponTab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

/**
 * 销售 > 客户 > 券管理 (P-17): 代金券额度 (issue coupons, and a distributor's 发放额度),
 * 已发放代金券 (reclaim), a distributor's 已发放代金券额度 (reclaim) and 操作记录 (filters,
 * export). The tab is kept in the URL (`tab=`).
 */
export function CouponManagementPage() {
  const { t } = useTranslation('coupons');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  // Only a tier-1 distributor issues quota to resellers (R-COUP-11).
  const isDistributor = user?.account_type === 'tier1_distributor';
  const visible = tabs.filter((tab) => tab !== 'issuedQuotas' || isDistributor);
  const requested = params.get('tab');
  const tab: CouponTab = isTab(requested) && visible.includes(requested) ? requested : 'quotas';
  const open = (next: CouponTab, extra: Record<string, string> = {}) =>
    setParams(next === 'quotas' ? extra : { tab: next, ...extra });

  return (
    <PageShell
      title={t('title')}
      content={t('intro')}
      tabActiveKey={tab}
      tabList={visible.map((key) => ({ key, tab: t(`tabs.${key}`) }))}
      onTabChange={(key) => open(key as CouponTab)}
    >
      {tab === 'quotas' && (
        <QuotasTab
          isDistributor={isDistributor}
          onShowRecords={(quotaId) => open('records', { quota_id: quotaId })}
        />
      )}
      {tab === 'issued' && <IssuedCouponsTab />}
      {tab === 'issuedQuotas' && <IssuedQuotasTab />}
      {tab === 'records' && <OperationRecordsTab isDistributor={isDistributor} />}
    </PageShell>
  );
}

import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/session';
import { PageShell } from '../../components/page-shell';
import { AccessConfigSections } from '../access-config/access-config-sections';
import { AccessKeyTable } from './access-key-table';
import { partnerAccessKeys } from './queries';

/**
 * 支持 > 能力开放 > 接入配置 (P-70): the signed-in user's API access keys (AK/SK) for calling the
 * open API with SDK-HMAC-SHA256 signatures, then the partner's binding-notification settings.
 */
export function AccessKeyList() {
  const { t } = useTranslation('access-keys');
  const user = useCurrentUser();
  return (
    <PageShell title={t('title')} content={t('intro')}>
      <AccessKeyTable
        endpoint={partnerAccessKeys}
        userName={user?.user_name ?? ''}
        descriptionPlaceholder={t('descriptionPlaceholder')}
      />
      <AccessConfigSections />
    </PageShell>
  );
}

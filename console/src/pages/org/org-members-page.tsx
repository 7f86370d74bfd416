import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageShell } from '../../components/page-shell';
import { MemberList } from './member-list';
import { RoleList } from './role-list';

type OrgTab = 'members' | 'roles';

/** 组织 > 组织成员 (P-60): 人员管理 and 角色管理 tabs; the tab is kept in the URL. */
export function OrgMembersPage() {
  const { t } = useTranslation('org');
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: OrgTab = searchParams.get('tab') === 'roles' ? 'roles' : 'members';
  return (
    <PageShell
      title={t('title')}
      content={t('intro')}
      tabActiveKey={tab}
      tabList={[
        { key: 'members', tab: t('tabs.members') },
        { key: 'roles', tab: t('tabs.roles') },
      ]}
      onTabChange={(key) => setSearchParams(key === 'roles' ? { tab: 'roles' } : {})}
    >
      {tab === 'members' ? <MemberList /> : <RoleList />}
    </PageShell>
  );
}

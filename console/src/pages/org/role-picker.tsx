import { ProFormCheckbox, ProFormDependency, ProFormSelect } from '@ant-design/pro-components';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { failIf } from '../../components/form-rules';
import { useSupervisorCandidates } from './queries';
import {
  mayHaveSupervisor,
  PresetRoleCodes,
  roleCombinationProblem,
  roleDisplayName,
} from './role-rules';

export function codesOf(roles: readonly Role[], ids: readonly string[] | undefined): string[] {
  return (ids ?? []).flatMap((id) => roles.find((role) => role.id === id)?.code ?? []);
}

/** The role checkboxes of the member forms, with the combination rules of R-ORG-03 as field rules. */
export function RoleCheckboxes({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation('org');
  return (
    <ProFormCheckbox.Group
      name="role_ids"
      label={t('member.fields.roles')}
      extra={t('member.rolesHint')}
      options={roles.map((role) => ({
        value: role.id,
        label: (
          <Space size={4}>
            {roleDisplayName(role, t)}
            {role.is_preset && <Tag bordered={false}>{t('role.preset')}</Tag>}
          </Space>
        ),
      }))}
      required
      rules={[
        {
          validator: (_rule, value: string[] | undefined) => {
            const problem = roleCombinationProblem(codesOf(roles, value));
            return failIf(problem !== null, () => t(`member.roleProblem.${problem ?? 'none'}`));
          },
        },
      ]}
    />
  );
}

/** The supervisor an account manager reports to: a member holding the supervisor role. */
export function SupervisorSelect({
  roles,
  memberId,
}: {
  roles: readonly Role[];
  memberId?: string;
}) {
  const { t } = useTranslation('org');
  const supervisorRole = roles.find((role) => role.code === PresetRoleCodes.AM_SUPERVISOR);
  const candidates = useSupervisorCandidates(supervisorRole?.id);
  return (
    <ProFormSelect
      name="supervisor_id"
      label={t('member.fields.supervisor')}
      extra={t('member.supervisorHint')}
      allowClear
      fieldProps={{ loading: supervisorRole !== undefined && candidates.isPending }}
      options={(candidates.data?.members ?? [])
        .filter((member) => member.id !== memberId)
        .map((member) => ({
          value: member.id,
          label: `${member.display_name} (${member.user_name})`,
        }))}
    />
  );
}

/** The supervisor choice, shown once the ticked roles include account manager. */
export function SupervisorForTickedRoles({
  roles,
  memberId,
}: {
  roles: readonly Role[];
  memberId?: string;
}) {
  return (
    <ProFormDependency name={['role_ids']}>
      {({ role_ids }: { role_ids?: string[] }) =>
        mayHaveSupervisor(codesOf(roles, role_ids)) ? (
          <SupervisorSelect roles={roles} memberId={memberId} />
        ) : null
      }
    </ProFormDependency>
  );
}

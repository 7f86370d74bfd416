import type { ProColumns } from '@ant-design/pro-components';
import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { Member, MemberStatus, Role } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { formatDateTime } from '../../components/format';
import { maskEmail, maskPhone } from '../../components/mask';
import { SensitiveTitle } from '../../components/sensitive';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import { roleDisplayName } from './role-rules';

export function memberStatusOptions(t: TFunction<'org'>): StatusOptions<MemberStatus> {
  return {
    active: { text: t('member.status.active'), tone: 'success' },
    disabled: { text: t('member.status.disabled'), tone: 'default' },
  };
}

interface MemberColumnOptions {
  t: TFunction<'org'>;
  roles: readonly Role[];
  revealed: boolean;
  toggleRevealed: () => void;
  actions: ProColumns<Member>;
}

/** 人员管理 columns (P-60); phone and e-mail masked until revealed (X1). */
export function memberColumns({
  t,
  roles,
  revealed,
  toggleRevealed,
  actions,
}: MemberColumnOptions): ProColumns<Member>[] {
  const statusOptions = memberStatusOptions(t);
  return [
    {
      title: t('member.fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('member.keywordPlaceholder') },
    },
    {
      title: t('member.fields.userName'),
      dataIndex: 'user_name',
      search: false,
      width: 190,
      render: (_, member) => (
        <Space size={4} wrap>
          {member.user_name}
          {member.is_owner && <Tag color="gold">{t('member.owner')}</Tag>}
        </Space>
      ),
    },
    { title: t('member.fields.displayName'), dataIndex: 'display_name', search: false, width: 140 },
    {
      title: (
        <SensitiveTitle
          title={t('member.fields.phone')}
          revealed={revealed}
          onToggle={toggleRevealed}
        />
      ),
      dataIndex: 'phone',
      search: false,
      width: 150,
      render: (_, member) => (revealed ? member.phone : maskPhone(member.phone)) || '-',
    },
    {
      title: (
        <SensitiveTitle
          title={t('member.fields.email')}
          revealed={revealed}
          onToggle={toggleRevealed}
        />
      ),
      dataIndex: 'email',
      search: false,
      width: 220,
      ellipsis: true,
      render: (_, member) => (revealed ? member.email : maskEmail(member.email)) || '-',
    },
    {
      title: t('member.fields.roles'),
      dataIndex: 'role_id',
      valueType: 'select',
      width: 180,
      fieldProps: {
        options: roles.map((role) => ({ value: role.id, label: roleDisplayName(role, t) })),
      },
      render: (_, member) =>
        member.roles.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {member.roles.map((role) => (
              <Tag key={role.id}>{roleDisplayName(role, t)}</Tag>
            ))}
          </Space>
        ) : (
          '-'
        ),
    },
    {
      title: t('member.fields.supervisor'),
      dataIndex: 'supervisor_name',
      search: false,
      width: 120,
    },
    {
      title: t('member.fields.status'),
      dataIndex: 'status',
      valueType: 'select',
      width: 100,
      valueEnum: toValueEnum(statusOptions),
      render: (_, member) => <StatusTag value={member.status} options={statusOptions} />,
    },
    {
      title: t('member.fields.lastLoginAt'),
      dataIndex: 'last_login_at',
      width: 170,
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('member.fields.createdAt'),
      dataIndex: 'created_at',
      valueType: 'dateTime',
      search: false,
    },
    actions,
  ];
}

/** The CSV export of the member list; contact details stay masked in the file (X3). */
export function memberCsvColumns(t: TFunction<'org'>): CsvColumn<Member>[] {
  const statusOptions = memberStatusOptions(t);
  return [
    { title: t('member.fields.userName'), value: (member) => member.user_name },
    { title: t('member.fields.displayName'), value: (member) => member.display_name },
    { title: t('member.fields.phone'), value: (member) => maskPhone(member.phone) },
    { title: t('member.fields.email'), value: (member) => maskEmail(member.email) },
    {
      title: t('member.fields.roles'),
      value: (member) => member.roles.map((role) => roleDisplayName(role, t)).join(' / '),
    },
    { title: t('member.fields.supervisor'), value: (member) => member.supervisor_name ?? '' },
    { title: t('member.fields.status'), value: (member) => statusOptions[member.status].text },
    {
      title: t('member.fields.lastLoginAt'),
      value: (member) => formatDateTime(member.last_login_at),
    },
    { title: t('member.fields.createdAt'), value: (member) => formatDateTime(member.created_at) },
  ];
}

import { ProDescriptions } from '@ant-design/pro-components';
import { Drawer, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { SensitiveValue } from '../../components/sensitive';
import { StatusTag } from '../../components/status-tag';
import { memberStatusOptions } from './member-columns';
import { roleDisplayName } from './role-rules';

/** 详情: one member's information in a side drawer. */
export function MemberDetail({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation('org');
  return (
    <Drawer
      open={member !== null}
      onClose={onClose}
      width={520}
      title={member ? t('member.detailTitle', { name: member.user_name }) : ''}
      destroyOnHidden
    >
      {member && (
        <ProDescriptions<Member> column={1} dataSource={member}>
          <ProDescriptions.Item label={t('member.fields.userName')} dataIndex="user_name" />
          <ProDescriptions.Item label={t('member.fields.displayName')} dataIndex="display_name" />
          <ProDescriptions.Item label={t('member.fields.phone')}>
            <SensitiveValue value={member.phone} kind="phone" />
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('member.fields.email')}>
            <SensitiveValue value={member.email} kind="email" />
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('member.fields.roles')}>
            <Space size={[0, 4]} wrap>
              {member.is_owner && <Tag color="gold">{t('member.owner')}</Tag>}
              {member.roles.map((role) => (
                <Tag key={role.id}>{roleDisplayName(role, t)}</Tag>
              ))}
            </Space>
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('member.fields.supervisor')} dataIndex="supervisor_name" />
          <ProDescriptions.Item label={t('member.fields.status')}>
            <StatusTag value={member.status} options={memberStatusOptions(t)} />
          </ProDescriptions.Item>
          <ProDescriptions.Item label={t('member.fields.mustChangePassword')}>
            {member.must_change_password ? t('member.yes') : t('member.no')}
          </ProDescriptions.Item>
          <ProDescriptions.Item
            label={t('member.fields.lastLoginAt')}
            dataIndex="last_login_at"
            valueType="dateTime"
          />
          <ProDescriptions.Item
            label={t('member.fields.createdAt')}
            dataIndex="created_at"
            valueType="dateTime"
          />
        </ProDescriptions>
      )}
    </Drawer>
  );
}

import { EditOutlined, KeyOutlined } from '@ant-design/icons';
import { ModalForm, ProCard, ProDescriptions, ProFormText } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import type { Profile, ProfileUpdate } from '../../api/types';
import { PageShell } from '../../components/page-shell';
import { SensitiveValue } from '../../components/sensitive';
import { ChangePasswordModal } from './change-password-form';

const PROFILE = '/console/api/profile';

/** User menu > 个人资料 (§1.4): the signed-in user's own details, editable by themselves. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: queryKeys.profile.all,
    queryFn: () => api.get<Profile>(PROFILE),
  });
  const [changingPassword, setChangingPassword] = useState(false);
  const data = profile.data;
  return (
    <PageShell title={t('user.profile')}>
      {profile.isPending ? (
        <Spin />
      ) : (
        data && (
          <ProCard
            title={t('profile.personalInfo')}
            headerBordered
            extra={
              <Space>
                <Button icon={<KeyOutlined />} onClick={() => setChangingPassword(true)}>
                  {t('user.changePassword')}
                </Button>
                <EditProfileForm profile={data} />
              </Space>
            }
          >
            <ProDescriptions<Profile> column={2} dataSource={data}>
              <ProDescriptions.Item label={t('profile.accountName')} dataIndex="account_name" />
              <ProDescriptions.Item label={t('profile.userName')}>
                <Space size={4}>
                  {data.user_name}
                  {data.is_owner && <Tag color="gold">{t('profile.owner')}</Tag>}
                </Space>
              </ProDescriptions.Item>
              <ProDescriptions.Item label={t('profile.displayName')} dataIndex="display_name" />
              <ProDescriptions.Item label={t('profile.email')}>
                <SensitiveValue value={data.email} kind="email" />
              </ProDescriptions.Item>
              <ProDescriptions.Item label={t('profile.phone')}>
                <SensitiveValue value={data.phone} kind="phone" />
              </ProDescriptions.Item>
            </ProDescriptions>
          </ProCard>
        )
      )}
      <ChangePasswordModal open={changingPassword} onOpenChange={setChangingPassword} />
    </PageShell>
  );
}

function EditProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProfileUpdate>();
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (body: ProfileUpdate) => api.put<Profile>(PROFILE, body),
    onSuccess: async (saved) => {
      client.setQueryData(queryKeys.profile.all, saved);
      // The header shows the display name from the session.
      await client.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
  return (
    <ModalForm<ProfileUpdate>
      title={t('profile.editTitle')}
      form={form}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      trigger={<Button icon={<EditOutlined />}>{t('actions.edit')}</Button>}
      initialValues={{
        display_name: profile.display_name,
        email: profile.email,
        phone: profile.phone,
      }}
      onFinish={async (values) => {
        try {
          await update.mutateAsync({
            display_name: values.display_name.trim(),
            email: values.email?.trim() ?? '',
            phone: values.phone?.trim() ?? '',
          });
          notifySuccess(t('saved'));
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
    >
      <ProFormText
        name="display_name"
        label={t('profile.displayName')}
        rules={[{ required: true, whitespace: true }, { max: 64 }]}
      />
      <ProFormText
        name="email"
        label={t('profile.email')}
        rules={[{ type: 'email' }, { max: 255 }]}
      />
      <ProFormText
        name="phone"
        label={t('profile.phone')}
        rules={[{ pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('profile.phoneInvalid') }]}
      />
    </ModalForm>
  );
}

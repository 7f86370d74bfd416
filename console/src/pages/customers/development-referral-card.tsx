import { ProCard } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/errors';
import type { PartnerList } from '../../api/types';

const referralPath = (partnerId: string) =>
  `/console/api/operator/partners/${encodeURIComponent(partnerId)}/customer-referral`;

/**
 * The ecosystem manager's switch of R-CUS-09: a partner offers referral (顾问销售) invitations only
 * once it is on; by default invitations are reseller (代售) only.
 */
export function ReferralSwitchCard() {
  const { t } = useTranslation('development');
  const client = useQueryClient();
  const [keyword, setKeyword] = useState('');
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const partners = useQuery({
    queryKey: ['operator', 'partners', 'referral-search', keyword],
    queryFn: () =>
      api.get<PartnerList>('/console/api/operator/partners', { keyword, offset: 0, limit: 20 }),
  });
  const setting = useQuery({
    queryKey: ['operator', 'customer-referral', partnerId],
    queryFn: () => api.get<{ referral_enabled: boolean }>(referralPath(partnerId ?? '')),
    enabled: partnerId !== null,
  });
  const update = useMutation({
    mutationFn: (enabled: boolean) =>
      api.put<{ referral_enabled: boolean }>(referralPath(partnerId ?? ''), { enabled }),
    onSuccess: (result) => {
      client.setQueryData(['operator', 'customer-referral', partnerId], result);
      notifySuccess(result.referral_enabled ? t('referral.enabled') : t('referral.disabled'));
    },
  });
  return (
    <ProCard title={t('referral.title')} bordered style={{ marginBottom: 16 }}>
      <Space wrap align="center">
        <Select
          showSearch
          allowClear
          filterOption={false}
          style={{ width: 360 }}
          placeholder={t('referral.partner')}
          onSearch={setKeyword}
          onChange={(value: string | undefined) => setPartnerId(value ?? null)}
          loading={partners.isFetching}
          options={(partners.data?.partners ?? [])
            .filter((partner) => partner.partner_type !== 'operator')
            .map((partner) => ({
              value: partner.id,
              label: `${partner.company_name} (${partner.name})`,
            }))}
        />
        {partnerId && (
          <Space>
            <Switch
              checked={setting.data?.referral_enabled ?? false}
              loading={setting.isFetching || update.isPending}
              onChange={(checked) => update.mutate(checked)}
            />
            <Typography.Text>{t('referral.switch')}</Typography.Text>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('referral.hint')}
      </Typography.Paragraph>
    </ProCard>
  );
}

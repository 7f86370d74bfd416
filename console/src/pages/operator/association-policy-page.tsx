import { ProForm, ProFormDigit } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';

/** The operator's request limit (server: customers/association-wire.ts). */
export interface AssociationRequestLimit {
  key: string;
  max_requests: number;
  period_months: number;
  updated_at: string | null;
  updated_by: string;
}

const LIMIT_PATH = '/console/api/operator/association-request-limit';
const limitKey = ['operator', 'association-request-limit'] as const;

/**
 * 运营 > 关联申请次数: how many disassociation and type-switch requests the partner and the
 * customer may each make per customer within a rolling period (R-DIS-02/03; the spec's two rule
 * sets conflict, U2, so the operator decides). Every change is audited on the server.
 */
export function AssociationPolicyPage() {
  const { t } = useTranslation('association');
  const client = useQueryClient();
  const limit = useQuery({
    queryKey: limitKey,
    queryFn: () => api.get<AssociationRequestLimit>(LIMIT_PATH),
  });
  const save = useMutation({
    mutationFn: (body: { max_requests: number; period_months: number }) =>
      api.put<AssociationRequestLimit>(LIMIT_PATH, body),
    onSuccess: (saved) => client.setQueryData(limitKey, saved),
  });

  return (
    <PageShell title={t('policy.title')} content={t('policy.intro')}>
      <Card>
        {limit.data ? (
          <>
            <ProForm<{ max_requests: number; period_months: number }>
              layout="horizontal"
              initialValues={{
                max_requests: limit.data.max_requests,
                period_months: limit.data.period_months,
              }}
              submitter={{
                searchConfig: { submitText: t('policy.save') },
                resetButtonProps: false,
              }}
              onFinish={async (values) => {
                await save.mutateAsync(values);
                notifySuccess(t('policy.saved'));
                return true;
              }}
            >
              <ProFormDigit
                name="max_requests"
                label={t('policy.maxRequests')}
                min={1}
                max={100}
                fieldProps={{ precision: 0 }}
                rules={[{ required: true }]}
                width="sm"
              />
              <ProFormDigit
                name="period_months"
                label={t('policy.periodMonths')}
                min={1}
                max={24}
                fieldProps={{ precision: 0 }}
                rules={[{ required: true }]}
                width="sm"
              />
            </ProForm>
            <Descriptions column={2} style={{ marginTop: 24 }}>
              <Descriptions.Item label={t('policy.updatedAt')}>
                {limit.data.updated_at
                  ? formatDateTime(limit.data.updated_at)
                  : t('policy.neverUpdated')}
              </Descriptions.Item>
              <Descriptions.Item label={t('policy.updatedBy')}>
                {limit.data.updated_by || '-'}
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <Skeleton active />
        )}
      </Card>
    </PageShell>
  );
}

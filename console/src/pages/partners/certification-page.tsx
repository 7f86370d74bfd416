import { ProCard } from '@ant-design/pro-components';
import { Alert, Button, Descriptions, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess } from '../../api/errors';
import type { Certification } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { StatusTag } from '../../components/status-tag';
import { CertificationForm, SubmissionDescriptions } from './certification-form';
import { certificationStatusOptions } from './partner-labels';
import { useCertification } from './queries';

/** What the partner may submit from each status (SM-18): a first submission, a retry, or a change. */
const submitLabelKeys = {
  uncertified: 'certification.start',
  failed: 'certification.resubmit',
  certified: 'certification.change',
} as const;

/**
 * 伙伴信息 > 商业信息 (P-81): the certification status with its reason, the data on file, and
 * the wizard to submit, retry or change it.
 */
export function CertificationPage() {
  const { t } = useTranslation('partners');
  const access = useAccess();
  const certification = useCertification();
  const [editing, setEditing] = useState(false);
  const data = certification.data;

  if (certification.isPending) {
    return (
      <PageShell title={t('certification.title')}>
        <Spin />
      </PageShell>
    );
  }
  if (!data) {
    return (
      <PageShell title={t('certification.title')}>
        <Result status="warning" title={t('basic.loadFailed')} />
      </PageShell>
    );
  }

  const submitKey =
    data.status in submitLabelKeys
      ? submitLabelKeys[data.status as keyof typeof submitLabelKeys]
      : null;
  const canSubmit = access.canManageCertification && submitKey !== null;
  const startFrom = data.status === 'failed' ? data.submitted : data.certified;

  return (
    <PageShell
      title={t('certification.title')}
      content={t('certification.intro')}
      extra={
        canSubmit &&
        !editing && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {t(submitKey)}
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <StatusBanner certification={data} />
        {editing ? (
          <ProCard title={t(submitKey ?? 'certification.start')} headerBordered>
            <CertificationForm
              initial={startFrom}
              onCancel={() => setEditing(false)}
              onDone={() => {
                setEditing(false);
                notifySuccess(t('certification.submitted'));
              }}
            />
          </ProCard>
        ) : (
          <>
            {data.submitted && data.status !== 'certified' && (
              <ProCard>
                <SubmissionDescriptions
                  title={t(
                    data.status === 'failed'
                      ? 'certification.rejectedData'
                      : 'certification.submittedData',
                  )}
                  data={data.submitted}
                />
              </ProCard>
            )}
            {data.certified && (
              <ProCard>
                <SubmissionDescriptions
                  title={t('certification.certifiedData')}
                  data={data.certified}
                />
              </ProCard>
            )}
          </>
        )}
      </Space>
    </PageShell>
  );
}

function StatusBanner({ certification }: { certification: Certification }) {
  const { t } = useTranslation('partners');
  const options = certificationStatusOptions(t);
  const tone = options[certification.status].tone;
  const type =
    tone === 'success'
      ? 'success'
      : tone === 'error'
        ? 'error'
        : tone === 'warning'
          ? 'warning'
          : 'info';
  return (
    <Alert
      type={type}
      showIcon
      message={
        <Space>
          {t('certification.statusLabel')}
          <StatusTag value={certification.status} options={options} />
        </Space>
      }
      description={
        <Space direction="vertical" size={4}>
          <span>{t(`certification.statusHint.${certification.status}`)}</span>
          {certification.status === 'failed' && certification.failure_reason && (
            <strong>
              {t('certification.failureReason')}: {certification.failure_reason}
            </strong>
          )}
          {(certification.submitted_at || certification.reviewed_at) && (
            <Descriptions size="small" column={2}>
              {certification.submitted_at && (
                <Descriptions.Item label={t('certification.submittedAt')}>
                  {formatDateTime(certification.submitted_at)}
                </Descriptions.Item>
              )}
              {certification.reviewed_at && (
                <Descriptions.Item label={t('certification.reviewedAt')}>
                  {formatDateTime(certification.reviewed_at)}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
        </Space>
      }
    />
  );
}

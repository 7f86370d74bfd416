import { Button, Modal, Result, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchAnswer } from './queries';

interface BatchResultProps {
  title: string;
  succeeded: number;
  errors: BatchAnswer['error_details'];
  /** The name shown for a failed item's id (a customer's or a reseller's). */
  nameOf: (id: string) => string;
  onClose: () => void;
}

/** The per-item outcome of a batch move: how many succeeded, and each failure with its reason. */
export function BatchResult({ title, succeeded, errors, nameOf, onClose }: BatchResultProps) {
  const { t } = useTranslation('coupons');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('issue.close')}</Button>}
      width={720}
    >
      <Result
        status={errors.length === 0 ? 'success' : 'warning'}
        title={t('issue.result', { succeeded, failed: errors.length })}
      />
      {errors.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={errors}
          columns={[
            { title: t('issue.customers'), dataIndex: 'id', render: (id: string) => nameOf(id) },
            { title: t('issue.errorCode'), dataIndex: 'error_code', width: 140 },
            { title: t('issue.errorMsg'), dataIndex: 'error_msg' },
          ]}
        />
      )}
    </Modal>
  );
}

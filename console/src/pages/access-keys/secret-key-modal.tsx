import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedAccessKey } from '../../api/types';
import { saveCsv, toCsv } from '../../components/csv';

interface SecretKeyModalProps {
  created: CreatedAccessKey | null;
  userName: string;
  onClose: () => void;
}

/**
 * Shows a new key's secret the only time it exists in the browser: copy it or download
 * credentials.csv (the file layout Huawei's console gives: user name, AK, SK). Closing asks for
 * confirmation when nothing was saved yet, since the server cannot show the secret again.
 */
export function SecretKeyModal({ created, userName, onClose }: SecretKeyModalProps) {
  const { t } = useTranslation('access-keys');
  const { modal } = App.useApp();
  const [saved, setSaved] = useState(false);

  const download = () => {
    if (!created) return;
    const csv = toCsv(
      [created],
      [
        { title: 'User Name', value: () => userName },
        { title: 'Access Key Id', value: (key) => key.access_key },
        { title: 'Secret Access Key', value: (key) => key.secret_key },
      ],
    );
    saveCsv(csv, 'credentials.csv');
    setSaved(true);
  };

  const close = () => {
    if (saved) {
      setSaved(false);
      onClose();
      return;
    }
    void modal.confirm({
      title: t('secret.closeUnsavedTitle'),
      content: t('secret.closeUnsaved'),
      okText: t('secret.closeAnyway'),
      okButtonProps: { danger: true },
      onOk: () => {
        setSaved(false);
        onClose();
      },
    });
  };

  return (
    <Modal
      open={created !== null}
      title={t('secret.title')}
      onCancel={close}
      maskClosable={false}
      // A closed antd modal keeps its last content in the page; the secret must not stay there.
      destroyOnHidden
      width={600}
      footer={[
        <Button key="download" type="primary" icon={<DownloadOutlined />} onClick={download}>
          {t('secret.download')}
        </Button>,
        <Button key="close" onClick={close}>
          {t('secret.done')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon message={t('secret.warning')} style={{ marginBottom: 16 }} />
      {created && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="Access Key Id (AK)">
            <Typography.Text className="huoban-secret" copyable>
              {created.access_key}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="Secret Access Key (SK)">
            <Typography.Text
              className="huoban-secret"
              data-testid="secret-key"
              copyable={{ onCopy: () => setSaved(true) }}
            >
              {created.secret_key}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}

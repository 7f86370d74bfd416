import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { AccessConfigSections } from '../access-config/access-config-sections';
import { useCurrentUser } from '../../api/session';
import type { AccessKey, AccessKeyStatus, CreatedAccessKey } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import { loadTablePage } from '../../components/table-request';
import {
  accessKeyQueries,
  useCreateAccessKey,
  useDeleteAccessKey,
  useSetAccessKeyStatus,
} from './queries';
import { SecretKeyModal } from './secret-key-modal';

async function loadKeys() {
  const result = await queryClient.query(accessKeyQueries.list());
  return { rows: result.access_keys, total: result.total_count };
}

/**
 * 支持 > 能力开放 > 接入配置 (P-70): the signed-in user's API access keys (AK/SK) for calling the
 * open API with SDK-HMAC-SHA256 signatures, then the partner's binding-notification settings.
 */
export function AccessKeyList() {
  const { t } = useTranslation(['access-keys', 'common']);
  const { modal } = App.useApp();
  const user = useCurrentUser();
  const actionRef = useRef<ActionType>(null);
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  const create = useCreateAccessKey();
  const setStatus = useSetAccessKeyStatus();
  const remove = useDeleteAccessKey();
  const reload = () => void actionRef.current?.reload();

  const statusOptions: StatusOptions<AccessKeyStatus> = {
    active: { text: t('status.active'), tone: 'success' },
    disabled: { text: t('status.disabled'), tone: 'default' },
  };

  const confirm = (key: AccessKey, action: 'disable' | 'enable' | 'delete') =>
    void modal.confirm({
      title: t(`confirm.${action}`, { key: key.access_key }),
      content: t(`confirm.${action}Hint`),
      okText: t(`common:actions.${action}`),
      okButtonProps: { danger: action !== 'enable' },
      onOk: async () => {
        if (action === 'delete') await remove.mutateAsync(key.access_key);
        else await setStatus.mutateAsync({ accessKey: key.access_key, action });
        notifySuccess(t(`done.${action}`, { key: key.access_key }));
        reload();
      },
    });

  const columns: ProColumns<AccessKey>[] = [
    {
      title: t('fields.accessKey'),
      dataIndex: 'access_key',
      width: 280,
      render: (_, key) => (
        <Typography.Text className="huoban-secret" copyable>
          {key.access_key}
        </Typography.Text>
      ),
    },
    { title: t('fields.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      valueEnum: toValueEnum(statusOptions),
      render: (_, key) => <StatusTag value={key.status} options={statusOptions} />,
    },
    { title: t('fields.createdAt'), dataIndex: 'created_at', valueType: 'dateTime' },
    { title: t('fields.lastUsedAt'), dataIndex: 'last_used_at', valueType: 'dateTime' },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      render: (_, key) => [
        key.status === 'active' ? (
          <a key="disable" onClick={() => confirm(key, 'disable')}>
            {t('common:actions.disable')}
          </a>
        ) : (
          <a key="enable" onClick={() => confirm(key, 'enable')}>
            {t('common:actions.enable')}
          </a>
        ),
        <a key="delete" onClick={() => confirm(key, 'delete')}>
          {t('common:actions.delete')}
        </a>,
      ],
    },
  ];

  const csvColumns: CsvColumn<AccessKey>[] = [
    { title: t('fields.accessKey'), value: (key) => key.access_key },
    { title: t('fields.description'), value: (key) => key.description },
    { title: t('fields.status'), value: (key) => statusOptions[key.status].text },
    { title: t('fields.createdAt'), value: (key) => formatDateTime(key.created_at) },
    { title: t('fields.lastUsedAt'), value: (key) => formatDateTime(key.last_used_at) },
  ];

  return (
    <PageShell title={t('title')} content={t('intro')}>
      <ProTable<AccessKey>
        rowKey="access_key"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={() => loadTablePage(loadKeys)}
        pagination={{ defaultPageSize: 10 }}
        options={{ density: false, setting: false, reload: true }}
        headerTitle={t('listTitle')}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('exportName')}
            columns={csvColumns}
            fetchRows={async () => (await loadKeys()).rows}
          />,
          <ModalForm<{ description?: string }>
            key="create"
            title={t('createTitle')}
            width={480}
            modalProps={{ destroyOnHidden: true }}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('create')}
              </Button>
            }
            onFinish={async (values) => {
              try {
                setCreated(await create.mutateAsync(values.description?.trim() ?? ''));
                reload();
                return true;
              } catch {
                return false;
              }
            }}
          >
            <ProFormTextArea
              name="description"
              label={t('fields.description')}
              placeholder={t('descriptionPlaceholder')}
              rules={[{ max: 255, message: t('descriptionMax') }]}
              fieldProps={{ autoSize: { minRows: 2, maxRows: 4 } }}
            />
          </ModalForm>,
        ]}
      />
      <SecretKeyModal
        created={created}
        userName={user?.user_name ?? ''}
        onClose={() => setCreated(null)}
      />
      <AccessConfigSections />
    </PageShell>
  );
}

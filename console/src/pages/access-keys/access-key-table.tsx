import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { AccessKey, AccessKeyStatus, CreatedAccessKey } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import { loadTablePage } from '../../components/table-request';
import {
  accessKeyListQuery,
  useCreateAccessKey,
  useDeleteAccessKey,
  useSetAccessKeyStatus,
  type AccessKeyEndpoint,
} from './queries';
import { SecretKeyModal } from './secret-key-modal';

export interface AccessKeyTableProps {
  endpoint: AccessKeyEndpoint;
  /** Whose keys they are, shown beside the secret key once it is created. */
  userName: string;
  /** Replaces the table's default empty state. */
  emptyText?: ReactNode;
  descriptionPlaceholder?: string;
}

/**
 * One user's AK/SK pairs, for the partner console and the customer portal alike: create (the SK
 * shown once), disable, enable, delete, each destructive step confirmed with the key's id, and an
 * export of the list. Texts come from the `access-keys` namespace.
 */
export function AccessKeyTable({
  endpoint,
  userName,
  emptyText,
  descriptionPlaceholder,
}: AccessKeyTableProps) {
  const { t } = useTranslation(['access-keys', 'common']);
  const { modal } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  const create = useCreateAccessKey(endpoint);
  const setStatus = useSetAccessKeyStatus(endpoint);
  const remove = useDeleteAccessKey(endpoint);
  const reload = () => void actionRef.current?.reload();
  const loadKeys = async () => {
    const result = await queryClient.query(accessKeyListQuery(endpoint));
    return { rows: result.access_keys, total: result.total_count };
  };

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
    <>
      <ProTable<AccessKey>
        rowKey="access_key"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={() => loadTablePage(loadKeys)}
        pagination={{ defaultPageSize: 10 }}
        options={{ density: false, setting: false, reload: true }}
        headerTitle={t('listTitle')}
        locale={emptyText === undefined ? undefined : { emptyText }}
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
              placeholder={descriptionPlaceholder}
              rules={[{ max: 255, message: t('descriptionMax') }]}
              fieldProps={{ autoSize: { minRows: 2, maxRows: 4 } }}
            />
          </ModalForm>,
        ]}
      />
      <SecretKeyModal created={created} userName={userName} onClose={() => setCreated(null)} />
    </>
  );
}

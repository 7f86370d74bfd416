import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Modal, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import type { Reseller } from './types';

/** What the distributor lets a reseller do for its customers (server: partners/wire.ts). */
interface ResellerRights {
  reseller_id: string;
  reseller_name: string;
  on_behalf: boolean;
  updated_at: string | null;
  updated_by: string;
}

const rightsPath = (resellerId: string) =>
  `/console/api/resellers/${encodeURIComponent(resellerId)}/rights`;
const rightsKey = (resellerId: string) => ['resellers', 'rights', resellerId] as const;

/**
 * 授权 (P-37, SM-19): the distributor grants or withdraws a reseller's 代客下单/代客运维 right;
 * without it the reseller cannot ask its customers for authorization. Each change names the
 * reseller in a confirmation and is audited on the server.
 */
export function ResellerRightsDialog({
  reseller,
  onClose,
}: {
  reseller: Reseller;
  onClose: () => void;
}) {
  const { t } = useTranslation('resellers');
  const { modal } = App.useApp();
  const client = useQueryClient();
  const rights = useQuery({
    queryKey: rightsKey(reseller.id),
    queryFn: () => api.get<ResellerRights>(rightsPath(reseller.id)),
    staleTime: 0,
  });
  const save = useMutation({
    mutationFn: (onBehalf: boolean) =>
      api.put<ResellerRights>(rightsPath(reseller.id), { on_behalf: onBehalf }),
    onSuccess: (saved) => client.setQueryData(rightsKey(reseller.id), saved),
  });

  const confirmChange = (onBehalf: boolean) => {
    void modal.confirm({
      title: t(onBehalf ? 'rights.grantConfirm' : 'rights.withdrawConfirm', {
        name: reseller.name,
      }),
      content: t(onBehalf ? 'rights.grantHint' : 'rights.withdrawHint'),
      okButtonProps: { danger: !onBehalf },
      onOk: async () => {
        await save.mutateAsync(onBehalf);
        notifySuccess(t(onBehalf ? 'rights.granted' : 'rights.withdrawn', { name: reseller.name }));
      },
    });
  };

  return (
    <Modal
      open
      title={t('rights.title', { name: reseller.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {rights.data ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('rights.onBehalf')}>
            <Switch
              checked={rights.data.on_behalf}
              loading={save.isPending}
              onChange={confirmChange}
              aria-label={t('rights.onBehalf')}
            />
            <div style={{ marginTop: 8, color: 'rgba(0, 0, 0, 0.45)' }}>
              {t('rights.onBehalfHint')}
            </div>
          </Descriptions.Item>
          {rights.data.updated_at && (
            <Descriptions.Item label={t('rights.updated')}>
              {formatDateTime(rights.data.updated_at)} · {rights.data.updated_by}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Skeleton active paragraph={{ rows: 2 }} />
      )}
    </Modal>
  );
}

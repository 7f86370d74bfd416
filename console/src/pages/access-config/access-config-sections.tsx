import type { ActionType } from '@ant-design/pro-components';
import { Space } from 'antd';
import { useRef } from 'react';
import { useAccess } from '../../access';
import { BindingCallbackCard } from './binding-callback-card';
import { BindingNotificationLog } from './binding-notification-log';

/**
 * The binding-notification part of 接入配置 (P-70), shown to members who may read the partner's
 * settings; only those who may edit them change the URL or send a test.
 */
export function AccessConfigSections() {
  const access = useAccess();
  const logRef = useRef<ActionType | undefined>(undefined);
  if (!access.canViewPartnerInfo) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 24 }}>
      <BindingCallbackCard
        canEdit={access.canEditPartnerInfo}
        onTestQueued={() => void logRef.current?.reload()}
      />
      <BindingNotificationLog actionRef={logRef} />
    </Space>
  );
}

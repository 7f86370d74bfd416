import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import type { SensitiveCustomerField } from '../../api/types';
import { revealCustomerContact } from './queries';

interface ContactRevealProps {
  customerId: string;
  field: SensitiveCustomerField;
  /** The value as the list sends it, already masked by the server. */
  masked: string;
}

/**
 * X1 for customers: the server sends contacts masked; the eye asks it for the whole value (which
 * it records in the audit trail) and the second click masks it again.
 */
export function ContactReveal({ customerId, field, masked }: ContactRevealProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!masked) return <>-</>;
  const revealed = value !== null;
  const label = revealed ? t('mask.hide') : t('mask.show');
  const toggle = async () => {
    if (revealed) {
      setValue(null);
      return;
    }
    setLoading(true);
    try {
      setValue(await revealCustomerContact(customerId, field));
    } catch (error) {
      reportError(error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space size={4}>
      <span>{value ?? masked}</span>
      <Tooltip title={label}>
        <Button
          type="text"
          size="small"
          aria-label={label}
          loading={loading}
          icon={revealed ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          onClick={(event) => {
            event.stopPropagation();
            void toggle();
          }}
        />
      </Tooltip>
    </Space>
  );
}

import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskEmail, maskPhone } from './mask';

/**
 * X1: sensitive columns (phone, e-mail) are masked until the user clicks the eye next to the
 * column title. One switch per table, so the whole column is revealed or hidden together.
 */
export function useSensitiveToggle() {
  const [revealed, setRevealed] = useState(false);
  return { revealed, toggle: () => setRevealed((value) => !value) };
}

interface SensitiveTitleProps {
  title: string;
  revealed: boolean;
  onToggle: () => void;
}

export function SensitiveTitle({ title, revealed, onToggle }: SensitiveTitleProps) {
  const { t } = useTranslation();
  const label = revealed ? t('mask.hide') : t('mask.show');
  return (
    <Space size={4}>
      {title}
      <Tooltip title={label}>
        <Button
          type="text"
          size="small"
          aria-label={`${label}: ${title}`}
          icon={revealed ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          onClick={(event) => {
            event.stopPropagation();
            onToggle();
          }}
        />
      </Tooltip>
    </Space>
  );
}

/** A single value with its own eye toggle, for detail views. */
export function SensitiveValue({
  value,
  kind,
}: {
  value: string | null | undefined;
  kind: 'phone' | 'email';
}) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  if (!value) return <>-</>;
  const label = revealed ? t('mask.hide') : t('mask.show');
  return (
    <Space size={4}>
      <span>{revealed ? value : kind === 'phone' ? maskPhone(value) : maskEmail(value)}</span>
      <Tooltip title={label}>
        <Button
          type="text"
          size="small"
          aria-label={label}
          icon={revealed ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          onClick={() => setRevealed((current) => !current)}
        />
      </Tooltip>
    </Space>
  );
}

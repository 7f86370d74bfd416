import { Tag } from 'antd';

/** The tones a status can take; they map to antd's status colours and ProTable's badges. */
export type StatusTone = 'success' | 'processing' | 'error' | 'warning' | 'default';

export interface StatusOption {
  text: string;
  tone: StatusTone;
}

export type StatusOptions<S extends string> = Record<S, StatusOption>;

const badgeStatus: Record<StatusTone, 'Success' | 'Processing' | 'Error' | 'Warning' | 'Default'> =
  {
    success: 'Success',
    processing: 'Processing',
    error: 'Error',
    warning: 'Warning',
    default: 'Default',
  };

/** One status rendered as a coloured tag; unknown values show as they are. */
export function StatusTag<S extends string>({
  value,
  options,
}: {
  value: S;
  options: StatusOptions<S>;
}) {
  const option = options[value] as StatusOption | undefined;
  return <Tag color={option?.tone ?? 'default'}>{option?.text ?? value}</Tag>;
}

/** The same options as a ProTable `valueEnum`, so list filters and tags agree. */
export function toValueEnum<S extends string>(options: StatusOptions<S>) {
  return Object.fromEntries(
    Object.entries<StatusOption>(options).map(([value, option]) => [
      value,
      { text: option.text, status: badgeStatus[option.tone] },
    ]),
  );
}

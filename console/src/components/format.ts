import dayjs from 'dayjs';

/** A server timestamp in the reader's local time; empty for missing values. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('YYYY-MM-DD HH:mm:ss');
}

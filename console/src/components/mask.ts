/** `13812345678` → `138****5678`; short values keep only their last two characters. */
export function maskPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 4) return '*'.repeat(value.length);
  if (value.length < 8) return `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}

/** `alice@example.com` → `a***@example.com`. */
export function maskEmail(value: string | null | undefined): string {
  if (!value) return '';
  const at = value.indexOf('@');
  if (at <= 0) return maskPhone(value);
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

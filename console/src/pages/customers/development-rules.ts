/** At most this many addresses go into one batch invitation (R-CUS-08; the server checks too). */
export const MAX_BATCH_INVITATIONS = 50;

/**
 * The addresses of the batch-invite text box: one per line or separated by commas or semicolons
 * (also the full-width ones a Chinese keyboard types), blanks dropped, duplicates once.
 */
export function parseEmailList(text: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of text.split(/[\s,;，；、]+/)) {
    const email = part.trim();
    if (email === '' || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    result.push(email);
  }
  return result;
}

/** Statuses from which an e-mail invitation can be resent (SM-2 重发邀请). */
export function canResend(status: string): boolean {
  return status === 'invited' || status === 'failed' || status === 'expired';
}

/** Statuses in which an invitation's link still works or can still be stopped. */
export function canRevoke(status: string): boolean {
  return status === 'invited' || status === 'failed' || status === 'expired';
}

/**
 * The page keeps its tab in the URL (`tab=`) beside the tables' filters, which ProTable also syncs
 * to the URL; the tab is not a filter of any list.
 */
export function listFilters(filters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([key]) => key !== 'tab'));
}

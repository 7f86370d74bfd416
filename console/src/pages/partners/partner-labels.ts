import type { TFunction } from 'i18next';
import type { AccountType, CertificationStatus } from '../../api/types';
import type { StatusOptions } from '../../components/status-tag';

/** Labels of the partner vocabulary, shared by the partner pages and the operator pages. */
export function partnerTypeText(t: TFunction<'partners'>, type: AccountType): string {
  return t(`partnerType.${type}`);
}

export function partnerStatusOptions(t: TFunction<'partners'>): StatusOptions<string> {
  return {
    pending_verification: { text: t('partnerStatus.pending_verification'), tone: 'warning' },
    active: { text: t('partnerStatus.active'), tone: 'success' },
    frozen: { text: t('partnerStatus.frozen'), tone: 'error' },
  };
}

export function certificationStatusOptions(
  t: TFunction<'partners'>,
): StatusOptions<CertificationStatus> {
  return {
    uncertified: { text: t('certification.status.uncertified'), tone: 'default' },
    in_review: { text: t('certification.status.in_review'), tone: 'processing' },
    certified: { text: t('certification.status.certified'), tone: 'success' },
    failed: { text: t('certification.status.failed'), tone: 'error' },
    locked: { text: t('certification.status.locked'), tone: 'warning' },
    change_in_review: { text: t('certification.status.change_in_review'), tone: 'processing' },
  };
}

import type { TFunction } from 'i18next';
import type { StatusOptions } from '../../components/status-tag';
import type { ApplicationDirection, ApplicationStatus } from './types';

type ResellersT = TFunction<'resellers'>;

export function applicationStatusOptions(t: ResellersT): StatusOptions<ApplicationStatus> {
  return {
    pending: { text: t('status.pending'), tone: 'processing' },
    approved: { text: t('status.approved'), tone: 'success' },
    rejected: { text: t('status.rejected'), tone: 'error' },
    cancelled: { text: t('status.cancelled'), tone: 'default' },
  };
}

export function directionLabel(t: ResellersT, direction: ApplicationDirection): string {
  return t(`direction.${direction}`);
}

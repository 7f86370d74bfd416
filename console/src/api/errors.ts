import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import i18n from '../i18n';
import type zhCommon from '../i18n/zh-CN/common.json';
import { ApiRequestError, NETWORK_ERROR_CODE, PASSWORD_CHANGE_REQUIRED_CODE } from './client';

/**
 * Titles per server error code. The server's `error_msg` names the field or the rule, so it is
 * shown as the description; the title says, in the user's language, what kind of failure it is.
 */
const titleKeys: Record<string, `errors.${keyof typeof zhCommon.errors}`> = {
  'CBC.0100': 'errors.invalidParameter',
  'CBC.0151': 'errors.accessDenied',
  'CBC.0155': 'errors.loginFailed',
  'CBC.0156': 'errors.loginLocked',
  'CBC.0157': 'errors.csrfRejected',
  [PASSWORD_CHANGE_REQUIRED_CODE]: 'errors.passwordChangeRequired',
  'CBC.0404': 'errors.notFound',
  'CBC.0409': 'errors.conflict',
  'CBC.0410': 'errors.operationNotAllowed',
  'CBC.0411': 'errors.limitExceeded',
  'CBC.0250': 'errors.tooManyRequests',
  'CBC.0999': 'errors.internal',
  'CBC.0154': 'errors.sessionExpired',
  'APIGW.0301': 'errors.sessionExpired',
  [NETWORK_ERROR_CODE]: 'errors.network',
};

interface Notifier {
  message: MessageInstance;
  notification: NotificationInstance;
}

let notifier: Notifier | null = null;

/** Bound once by the app shell to antd's context-aware message/notification instances. */
export function bindNotifier(next: Notifier): void {
  notifier = next;
}

export function notifySuccess(text: string): void {
  void notifier?.message.success(text);
}

export function notifyWarning(text: string): void {
  void notifier?.message.warning(text, 6);
}

/** The localized title for an error, falling back to a generic one for unknown codes. */
export function errorTitle(error: unknown): string {
  const code = error instanceof ApiRequestError ? error.code : undefined;
  return i18n.t((code && titleKeys[code]) || 'errors.generic');
}

/**
 * The single place where failed calls reach the user. A 401 is not shown here: the client has
 * already sent the user to the login page.
 */
export function reportError(error: unknown): void {
  if (error instanceof ApiRequestError && error.status === 401 && error.code !== 'CBC.0155') return;
  const description =
    error instanceof ApiRequestError
      ? [error.message, error.requestId ? `Request ID: ${error.requestId}` : '']
          .filter(Boolean)
          .join('\n')
      : error instanceof Error
        ? error.message
        : String(error);
  notifier?.notification.error({
    message: errorTitle(error),
    description,
    placement: 'topRight',
    style: { whiteSpace: 'pre-line' },
  });
}

/**
 * Puts a server validation message on the form field it names (`field 'body.user_name'` or
 * `field 'user_name'`), so the user sees it where they type. Returns whether a field matched.
 */
export function showErrorOnForm(form: FormInstance | undefined, error: unknown): boolean {
  if (!form || !(error instanceof ApiRequestError)) return false;
  const named = /field '([^']+)'/.exec(error.message)?.[1];
  const field = named?.replace(/^(body|querystring|params)\./, '');
  if (!field || form.getFieldInstance(field) === undefined) return false;
  form.setFields([{ name: field, errors: [error.message] }]);
  return true;
}

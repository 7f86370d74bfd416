import type { FormInstance } from 'antd';
import { ApiRequestError } from '../../api/client';
import type { SignUpRequest } from '../../api/types';

export interface AccountValues extends SignUpRequest {
  confirm_password: string;
}

export const accountFields = [
  'program_code',
  'account_name',
  'company_name',
  'email',
  'phone',
  'password',
] as const;
export const codeFields = ['code'] as const;

/**
 * Puts a server error on the step's field it names (`field 'code'`), as the server words it.
 * Returns false when it names none of them; the page then shows it above the form.
 */
export function showOnField(
  form: Pick<FormInstance, 'setFields'> | undefined,
  fields: readonly string[],
  error: unknown,
): boolean {
  if (!form || !(error instanceof ApiRequestError)) return false;
  const field = /field '(?:body\.)?([^']+)'/.exec(error.message)?.[1];
  if (!field || !fields.includes(field)) return false;
  form.setFields([{ name: field, errors: [error.message] }]);
  return true;
}

/** The request the server receives: trimmed texts, no empty phone, no confirmation field. */
export function toSignUpRequest(values: AccountValues): SignUpRequest {
  const phone = values.phone?.trim();
  return {
    program_code: values.program_code,
    account_name: values.account_name.trim(),
    company_name: values.company_name.trim(),
    email: values.email.trim(),
    ...(phone ? { phone } : {}),
    password: values.password,
  };
}

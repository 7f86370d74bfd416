import type { Rule } from 'antd/es/form';
import i18n from '../../i18n';
import { failIf } from '../../components/form-rules';
import { passwordProblem } from './password-policy';

/** Form rules for a new password field; messages are read when a rule fails, in the current language. */
export function newPasswordRules(userName?: () => string | undefined): Rule[] {
  return [
    { required: true, message: i18n.t('password.required') },
    {
      validator: (_rule, value: unknown) => {
        const problem =
          typeof value === 'string' && value !== '' ? passwordProblem(value, userName?.()) : null;
        return failIf(problem !== null, () => i18n.t(`password.problem.${problem ?? 'length'}`));
      },
    },
  ];
}

/** Rules for the "repeat the new password" field next to `field`. */
export function confirmPasswordRules(field: string): Rule[] {
  return [
    { required: true, message: i18n.t('password.required') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        failIf(Boolean(value) && value !== getFieldValue(field), () => i18n.t('password.mismatch')),
    }),
  ];
}

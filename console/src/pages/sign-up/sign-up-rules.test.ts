import { describe, expect, test } from 'vitest';
import { ApiRequestError } from '../../api/client';
import { accountFields, codeFields, showOnField, toSignUpRequest } from './sign-up-rules';

function recordingForm() {
  const calls: unknown[] = [];
  return { calls, form: { setFields: (fields: unknown) => void calls.push(fields) } };
}

describe('sign-up request', () => {
  test('trims the texts, drops an empty phone and the confirmation', () => {
    expect(
      toSignUpRequest({
        program_code: 'csp',
        account_name: ' acme ',
        company_name: ' Acme Ltd. ',
        email: ' owner@acme.example ',
        phone: '  ',
        password: ' Secret#2026 ',
        confirm_password: ' Secret#2026 ',
      }),
    ).toEqual({
      program_code: 'csp',
      account_name: 'acme',
      company_name: 'Acme Ltd.',
      email: 'owner@acme.example',
      password: ' Secret#2026 ',
    });
  });
});

describe('server errors on the field they name', () => {
  test('puts a taken account name on that field', () => {
    const { calls, form } = recordingForm();
    const error = new ApiRequestError(
      409,
      'CBC.0409',
      "Conflict: field 'account_name': the name is already taken",
    );
    expect(showOnField(form, accountFields, error)).toBe(true);
    expect(calls).toEqual([[{ name: 'account_name', errors: [error.message] }]]);
  });

  test('understands the schema validator naming body fields', () => {
    const { calls, form } = recordingForm();
    const error = new ApiRequestError(400, 'CBC.0100', "Invalid parameter: field 'body.code'");
    expect(showOnField(form, codeFields, error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  test('leaves errors for fields of another step, or of none, to the page', () => {
    const { calls, form } = recordingForm();
    const other = new ApiRequestError(400, 'CBC.0100', "Invalid parameter: field 'email': none");
    const general = new ApiRequestError(429, 'CBC.0250', 'Too many requests');
    expect(showOnField(form, codeFields, other)).toBe(false);
    expect(showOnField(form, codeFields, general)).toBe(false);
    expect(showOnField(form, accountFields, new Error("field 'email'"))).toBe(false);
    expect(calls).toEqual([]);
  });
});

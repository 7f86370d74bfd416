/**
 * The answer of an antd custom validator: rejected with the message when `failed`, so the field
 * shows it; the message is built only when needed, in the current language.
 */
export function failIf(failed: boolean, message: () => string): Promise<void> {
  return failed ? Promise.reject(new Error(message())) : Promise.resolve();
}

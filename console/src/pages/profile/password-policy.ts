/**
 * The server's password policy (platform/auth/passwords.ts), checked before sending so the user
 * learns it while typing: 8–32 characters, at least two of lower case, upper case, digits and
 * special characters, and not the user name forwards or backwards.
 */
export function passwordProblem(
  password: string,
  userName?: string,
): 'length' | 'classes' | 'userName' | null {
  if (password.length < 8 || password.length > 32) return 'length';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) =>
    pattern.test(password),
  );
  if (classes.length < 2) return 'classes';
  if (userName) {
    const lower = password.toLowerCase();
    const name = userName.toLowerCase();
    if (lower === name || lower === Array.from(name).reverse().join('')) return 'userName';
  }
  return null;
}

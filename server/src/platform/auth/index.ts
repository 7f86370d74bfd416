export {
  createAccessKeyFor,
  MAX_ACCESS_KEYS_PER_PRINCIPAL,
  type AccessKeyView,
  type CreatedAccessKey,
} from './access-keys.ts';
export {
  customerOnly,
  registerAuthentication,
  SESSION_COOKIE,
  CSRF_HEADER,
  type AuthDependencies,
} from './plugin.ts';
export { registerAuthRoutes } from './routes.ts';
export { assertCustomer } from './authorize.ts';
export { composeDirectories, type PrincipalDirectory } from './directory.ts';
export { TOKEN_LIFETIME_MS, CONSOLE_IDLE_TIMEOUT_MS } from './sessions.ts';
export { MAX_FAILED_LOGINS, LOGIN_LOCK_MS, moveCredentialsToTenant } from './service.ts';

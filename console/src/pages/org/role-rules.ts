/**
 * The role rules of R-ORG-03, mirrored from server/src/modules/org/rules.ts so the form can say
 * what is wrong before submitting; the server checks them again.
 */
export const PresetRoleCodes = {
  SYSTEM_ADMIN: 'system_admin',
  FINANCE: 'finance',
  SA: 'sa',
  AM_SUPERVISOR: 'am_supervisor',
  ACCOUNT_MANAGER: 'account_manager',
} as const;

export const MAX_ROLES_PER_MEMBER = 3;

/** R-ORG-08: custom roles per partner. */
export const CUSTOM_ROLE_LIMIT = 10;

export type RoleCombinationProblem = 'none' | 'tooMany' | 'adminAlone' | 'managerAndSupervisor';

export function roleCombinationProblem(codes: readonly string[]): RoleCombinationProblem | null {
  if (codes.length === 0) return 'none';
  if (codes.length > MAX_ROLES_PER_MEMBER) return 'tooMany';
  if (codes.includes(PresetRoleCodes.SYSTEM_ADMIN) && codes.length > 1) return 'adminAlone';
  if (
    codes.includes(PresetRoleCodes.ACCOUNT_MANAGER) &&
    codes.includes(PresetRoleCodes.AM_SUPERVISOR)
  ) {
    return 'managerAndSupervisor';
  }
  return null;
}

/** Only account managers report to a supervisor (§1.6). */
export function mayHaveSupervisor(codes: readonly string[]): boolean {
  return codes.includes(PresetRoleCodes.ACCOUNT_MANAGER);
}

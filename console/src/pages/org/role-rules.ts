import type { TFunction } from 'i18next';

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

type PresetRoleCode = (typeof PresetRoleCodes)[keyof typeof PresetRoleCodes];

const presetCodes: readonly string[] = Object.values(PresetRoleCodes);

/**
 * The name to show for a role: preset roles are stored with their Chinese names, so the console
 * shows them in the reader's language by code; custom roles keep the name their creator gave.
 */
export function roleDisplayName(role: { code: string; name: string }, t: TFunction<'org'>): string {
  return isPresetRoleCode(role.code) ? t(`presetRoles.${role.code}`) : role.name;
}

function isPresetRoleCode(code: string): code is PresetRoleCode {
  return presetCodes.includes(code);
}

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

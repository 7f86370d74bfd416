import { describe, expect, test } from 'vitest';
import { mayHaveSupervisor, roleCombinationProblem } from './role-rules';

describe('roleCombinationProblem (R-ORG-03)', () => {
  test('needs one to three roles', () => {
    expect(roleCombinationProblem([])).toBe('none');
    expect(roleCombinationProblem(['finance'])).toBeNull();
    expect(roleCombinationProblem(['finance', 'sa', 'am_supervisor'])).toBeNull();
    expect(roleCombinationProblem(['finance', 'sa', 'am_supervisor', 'custom'])).toBe('tooMany');
  });

  test('keeps the system administrator alone', () => {
    expect(roleCombinationProblem(['system_admin'])).toBeNull();
    expect(roleCombinationProblem(['system_admin', 'finance'])).toBe('adminAlone');
  });

  test('never combines account manager and supervisor', () => {
    expect(roleCombinationProblem(['account_manager', 'am_supervisor'])).toBe(
      'managerAndSupervisor',
    );
    expect(roleCombinationProblem(['account_manager', 'finance'])).toBeNull();
  });

  test('only account managers have a supervisor', () => {
    expect(mayHaveSupervisor(['account_manager'])).toBe(true);
    expect(mayHaveSupervisor(['am_supervisor', 'finance'])).toBe(false);
  });
});

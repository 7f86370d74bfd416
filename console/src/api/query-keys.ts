/**
 * Query keys per resource, built one way everywhere: `[resource]`, `[resource, 'list', filters]`,
 * `[resource, 'detail', id]`, so invalidating `all` refreshes every list and detail of it.
 */
function keysFor<const R extends string>(resource: R) {
  return {
    all: [resource] as const,
    lists: () => [resource, 'list'] as const,
    list: (filters: object = {}) => [resource, 'list', filters] as const,
    detail: (id: string) => [resource, 'detail', id] as const,
  };
}

export const queryKeys = {
  session: ['session'] as const,
  accessKeys: keysFor('access-keys'),
  members: keysFor('members'),
  roles: keysFor('roles'),
  permissions: keysFor('permissions'),
  profile: keysFor('profile'),
  partnerProfile: keysFor('partner-profile'),
  certification: keysFor('certification'),
  certificationReviews: keysFor('certification-reviews'),
  operatorPartners: keysFor('operator-partners'),
  programs: keysFor('programs'),
  auditEvents: keysFor('audit-events'),
  resellers: keysFor('resellers'),
  resellerApplications: keysFor('reseller-applications'),
  customers: keysFor('customers'),
  resellerCustomers: keysFor('reseller-customers'),
  assignableMembers: keysFor('assignable-members'),
};

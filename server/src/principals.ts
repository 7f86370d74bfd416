import { composeDirectories } from './platform/auth/directory.ts';
import { customerAgencies, customerDirectory } from './modules/customers/index.ts';
import { accountDirectory } from './modules/partners/index.ts';

/**
 * Every principal the installation knows: partner members (with their account owners) and
 * customers. Login names are looked up among partner accounts first; the two namespaces do not
 * overlap, as account names are unique across partners and customers.
 */
export const principalDirectory = composeDirectories(
  { member: accountDirectory, customer: customerDirectory },
  ['member', 'customer'],
);

/** Customer authorizations behind IAM's `assume_role` token exchange (SM-19). */
export const agencyDirectory = customerAgencies;

import type { AuthenticatedContext, ServiceContext } from '../http/context.ts';
import { requirePrincipal } from '../http/context.ts';
import { ApiError, Errors } from '../http/errors.ts';
import type { AccountType, Principal } from './principal.ts';
import type { Permission } from './permissions.ts';

/**
 * Fails with 403 `CBC.0151` unless the caller holds `permission`. Services call this first thing,
 * so the console and the open API enforce the same rights.
 */
export function assertPermission(ctx: ServiceContext, permission: Permission): Principal {
  const principal = requirePrincipal(ctx);
  if (!principal.permissions.has(permission)) {
    throw new ApiError(Errors.ACCESS_DENIED, { detail: `missing permission ${permission}` });
  }
  return principal;
}

/** Fails with 403 `CBC.0151` unless the caller's account is one of `types` (the caller class). */
export function assertAccountType(ctx: ServiceContext, types: readonly AccountType[]): Principal {
  const principal = requirePrincipal(ctx);
  if (!types.some((type) => type === principal.accountType)) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: `this operation is for ${types.join(', ')} accounts`,
    });
  }
  return principal;
}

/**
 * Fails with 403 `CBC.0151` unless the caller is a customer principal: the guard of customer-only
 * services (the portal, the customer-side APIs), whatever route reaches them.
 */
export function assertCustomer(ctx: ServiceContext): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.type !== 'customer') {
    throw new ApiError(Errors.ACCESS_DENIED, { detail: 'this operation is for customers only' });
  }
  return principal;
}

/**
 * Fails with 403 `CBC.0151` for a customer principal reached through `assume_role`: what only the
 * customer itself may do (its access keys, its answers to its partner's requests) stays out of
 * reach of the partner acting on its behalf.
 */
export function assertNotAssumed(ctx: ServiceContext): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.assumedBy) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: 'a token obtained with assume_role cannot do this; the customer must sign in itself',
    });
  }
  return principal;
}

/** Fails with 403 unless the caller is the account owner (主账号). */
export function assertOwner(ctx: AuthenticatedContext): Principal {
  if (!ctx.principal.isOwner) {
    throw new ApiError(Errors.ACCESS_DENIED, { detail: 'only the main account may do this' });
  }
  return ctx.principal;
}

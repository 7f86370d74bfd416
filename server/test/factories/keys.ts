import type { Db } from '../../src/platform/db/index.ts';
import type { Keyring } from '../../src/platform/auth/keyring.ts';
import type { PrincipalRef } from '../../src/platform/auth/principal.ts';
import { createAccessKeyFor } from '../../src/platform/auth/index.ts';
import { buildPartner } from './partners.ts';

export interface BuiltAccessKey {
  accessKey: string;
  secretKey: string;
  ref: PrincipalRef;
}

/** An active AK/SK pair for `ref`; without one, for the owner of a fresh partner. */
export async function buildAccessKey(
  db: Db,
  keyring: Keyring,
  ref?: PrincipalRef,
): Promise<BuiltAccessKey> {
  let owner = ref;
  if (!owner) {
    const built = await buildPartner(db);
    owner = { type: 'member', id: built.owner.id, partnerId: built.partner.id };
  }
  const created = await createAccessKeyFor(db, keyring, owner, 'test key', new Date());
  return { accessKey: created.accessKey, secretKey: created.secretKey, ref: owner };
}

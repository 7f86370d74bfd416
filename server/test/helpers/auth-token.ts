import { createHash } from 'node:crypto';
import type { Clock } from '../../src/platform/clock/index.ts';
import { HOUR_MS } from '../../src/platform/clock/index.ts';
import type { Db } from '../../src/platform/db/index.ts';
import { newId, newSecret } from '../../src/platform/ids/index.ts';
import type { PrincipalRef } from '../../src/platform/auth/principal.ts';
import { authSessions } from '../../src/platform/auth/schema.ts';

/**
 * An `X-Auth-Token` for `ref`, valid for 24 hours of `clock` time, stored the way the IAM token
 * endpoint stores one (only the SHA-256 of the secret), so HTTP tests skip the password login.
 */
export async function issueTestToken(db: Db, ref: PrincipalRef, clock: Clock): Promise<string> {
  const token = newSecret(32);
  const now = clock.now();
  await db.insert(authSessions).values({
    id: newId(),
    partnerId: ref.partnerId,
    kind: 'token',
    secretHash: createHash('sha256').update(token).digest('hex'),
    principalType: ref.type,
    principalId: ref.id,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 24 * HOUR_MS),
  });
  return token;
}

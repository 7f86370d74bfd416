import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPasswordPolicy, hashPassword } from '../../../platform/auth/passwords.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { newId } from '../../../platform/ids/index.ts';
import { presetRoles } from '../rules.ts';
import { members, roles } from '../schema.ts';
import type { RoleRow } from './shared.ts';

/** The owner's credential: a password to check and hash, or the hash a sign-up already stored. */
export type OwnerCredential = { password: string } | { passwordHash: string };

export interface SetUpOrganisationInput {
  partnerId: string;
  ownerUserName: string;
  ownerDisplayName: string;
  ownerEmail: string;
  /**
   * The owner's password, or the argon2id hash of one checked earlier (a sign-up stores only the
   * hash of the chosen password between the request and the e-mail verification).
   */
  ownerCredential: OwnerCredential;
}

export interface Organisation {
  owner: typeof members.$inferSelect;
  roles: RoleRow[];
}

/**
 * Creates the organisation of a new partner account inside the caller's transaction: the owner
 * member (主账号, user name = account name, all rights) and the five preset roles (§1.5). The
 * partners module calls it when it creates a partner, so the account and its organisation commit
 * together.
 *
 * @throws CBC.0100 naming `password` when the owner password breaks the password policy.
 */
export async function setUpOrganisation(
  ctx: ServiceContext,
  tx: Db,
  input: SetUpOrganisationInput,
): Promise<Organisation> {
  const credential = input.ownerCredential;
  if ('password' in credential) {
    assertPasswordPolicy(credential.password, 'password', input.ownerUserName);
  }
  const now = ctx.clock.now();
  const [owner] = await tx
    .insert(members)
    .values({
      id: newId(),
      partnerId: input.partnerId,
      userName: input.ownerUserName,
      displayName: input.ownerDisplayName,
      email: input.ownerEmail,
      passwordHash:
        'password' in credential
          ? await hashPassword(credential.password)
          : credential.passwordHash,
      isOwner: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!owner) throw new Error('owner insert returned nothing');
  const created = await tx
    .insert(roles)
    .values(
      presetRoles.map((role) => ({
        id: newId(),
        partnerId: input.partnerId,
        code: role.code,
        name: role.name,
        description: role.description,
        isPreset: true,
        permissions: [...role.permissions],
        dataScope: role.dataScope,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  await recordAudit(ctx, tx, {
    partnerId: input.partnerId,
    action: 'org.organisation.set_up',
    resourceType: 'org.member',
    resourceId: owner.id,
    resourceName: owner.userName,
    after: {
      userName: owner.userName,
      displayName: owner.displayName,
      email: owner.email,
      isOwner: true,
      presetRoles: created.map((role) => role.code),
    },
  });
  return { owner, roles: created };
}

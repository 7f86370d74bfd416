import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { assertPasswordPolicy } from '../../../platform/auth/passwords.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newRequestId } from '../../../platform/ids/index.ts';
import type { ProgramPartnerType } from '../rules.ts';
import { partners } from '../schema.ts';
import {
  assertAccountName,
  assertAccountNameFree,
  assertEmail,
  assertPhone,
  findProgramById,
  insertPartnerAccount,
  requiredText,
  type CreatedAccount,
  type PartnerRef,
  type ProgramRef,
} from './shared.ts';

export interface CreatePartnerInput {
  /** Account name (login name of the owner). */
  name: string;
  companyName: string;
  partnerType: ProgramPartnerType;
  email: string;
  phone?: string | undefined;
  programId?: string | undefined;
  /** Required for a reseller: its tier-1 distributor. */
  parentPartnerId?: string | undefined;
  /** The owner's initial password. */
  password: string;
}

export interface CreatedPartner extends CreatedAccount {
  program: ProgramRef | null;
  parent: PartnerRef | null;
}

async function resolveProgram(db: Db, input: CreatePartnerInput): Promise<ProgramRef | null> {
  if (input.programId === undefined) return null;
  const program = await findProgramById(db, input.programId);
  if (!program) throw invalidParameter('program_id', 'does not name a programme');
  if (program.partnerType !== input.partnerType) {
    throw invalidParameter('program_id', `is a programme for ${program.partnerType} partners`);
  }
  return { code: program.code, name: program.name };
}

/** A reseller works under exactly one tier-1 distributor (§1.2); nobody else has a parent. */
async function resolveParent(db: Db, input: CreatePartnerInput): Promise<PartnerRef | null> {
  if (input.partnerType !== 'reseller') {
    if (input.parentPartnerId !== undefined) {
      throw invalidParameter('parent_partner_id', 'only a reseller has a parent distributor');
    }
    return null;
  }
  if (input.parentPartnerId === undefined) {
    throw invalidParameter('parent_partner_id', 'is required for a reseller');
  }
  const [parent] = await db
    .select({ id: partners.id, name: partners.name, partnerType: partners.partnerType })
    .from(partners)
    .where(eq(partners.id, input.parentPartnerId));
  if (!parent || parent.partnerType !== 'tier1_distributor') {
    throw invalidParameter('parent_partner_id', 'must name a tier-1 distributor');
  }
  return { id: parent.id, name: parent.name };
}

/**
 * Creates a partner account with its organisation, as the provider's operator (the way
 * invitation-only partners such as tier-1 distributors come in, R-REG-08). The account is active
 * at once; the owner logs in with the account name and `password`.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`;
 *   CBC.0100 naming the field for a malformed name, e-mail, phone or password, a programme of
 *   another partner type, or a missing/wrong parent distributor; CBC.0409 when the name is taken.
 */
export async function createPartner(
  ctx: ServiceContext,
  input: CreatePartnerInput,
): Promise<CreatedPartner> {
  assertAccountType(ctx, ['operator']);
  assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
  assertAccountName(input.name, 'name');
  const companyName = requiredText(input.companyName, 'company_name');
  const email = input.email.trim();
  assertEmail(email, 'email');
  const phone = input.phone?.trim() ?? '';
  assertPhone(phone, 'phone');
  assertPasswordPolicy(input.password, 'password', input.name);
  return withTransaction(ctx.db, async (tx) => {
    const program = await resolveProgram(tx, input);
    const parent = await resolveParent(tx, input);
    await assertAccountNameFree(tx, input.name, 'name');
    const created = await insertPartnerAccount(ctx, tx, {
      name: input.name,
      companyName,
      partnerType: input.partnerType,
      status: 'active',
      email,
      phone,
      programId: input.programId ?? null,
      parentPartnerId: parent?.id ?? null,
      emailVerifiedAt: null,
      owner: { password: input.password },
    });
    return { ...created, program, parent };
  });
}

export interface CreateOperatorAccountInput {
  name: string;
  companyName: string;
  email: string;
  password: string;
}

/**
 * Bootstraps the provider's operator account (`huoban init`, the demo seed): the one account
 * whose owner holds the back-office rights. There is no caller yet, so the trail records the
 * CLI as the actor.
 *
 * @throws CBC.0409 when an operator account already exists or the name is taken; CBC.0100
 *   naming the field for a malformed name, e-mail or password.
 */
export async function createOperatorAccount(
  db: Db,
  clock: Clock,
  input: CreateOperatorAccountInput,
): Promise<CreatedAccount> {
  assertAccountName(input.name, 'name');
  const companyName = requiredText(input.companyName, 'company_name');
  const email = input.email.trim();
  assertEmail(email, 'email');
  assertPasswordPolicy(input.password, 'password', input.name);
  const ctx: ServiceContext = {
    db,
    clock,
    requestId: newRequestId(),
    sourceIp: '',
    source: 'cli',
    log: pino({ level: 'warn' }),
    principal: null,
  };
  return withTransaction(db, async (tx) => {
    const [existing] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.partnerType, 'operator'));
    if (existing) {
      throw new ApiError(Errors.CONFLICT, { detail: 'an operator account already exists' });
    }
    await assertAccountNameFree(tx, input.name, 'name');
    return insertPartnerAccount(ctx, tx, {
      name: input.name,
      companyName,
      partnerType: 'operator',
      status: 'active',
      email,
      phone: '',
      programId: null,
      parentPartnerId: null,
      emailVerifiedAt: null,
      owner: { password: input.password },
    });
  });
}

import { asc, eq, ne, and } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { ProgramPartnerType } from '../rules.ts';
import { partnerPrograms } from '../schema.ts';
import { findProgramByCode, PROGRAM_RESOURCE, requiredText, type ProgramRow } from './shared.ts';

export interface ProgramView {
  id: string;
  code: string;
  name: string;
  description: string;
  partnerType: ProgramPartnerType;
  isOpenForSignUp: boolean;
  createdAt: Date;
}

function toProgramView(row: ProgramRow): ProgramView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    partnerType: row.partnerType as ProgramPartnerType,
    isOpenForSignUp: row.isOpenForSignUp === 1,
    createdAt: row.createdAt,
  };
}

/**
 * Every partner programme, for the operator's back office.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`.
 */
export async function listPrograms(ctx: ServiceContext): Promise<ProgramView[]> {
  assertAccountType(ctx, ['operator']);
  assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
  const rows = await ctx.db
    .select()
    .from(partnerPrograms)
    .orderBy(asc(partnerPrograms.createdAt), asc(partnerPrograms.code));
  return rows.map(toProgramView);
}

/**
 * The programmes anyone may join by signing up (the public sign-up page). Invitation-only
 * programmes (tier-1 distribution, R-REG-08) are not listed.
 */
export async function listOpenPrograms(ctx: ServiceContext): Promise<ProgramView[]> {
  const rows = await ctx.db
    .select()
    .from(partnerPrograms)
    .where(
      and(
        eq(partnerPrograms.isOpenForSignUp, 1),
        ne(partnerPrograms.partnerType, 'tier1_distributor'),
      ),
    )
    .orderBy(asc(partnerPrograms.createdAt), asc(partnerPrograms.code));
  return rows.map(toProgramView);
}

export interface CreateProgramInput {
  code: string;
  name: string;
  description?: string | undefined;
  partnerType: ProgramPartnerType;
  isOpenForSignUp: boolean;
}

/**
 * Publishes a partner programme (CSP, distribution, reseller …) that partners join.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`; CBC.0100
 *   naming `code` or `name` when malformed; CBC.0410 naming `is_open_for_sign_up` for an open
 *   tier-1 distribution programme (invitation only, R-REG-08); CBC.0409 when the code is taken.
 */
export async function createProgram(
  ctx: ServiceContext,
  input: CreateProgramInput,
): Promise<ProgramView> {
  assertAccountType(ctx, ['operator']);
  assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
  if (!/^[a-z0-9_-]{2,64}$/.test(input.code)) {
    throw invalidParameter('code', 'must be 2 to 64 lower-case letters, digits, _ or -');
  }
  const name = requiredText(input.name, 'name');
  if (input.partnerType === 'tier1_distributor' && input.isOpenForSignUp) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'is_open_for_sign_up',
      detail: 'tier-1 distribution is by invitation only',
    });
  }
  return withTransaction(ctx.db, async (tx) => {
    if (await findProgramByCode(tx, input.code)) {
      throw new ApiError(Errors.CONFLICT, {
        field: 'code',
        detail: 'a programme with this code exists',
      });
    }
    const [row] = await tx
      .insert(partnerPrograms)
      .values({
        id: newId(),
        code: input.code,
        name,
        description: input.description?.trim() ?? '',
        partnerType: input.partnerType,
        isOpenForSignUp: input.isOpenForSignUp ? 1 : 0,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('programme insert returned nothing');
    const view = toProgramView(row);
    await recordAudit(ctx, tx, {
      action: 'partners.program.create',
      resourceType: PROGRAM_RESOURCE,
      resourceId: row.id,
      resourceName: row.name,
      after: { ...view },
    });
    return view;
  });
}

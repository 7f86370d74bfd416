import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertOwner } from '../../../platform/auth/authorize.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { getProfile } from '../../org/index.ts';
import {
  CODE_SEND_WINDOW_MS,
  DEFAULT_CODE_TIMEOUT_MINUTES,
  MAX_CODE_FAILED_ATTEMPTS,
  MAX_CODES_PER_WINDOW,
} from '../rules.ts';
import { operationVerificationSettings, verificationCodes } from '../schema.ts';
import { hashVerificationCode } from './identity.ts';

/**
 * The `verification_codes` scene of the codes that confirm a money move in the console; Huawei's
 * scenes 18 and 29 are SMS codes of the open API, so this one is Huoban's own.
 */
export const OPERATION_CODE_SCENE = 90;

const SETTING_RESOURCE = 'customers.operation_verification';
const FIELD = 'verification_code';

function partnerMember(ctx: AuthenticatedContext): Principal {
  if (ctx.principal.type !== 'member') {
    throw new ApiError(Errors.ACCESS_DENIED, { detail: 'only partner members make money moves' });
  }
  return ctx.principal;
}

async function codeRequired(db: Db, partnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ codeRequired: operationVerificationSettings.codeRequired })
    .from(operationVerificationSettings)
    .where(eq(operationVerificationSettings.partnerId, partnerId));
  return row?.codeRequired ?? false;
}

/** Whether the caller's partner has 验证码验证 on (X4); every member may read it. */
export async function getOperationVerification(
  ctx: AuthenticatedContext,
): Promise<{ enabled: boolean }> {
  const principal = partnerMember(ctx);
  return { enabled: await codeRequired(ctx.db, principal.partnerId) };
}

/**
 * Switches 验证码验证 on or off for the caller's partner (X4, P-80 账号信息): from then on the money
 * moves made in the console need a code mailed to the member. Only the main account may.
 *
 * @throws CBC.0151 not the main account (主账号) of a partner.
 */
export async function setOperationVerification(
  ctx: AuthenticatedContext,
  enabled: boolean,
): Promise<{ enabled: boolean }> {
  const principal = assertOwner(ctx);
  partnerMember(ctx);
  await withTransaction(ctx.db, async (tx) => {
    const before = await codeRequired(tx, principal.partnerId);
    await tx
      .insert(operationVerificationSettings)
      .values({
        id: newId(),
        partnerId: principal.partnerId,
        codeRequired: enabled,
        updatedBy: `${principal.accountName}/${principal.userName}`,
        updatedAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: operationVerificationSettings.partnerId,
        set: {
          codeRequired: enabled,
          updatedBy: `${principal.accountName}/${principal.userName}`,
          updatedAt: ctx.clock.now(),
        },
      });
    await recordAudit(ctx, tx, {
      action: 'customers.operation_verification.update',
      resourceType: SETTING_RESOURCE,
      resourceId: principal.partnerId,
      resourceName: principal.accountName,
      before: { enabled: before },
      after: { enabled },
    });
  });
  return { enabled };
}

/**
 * Mails the calling member a six-digit code for one money move, valid 10 minutes and single use;
 * a newer code replaces the older ones. At most 5 codes per member per hour, as for SMS codes.
 *
 * @throws CBC.0151 not a partner member; CBC.0410 the member has no e-mail address;
 *   CBC.99000082 the hourly send limit is reached.
 */
export async function sendOperationCode(
  ctx: AuthenticatedContext,
  mailer: Mailer,
): Promise<{ email: string; expiresAt: Date }> {
  const principal = partnerMember(ctx);
  const email = (await getProfile(ctx)).email.trim().toLowerCase();
  if (!email) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: 'add an e-mail address to your profile to receive verification codes',
    });
  }
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + DEFAULT_CODE_TIMEOUT_MINUTES * 60_000);
  await withTransaction(ctx.db, async (tx) => {
    // One send per receiver at a time, so parallel requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`operation:${email}`}))`);
    const [sent] = await tx
      .select({ value: count() })
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.partnerId, principal.partnerId),
          eq(verificationCodes.receiver, email),
          eq(verificationCodes.scene, OPERATION_CODE_SCENE),
          gte(verificationCodes.createdAt, new Date(now.getTime() - CODE_SEND_WINDOW_MS)),
        ),
      );
    if ((sent?.value ?? 0) >= MAX_CODES_PER_WINDOW) {
      throw new ApiError(Errors.VERIFICATION_SEND_LIMIT, {
        detail: `at most ${MAX_CODES_PER_WINDOW} codes per hour`,
      });
    }
    const id = newId();
    await tx.insert(verificationCodes).values({
      id,
      partnerId: principal.partnerId,
      receiver: email,
      scene: OPERATION_CODE_SCENE,
      codeHash: hashVerificationCode(id, code),
      expiresAt,
      createdAt: now,
    });
  });
  await mailer.send({
    to: email,
    subject: `伙伴中心操作验证码 / Huoban verification code: ${code}`,
    text:
      `您正在伙伴中心进行资金或优惠券操作，验证码为 ${code}，${DEFAULT_CODE_TIMEOUT_MINUTES} 分钟内有效，仅可使用一次。\n` +
      `Your code for a fund or coupon operation in the partner center is ${code}. ` +
      `It is valid for ${DEFAULT_CODE_TIMEOUT_MINUTES} minutes and can be used once.`,
  });
  return { email, expiresAt };
}

/**
 * R-FUND-04, R-COUP-05, X4: a money move made in the console (a signed-in session) of a partner
 * with 验证码验证 on needs the newest code mailed to the member, unexpired and unused. Checked
 * before the move's transaction, so a wrong attempt stays counted when the move is refused (the
 * fifth ends the code); the move then consumes it with `consumeOperationCode` in its own
 * transaction, so a move that fails leaves it usable. Open-API callers (AK/SK, tokens) carry no
 * code in Huawei's fields and are not asked for one.
 *
 * @returns the code to consume, or null when none is needed.
 * @throws CBC.0100 naming `verification_code` (missing, wrong, expired, used, none sent);
 *   CBC.99004009 too many wrong attempts.
 */
export async function checkOperationCode(
  ctx: AuthenticatedContext,
  code: string | undefined,
): Promise<string | null> {
  const principal = ctx.principal;
  if (principal.type !== 'member' || principal.authMethod !== 'session') return null;
  if (!(await codeRequired(ctx.db, principal.partnerId))) return null;
  if (!code) throw invalidParameter(FIELD, 'is required: 验证码验证 is on for this partner');
  const email = (await getProfile(ctx)).email.trim().toLowerCase();
  const [latest] = email
    ? await ctx.db
        .select()
        .from(verificationCodes)
        .where(
          and(
            eq(verificationCodes.partnerId, principal.partnerId),
            eq(verificationCodes.receiver, email),
            eq(verificationCodes.scene, OPERATION_CODE_SCENE),
          ),
        )
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1)
    : [];
  if (!latest || latest.consumedAt) {
    throw invalidParameter(FIELD, 'no code is pending; send one first');
  }
  if (latest.failedAttempts >= MAX_CODE_FAILED_ATTEMPTS) {
    throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
  }
  if (ctx.clock.now().getTime() >= latest.expiresAt.getTime()) {
    throw invalidParameter(FIELD, 'has expired; send a new code');
  }
  const expected = Buffer.from(latest.codeHash, 'hex');
  const given = Buffer.from(hashVerificationCode(latest.id, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const [counted] = await ctx.db
      .update(verificationCodes)
      .set({ failedAttempts: sql`${verificationCodes.failedAttempts} + 1` })
      .where(eq(verificationCodes.id, latest.id))
      .returning({ failedAttempts: verificationCodes.failedAttempts });
    if ((counted?.failedAttempts ?? MAX_CODE_FAILED_ATTEMPTS) >= MAX_CODE_FAILED_ATTEMPTS) {
      throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
    }
    throw invalidParameter(FIELD, 'is incorrect');
  }
  return latest.id;
}

/**
 * Uses up the code `checkOperationCode` accepted, in the move's transaction `tx`; null (no code
 * needed) does nothing. Two moves racing with one code: the second is refused.
 *
 * @throws CBC.0100 naming `verification_code` when the code was used meanwhile.
 */
export async function consumeOperationCode(
  ctx: AuthenticatedContext,
  tx: Db,
  codeId: string | null,
): Promise<void> {
  if (codeId === null) return;
  const [consumed] = await tx
    .update(verificationCodes)
    .set({ consumedAt: ctx.clock.now() })
    .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.consumedAt)))
    .returning({ id: verificationCodes.id });
  if (!consumed) throw invalidParameter(FIELD, 'was already used; send a new code');
}

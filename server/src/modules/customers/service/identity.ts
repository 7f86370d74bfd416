import { createHash, randomInt } from 'node:crypto';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { isPartnerAccountNameTaken } from '../../partners/index.ts';
import {
  ACCOUNTS_PER_MOBILE,
  assertCheckableName,
  assertCountryMobile,
  assertEmail,
  CODE_SEND_WINDOW_MS,
  codeTimeoutMs,
  MAX_CODES_PER_WINDOW,
  normaliseMobile,
  SCENE_BANK_CARD_AUTH,
  SCENE_REGISTRATION,
} from '../rules.ts';
import { customers, verificationCodes } from '../schema.ts';
import { assertCaller, OPEN_API_ACCOUNT_TYPES } from './shared.ts';

export type IdentitySearchType = 'email' | 'mobile' | 'name';

export interface IdentityCheck {
  checkResult: 'available' | 'used_by_user';
  /** Only for mobile checks: how many more accounts this phone may register. */
  mobileRemainAvailableNum?: number;
}

/**
 * True when a customer account already uses the name (case-insensitively). The composition root
 * hands it to the partners module, whose sign-up must not take a customer's login name either.
 */
export async function isCustomerAccountNameTaken(db: Db, name: string): Promise<boolean> {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(sql`lower(${customers.accountName}) = lower(${name})`)
    .limit(1);
  return customer !== undefined;
}

/**
 * True when a customer or partner account already uses the name, regardless of case: both sign
 * in on the same page, so one login name must not name two accounts.
 */
export async function isAccountNameTaken(db: Db, name: string): Promise<boolean> {
  return (await isCustomerAccountNameTaken(db, name)) || isPartnerAccountNameTaken(db, name);
}

/** Customer accounts registered with `mobile` (stored form), across every partner. */
export async function countAccountsOfMobile(db: Db, mobile: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(customers)
    .where(eq(customers.mobile, mobile));
  return row?.value ?? 0;
}

/**
 * CheckUserIdentity: whether an account name or e-mail is still free, or how many more accounts
 * a phone may register (at most 5 per phone).
 *
 * @throws CBC.0151 for a caller that is not an SP or distributor, or without `customer.manage`;
 *   CBC.0100 naming `search_value` when it is malformed for its type.
 */
export async function checkUserIdentity(
  ctx: ServiceContext,
  input: { searchType: IdentitySearchType; searchValue: string },
): Promise<IdentityCheck> {
  assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  const value = input.searchValue;
  if (input.searchType === 'name') {
    assertCheckableName(value, 'search_value');
    return {
      checkResult: (await isAccountNameTaken(ctx.db, value)) ? 'used_by_user' : 'available',
    };
  }
  if (input.searchType === 'email') {
    const email = assertEmail(value, 'search_value');
    const [taken] = await ctx.db
      .select({ id: customers.id })
      .from(customers)
      .where(sql`lower(${customers.email}) = lower(${email})`)
      .limit(1);
    return { checkResult: taken ? 'used_by_user' : 'available' };
  }
  const mobile = assertCountryMobile(value, 'search_value');
  const remaining = Math.max(
    0,
    ACCOUNTS_PER_MOBILE - (await countAccountsOfMobile(ctx.db, mobile)),
  );
  return {
    checkResult: remaining > 0 ? 'available' : 'used_by_user',
    mobileRemainAvailableNum: remaining,
  };
}

export interface SendCodeInput {
  receiverType: number;
  timeout?: number | undefined;
  mobilePhone: string;
  lang?: 'zh-cn' | 'en-us' | undefined;
  scene?: number | undefined;
  customerId?: string | undefined;
}

/** The code is bound to its row, so equal codes of two requests never share a hash. */
export function hashVerificationCode(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('hex');
}

/** Where the "SMS" goes: this installation delivers text messages as mail to a per-phone box. */
export function smsMailbox(mobile: string): string {
  return `${mobile}@sms.huoban.localhost`;
}

function codeMessage(code: string, minutes: number, lang: 'zh-cn' | 'en-us') {
  return lang === 'en-us'
    ? {
        subject: `Huawei Cloud verification code: ${code}`,
        text: `Your verification code is ${code}. It is valid for ${minutes} minutes. Do not share it.`,
      }
    : {
        subject: `华为云验证码：${code}`,
        text: `您的验证码为 ${code}，${minutes} 分钟内有效。请勿泄露给他人。`,
      };
}

/**
 * SendVerificationMessageCode: creates a 6-digit code for a mainland-China mobile and delivers the
 * "SMS" through the mailer. Valid `timeout` minutes (default 10; above 60 forced to 5); at most
 * 5 codes per phone per hour for the calling partner.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.0100 naming the field
 *   for a receiver type other than 1, a malformed phone, an unknown scene or a missing
 *   `customer_id` for scene 18; CBC.99000082 when the hourly send limit is reached.
 */
export async function sendVerificationCode(
  ctx: ServiceContext,
  input: SendCodeInput,
  mailer: Mailer,
): Promise<void> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  if (input.receiverType !== 1)
    throw invalidParameter('receiver_type', 'only 1 (SMS) is supported');
  const scene = input.scene ?? SCENE_REGISTRATION;
  if (scene !== SCENE_REGISTRATION && scene !== SCENE_BANK_CARD_AUTH) {
    throw invalidParameter('scene', 'must be 29 (registration) or 18 (bank-card authentication)');
  }
  if (scene === SCENE_BANK_CARD_AUTH && !input.customerId) {
    throw invalidParameter('customer_id', 'is required for scene 18');
  }
  const receiver = normaliseMobile(input.mobilePhone, 'mobile_phone');
  const ttl = codeTimeoutMs(input.timeout);
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  await withTransaction(ctx.db, async (tx) => {
    // One send per phone at a time, so parallel requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${receiver}`}))`);
    const now = ctx.clock.now();
    const [sent] = await tx
      .select({ value: count() })
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.partnerId, principal.partnerId),
          eq(verificationCodes.receiver, receiver),
          gte(verificationCodes.createdAt, new Date(now.getTime() - CODE_SEND_WINDOW_MS)),
        ),
      );
    if ((sent?.value ?? 0) >= MAX_CODES_PER_WINDOW) {
      throw new ApiError(Errors.VERIFICATION_SEND_LIMIT, {
        detail: `at most ${MAX_CODES_PER_WINDOW} codes per phone per hour`,
      });
    }
    const id = newId();
    await tx.insert(verificationCodes).values({
      id,
      partnerId: principal.partnerId,
      receiver,
      scene,
      codeHash: hashVerificationCode(id, code),
      expiresAt: new Date(now.getTime() + ttl),
      createdAt: now,
    });
  });
  // As with sign-up codes there is no job queue yet: the message leaves after the commit, and a
  // lost message costs the caller one of its hourly sends.
  await mailer.send({
    to: smsMailbox(receiver),
    ...codeMessage(code, ttl / 60_000, input.lang ?? 'zh-cn'),
  });
}

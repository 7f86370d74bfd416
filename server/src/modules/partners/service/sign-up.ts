import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { assertPasswordPolicy, hashPassword } from '../../../platform/auth/passwords.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import {
  SIGN_UP_CODE_TTL_MS,
  SIGN_UP_MAX_FAILED_ATTEMPTS,
  SIGN_UP_RESEND_INTERVAL_MS,
  type ProgramPartnerType,
} from '../rules.ts';
import { signUpVerifications } from '../schema.ts';
import {
  assertAccountName,
  assertAccountNameFree,
  assertEmail,
  assertPhone,
  findProgramByCode,
  findProgramById,
  insertPartnerAccount,
  requiredText,
  type CreatedAccount,
  type ProgramRow,
} from './shared.ts';

export interface SignUpInput {
  accountName: string;
  companyName: string;
  email: string;
  phone?: string | undefined;
  password: string;
  programCode: string;
}

export interface SignUpRequested {
  email: string;
  expiresAt: Date;
}

/** What a pending sign-up keeps until its code is verified (never the password itself). */
interface PendingSignUp {
  accountName: string;
  companyName: string;
  email: string;
  phone: string;
  programId: string;
  passwordHash: string;
}

function readPendingSignUp(value: Record<string, unknown>): PendingSignUp {
  const fields = [
    'accountName',
    'companyName',
    'email',
    'phone',
    'programId',
    'passwordHash',
  ] as const;
  for (const field of fields) {
    if (typeof value[field] !== 'string') throw new Error(`pending sign-up lacks ${field}`);
  }
  return value as unknown as PendingSignUp;
}

/** E-mail addresses are compared case-insensitively, as mail systems do for the domain part. */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The code is bound to its row, so equal codes of two sign-ups never share a hash. */
function hashCode(verificationId: string, code: string): string {
  return createHash('sha256').update(`${verificationId}:${code}`).digest('hex');
}

/** Only programmes open for sign-up; tier-1 distribution never is (R-REG-08). */
function assertJoinable(program: ProgramRow | null): ProgramRow {
  if (!program) throw invalidParameter('program_code', 'does not name a programme');
  if (program.isOpenForSignUp !== 1 || program.partnerType === 'tier1_distributor') {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'program_code',
      detail: 'this programme is by invitation only',
    });
  }
  return program;
}

function signUpMail(code: string, accountName: string) {
  return {
    subject: `Huoban sign-up verification code: ${code}`,
    text: [
      `Your verification code for the partner account "${accountName}" is ${code}.`,
      'It is valid for 30 minutes. If you did not sign up, ignore this message.',
      '',
      `您正在注册伙伴账号“${accountName}”，验证码为 ${code}，30 分钟内有效。如非本人操作，请忽略本邮件。`,
    ].join('\n'),
  };
}

/**
 * Starts a self sign-up: checks the request, keeps it with the hash of a fresh 6-digit code
 * (valid 30 minutes) and mails the code. The account is created only by `verifySignUp`.
 *
 * @throws CBC.0100 naming the field for a malformed name, e-mail, phone or password, or an
 *   unknown programme; CBC.0410 naming `program_code` for an invitation-only programme;
 *   CBC.0409 naming `account_name` when it is taken; CBC.0250 when a code was sent to the same
 *   e-mail less than a minute ago.
 */
export async function requestSignUp(
  ctx: ServiceContext,
  input: SignUpInput,
  mailer: Mailer,
): Promise<SignUpRequested> {
  assertAccountName(input.accountName, 'account_name');
  const companyName = requiredText(input.companyName, 'company_name');
  const email = normaliseEmail(input.email);
  assertEmail(email, 'email');
  const phone = input.phone?.trim() ?? '';
  assertPhone(phone, 'phone');
  assertPasswordPolicy(input.password, 'password', input.accountName);
  const program = assertJoinable(await findProgramByCode(ctx.db, input.programCode));
  await assertAccountNameFree(ctx.db, input.accountName, 'account_name');
  const passwordHash = await hashPassword(input.password);
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const requested = await withTransaction(ctx.db, async (tx) => {
    // One request per e-mail at a time, so two parallel requests cannot both pass the rate limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-up:${email}`}))`);
    const now = ctx.clock.now();
    const [latest] = await tx
      .select({ createdAt: signUpVerifications.createdAt })
      .from(signUpVerifications)
      .where(eq(signUpVerifications.email, email))
      .orderBy(desc(signUpVerifications.createdAt))
      .limit(1);
    if (latest && now.getTime() - latest.createdAt.getTime() < SIGN_UP_RESEND_INTERVAL_MS) {
      throw new ApiError(Errors.TOO_MANY_REQUESTS, {
        detail: 'a code was sent to this e-mail less than a minute ago',
      });
    }
    const id = newId();
    const pending: PendingSignUp = {
      accountName: input.accountName,
      companyName,
      email,
      phone,
      programId: program.id,
      passwordHash,
    };
    const expiresAt = new Date(now.getTime() + SIGN_UP_CODE_TTL_MS);
    await tx.insert(signUpVerifications).values({
      id,
      email,
      codeHash: hashCode(id, code),
      request: { ...pending },
      expiresAt,
      createdAt: now,
    });
    return { email, expiresAt };
  });
  // DESIGN.md wants effects that leave the database to be jobs enqueued with the data. There is
  // no job queue yet (pg-boss needs Node 22), so the mail goes out after the commit: a crash in
  // between leaves a code nobody received, and the user asks for another after a minute.
  await mailer.send({ to: email, ...signUpMail(code, input.accountName) });
  return requested;
}

export interface VerifySignUpInput {
  email: string;
  code: string;
}

export interface SignedUpPartner extends CreatedAccount {
  programCode: string;
  partnerType: ProgramPartnerType;
}

async function countFailedAttempt(db: Db, id: string): Promise<number> {
  const [row] = await db
    .update(signUpVerifications)
    .set({ failedAttempts: sql`${signUpVerifications.failedAttempts} + 1` })
    .where(eq(signUpVerifications.id, id))
    .returning({ failedAttempts: signUpVerifications.failedAttempts });
  return row?.failedAttempts ?? SIGN_UP_MAX_FAILED_ATTEMPTS;
}

/**
 * Completes a self sign-up with the e-mail code: creates the partner account (active, e-mail
 * verified) in the chosen programme with its organisation. Only the newest code of an e-mail
 * counts; each wrong code is counted and the fifth spends the code.
 *
 * @throws CBC.0100 naming `email` when no sign-up is pending for it, or `code` when the code is
 *   wrong or expired; CBC.99004009 after 5 wrong codes; CBC.0410 naming `program_code` when the
 *   programme has closed meanwhile; CBC.0409 when the account name was taken meanwhile.
 */
export async function verifySignUp(
  ctx: ServiceContext,
  input: VerifySignUpInput,
): Promise<SignedUpPartner> {
  const email = normaliseEmail(input.email);
  const [pending] = await ctx.db
    .select()
    .from(signUpVerifications)
    .where(eq(signUpVerifications.email, email))
    .orderBy(desc(signUpVerifications.createdAt))
    .limit(1);
  if (!pending || pending.consumedAt) {
    throw invalidParameter('email', 'has no pending sign-up; request a code first');
  }
  if (pending.failedAttempts >= SIGN_UP_MAX_FAILED_ATTEMPTS) {
    throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
  }
  if (ctx.clock.now() > pending.expiresAt) {
    throw invalidParameter('code', 'has expired; request a new code');
  }
  const expected = Buffer.from(pending.codeHash, 'hex');
  const given = Buffer.from(hashCode(pending.id, input.code), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // Counted outside any transaction: the error below must not roll the count back.
    const failed = await countFailedAttempt(ctx.db, pending.id);
    if (failed >= SIGN_UP_MAX_FAILED_ATTEMPTS)
      throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
    throw invalidParameter(
      'code',
      `is incorrect; ${SIGN_UP_MAX_FAILED_ATTEMPTS - failed} attempts left`,
    );
  }
  const request = readPendingSignUp(pending.request);
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const [consumed] = await tx
      .update(signUpVerifications)
      .set({ consumedAt: now })
      .where(and(eq(signUpVerifications.id, pending.id), isNull(signUpVerifications.consumedAt)))
      .returning({ id: signUpVerifications.id });
    if (!consumed)
      throw new ApiError(Errors.CONFLICT, { field: 'code', detail: 'the code was already used' });
    const found = await findProgramById(tx, request.programId);
    const program = assertJoinable(found);
    await assertAccountNameFree(tx, request.accountName, 'account_name');
    const partnerType = program.partnerType as ProgramPartnerType;
    const created = await insertPartnerAccount(ctx, tx, {
      name: request.accountName,
      companyName: request.companyName,
      partnerType,
      status: 'active',
      email: request.email,
      phone: request.phone,
      programId: program.id,
      parentPartnerId: null,
      emailVerifiedAt: now,
      owner: { passwordHash: request.passwordHash },
    });
    return { ...created, programCode: program.code, partnerType };
  });
}

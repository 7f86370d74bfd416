import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { ManualClock, MINUTE_MS } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { ServiceContext } from '../../platform/http/context.ts';
import type { Mailer, MailMessage } from '../../platform/mail/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { memberContext, systemContext } from '../../../test/factories/org.ts';
import { accountDirectory } from './index.ts';
import { signUpVerifications } from './schema.ts';
import {
  createOperatorAccount,
  createProgram,
  requestSignUp,
  verifySignUp,
  type SignUpInput,
} from './service/index.ts';

const PASSWORD = 'Strong-pass-42';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-03-01T08:00:00Z');
let ctx: ServiceContext;
const sent: MailMessage[] = [];
const mailer: Mailer = {
  send(message) {
    sent.push(message);
    return Promise.resolve();
  },
};

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  ctx = { ...systemContext(db, clock), source: 'console' };
  const operator = await createOperatorAccount(db, clock, {
    name: 'the_operator',
    companyName: 'Huoban Cloud',
    email: 'ops@huoban.example',
    password: PASSWORD,
  });
  const operatorCtx = await memberContext(db, clock, operator.owner);
  await createProgram(operatorCtx, {
    code: 'csp',
    name: 'CSP',
    partnerType: 'solution_provider',
    isOpenForSignUp: true,
  });
  await createProgram(operatorCtx, {
    code: 'reseller',
    name: 'Reseller',
    partnerType: 'reseller',
    isOpenForSignUp: true,
  });
  await createProgram(operatorCtx, {
    code: 'distribution',
    name: 'Distribution',
    partnerType: 'tier1_distributor',
    isOpenForSignUp: false,
  });
  await createProgram(operatorCtx, {
    code: 'closed_csp',
    name: 'Closed CSP',
    partnerType: 'solution_provider',
    isOpenForSignUp: false,
  });
});
afterAll(async () => {
  await database.close();
});

let counter = 0;
function signUpInput(overrides: Partial<SignUpInput> = {}): SignUpInput {
  counter += 1;
  return {
    accountName: `signup_${counter}`,
    companyName: `Sign-up ${counter} Ltd.`,
    email: `owner${counter}@signup.example`,
    password: PASSWORD,
    programCode: 'csp',
    ...overrides,
  };
}

function codeSentTo(email: string): string {
  const message = sent.filter((candidate) => candidate.to === email).at(-1);
  const code = message?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

function wrongCode(code: string): string {
  return code === '000000' ? '000001' : '000000';
}

describe('requestSignUp', () => {
  it('keeps the request with a hashed code and mails the code', async () => {
    const input = signUpInput({ email: ' Mixed.Case@Signup.Example ' });
    const requested = await requestSignUp(ctx, input, mailer);
    expect(requested).toEqual({
      email: 'mixed.case@signup.example',
      expiresAt: new Date(clock.now().getTime() + 30 * MINUTE_MS),
    });
    const code = codeSentTo('mixed.case@signup.example');
    expect(sent.at(-1)?.subject).toContain(code);
    const [row] = await db
      .select()
      .from(signUpVerifications)
      .where(eq(signUpVerifications.email, 'mixed.case@signup.example'));
    expect(row?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.codeHash).not.toContain(code);
    expect(JSON.stringify(row?.request)).not.toContain(PASSWORD);
  });

  it('names the field of bad input', async () => {
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ accountName: 'x' }), mailer),
      'CBC.0100',
      'account_name',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ email: 'nope' }), mailer),
      'CBC.0100',
      'email',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ phone: '?' }), mailer),
      'CBC.0100',
      'phone',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ password: 'password' }), mailer),
      'CBC.0100',
      'password',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ programCode: 'nope' }), mailer),
      'CBC.0100',
      'program_code',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ companyName: ' ' }), mailer),
      'CBC.0100',
      'company_name',
    );
  });

  it('refuses invitation-only programmes (R-REG-08) and taken names', async () => {
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ programCode: 'distribution' }), mailer),
      'CBC.0410',
      'program_code',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ programCode: 'closed_csp' }), mailer),
      'CBC.0410',
      'program_code',
    );
    await expectApiError(
      () => requestSignUp(ctx, signUpInput({ accountName: 'THE_OPERATOR' }), mailer),
      'CBC.0409',
      'account_name',
    );
  });

  it('sends at most one code per minute to an e-mail; only the newest code counts', async () => {
    const input = signUpInput();
    await requestSignUp(ctx, input, mailer);
    const first = codeSentTo(input.email);
    clock.advance(59_000);
    await expectApiError(() => requestSignUp(ctx, input, mailer), 'CBC.0250');
    clock.advance(1_000);
    await requestSignUp(ctx, input, mailer);
    const second = codeSentTo(input.email);
    if (first !== second) {
      await expectApiError(
        () => verifySignUp(ctx, { email: input.email, code: first }),
        'CBC.0100',
        'code',
      );
    }
    const created = await verifySignUp(ctx, { email: input.email, code: second });
    expect(created.partner.name).toBe(input.accountName);
  });
});

describe('verifySignUp', () => {
  it('creates the active, e-mail-verified partner in the programme with the chosen password', async () => {
    const input = signUpInput({ programCode: 'reseller', phone: '+86 138 0000 0000' });
    await requestSignUp(ctx, input, mailer);
    clock.advance(5 * MINUTE_MS);
    const created = await verifySignUp(ctx, { email: input.email, code: codeSentTo(input.email) });
    expect(created).toMatchObject({ programCode: 'reseller', partnerType: 'reseller' });
    expect(created.partner).toMatchObject({
      name: input.accountName,
      companyName: input.companyName,
      partnerType: 'reseller',
      status: 'active',
      email: input.email,
      phone: '+86 138 0000 0000',
      parentPartnerId: null,
      emailVerifiedAt: clock.now(),
    });
    const credential = await accountDirectory.findLoginCredential(db, input.accountName, undefined);
    expect(credential?.isEnabled).toBe(true);
    expect(credential && (await verifyPassword(credential.passwordHash, PASSWORD))).toBe(true);
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.partnerId, created.partner.id));
    expect(events.map((event) => event.action).sort()).toEqual([
      'org.organisation.set_up',
      'partners.partner.create',
    ]);
    await expectApiError(
      () => verifySignUp(ctx, { email: input.email, code: codeSentTo(input.email) }),
      'CBC.0100',
      'email',
    );
  });

  it('counts wrong codes and spends the code at the fifth', async () => {
    const input = signUpInput();
    await requestSignUp(ctx, input, mailer);
    const code = codeSentTo(input.email);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const error = await expectApiError(
        () => verifySignUp(ctx, { email: input.email, code: wrongCode(code) }),
        'CBC.0100',
        'code',
      );
      expect(error.message).toContain(`${5 - attempt} attempts left`);
    }
    await expectApiError(
      () => verifySignUp(ctx, { email: input.email, code: wrongCode(code) }),
      'CBC.99004009',
    );
    await expectApiError(() => verifySignUp(ctx, { email: input.email, code }), 'CBC.99004009');
  });

  it('rejects an expired code after 30 minutes', async () => {
    const input = signUpInput();
    await requestSignUp(ctx, input, mailer);
    clock.advance(31 * MINUTE_MS);
    await expectApiError(
      () => verifySignUp(ctx, { email: input.email, code: codeSentTo(input.email) }),
      'CBC.0100',
      'code',
    );
  });

  it('needs a pending sign-up for the e-mail', async () => {
    await expectApiError(
      () => verifySignUp(ctx, { email: 'nobody@signup.example', code: '123456' }),
      'CBC.0100',
      'email',
    );
  });

  it('fails when the name was taken between request and verification', async () => {
    const first = signUpInput({ accountName: 'contested' });
    const second = signUpInput({ accountName: 'Contested' });
    await requestSignUp(ctx, first, mailer);
    await requestSignUp(ctx, second, mailer);
    await verifySignUp(ctx, { email: first.email, code: codeSentTo(first.email) });
    await expectApiError(
      () => verifySignUp(ctx, { email: second.email, code: codeSentTo(second.email) }),
      'CBC.0409',
      'account_name',
    );
  });
});

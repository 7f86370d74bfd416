import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import { normaliseMobile } from '../rules.ts';
import {
  customerPartnerSettings,
  customers,
  realnameApplications,
  verificationCodes,
  type EnterprisePerson,
  type RealnameKind,
} from '../schema.ts';
import { checkVerificationCode } from './create.ts';
import {
  assertBankAccount,
  assertCorpName,
  assertCountry,
  assertFileUrls,
  CERTIFICATE_TYPES,
  ENTERPRISE_FILES_WITH_PERSON,
  IDENTIFY_BANK_CARD,
  IDENTIFY_ORGANISATION,
  IDENTIFY_PERSONAL_DOCUMENT,
  maskVerifiedNumber,
  PERSONAL_DOCUMENT_FILES,
  requiredText,
  VERIFIED_TYPES,
} from './realname-rules.ts';
import {
  assertCaller,
  OPEN_API_ACCOUNT_TYPES,
  visibleCustomers,
  type CustomerRow,
} from './shared.ts';

export const REALNAME_RESOURCE = 'customers.realname_application';
const SETTINGS_RESOURCE = 'customers.partner_settings';

/** `change_type` of a first verification, and of an individual → enterprise change. */
const CHANGE_TYPE_FIRST = -1;
const CHANGE_TYPE_TO_ENTERPRISE = 1;
/** `customer_type` once verified: 0 individual, 1 enterprise. */
const CUSTOMER_TYPE_INDIVIDUAL = 0;
const CUSTOMER_TYPE_ENTERPRISE = 1;

export interface BankCardInput {
  bankAccount: string;
  areacode: string;
  mobile: string;
  verificationCode: string;
}

export interface PersonalRealnameInput {
  customerId: string;
  identifyType: number;
  verifiedType?: number | undefined;
  verifiedFileUrl: string[];
  name: string;
  verifiedNumber: string;
  changeType?: number | undefined;
  xaccountType: string;
  bankCardInfo?: BankCardInput | undefined;
}

export interface EnterpriseRealnameInput {
  customerId: string;
  identifyType: number;
  certificateType?: number | undefined;
  verifiedFileUrl: string[];
  corpName: string;
  verifiedNumber: string;
  regCountry?: string | null | undefined;
  regAddress?: string | null | undefined;
  xaccountType: string;
  enterprisePerson?: EnterprisePerson | undefined;
}

export interface ChangeRealnameInput extends EnterpriseRealnameInput {
  changeType: number;
}

export interface ReviewResult {
  /** 0 in review, 1 rejected, 2 approved. */
  reviewResult: 0 | 1 | 2;
  opinion: string;
}

/** Whether the partner has switched on "实名认证附件上传". */
async function isRealnameUploadEnabled(db: Db, partnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ enabled: customerPartnerSettings.realnameUploadEnabled })
    .from(customerPartnerSettings)
    .where(eq(customerPartnerSettings.partnerId, partnerId));
  return row?.enabled ?? false;
}

/**
 * The partner's "实名认证附件上传" switch (R-MISC-04), off until the partner turns it on.
 *
 * @throws CBC.0151 for a caller other than an SP or distributor, or without `partner.info.view`.
 */
export async function getRealnameUpload(ctx: ServiceContext): Promise<{ enabled: boolean }> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.PARTNER_INFO_VIEW);
  return { enabled: await isRealnameUploadEnabled(ctx.db, principal.partnerId) };
}

/**
 * Turns "实名认证附件上传" on or off; the real-name APIs answer only while it is on.
 *
 * @throws CBC.0151 for a caller other than an SP or distributor, or without `partner.info.edit`.
 */
export async function setRealnameUpload(
  ctx: ServiceContext,
  enabled: boolean,
): Promise<{ enabled: boolean }> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.PARTNER_INFO_EDIT);
  return withTransaction(ctx.db, async (tx) => {
    const before = await isRealnameUploadEnabled(tx, principal.partnerId);
    const now = ctx.clock.now();
    await tx
      .insert(customerPartnerSettings)
      .values({ partnerId: principal.partnerId, realnameUploadEnabled: enabled, updatedAt: now })
      .onConflictDoUpdate({
        target: customerPartnerSettings.partnerId,
        set: { realnameUploadEnabled: enabled, updatedAt: now },
      });
    await recordAudit(ctx, tx, {
      action: 'customers.realname_upload.update',
      resourceType: SETTINGS_RESOURCE,
      resourceId: principal.partnerId,
      before: { realnameUploadEnabled: before },
      after: { realnameUploadEnabled: enabled },
    });
    return { enabled };
  });
}

/**
 * The common gate of the real-name APIs: caller class and right, the switch, the platform id and
 * the customer within the caller's data scope (an account manager reaches only their own).
 */
async function openRealnameCall(
  ctx: ServiceContext,
  customerId: string,
  xaccountType: string | null,
) {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  if (!(await isRealnameUploadEnabled(ctx.db, principal.partnerId))) {
    throw new ApiError(Errors.REALNAME_UPLOAD_DISABLED);
  }
  if (xaccountType !== null) {
    const partner = await findPartnerById(ctx.db, principal.partnerId);
    if (!partner || partner.xaccountType !== xaccountType) {
      throw invalidParameter('xaccount_type', "is not the partner's platform id");
    }
  }
  const [customer] = await ctx.db
    .select()
    .from(customers)
    .where(visibleCustomers(principal.partnerId, principal, eq(customers.id, customerId)));
  if (!customer || customer.status !== 'active') {
    throw invalidParameter('customer_id', 'is not a customer of yours');
  }
  return { principal, customer };
}

interface NewApplication {
  kind: RealnameKind;
  identifyType: number;
  documentType: number | null;
  name: string;
  verifiedNumber: string;
  verifiedFileUrl: string[];
  regCountry: string | null;
  regAddress: string | null;
  enterprisePerson: EnterprisePerson | null;
  bankCardInfo: { bank_account: string; areacode: string; mobile: string } | null;
  xaccountType: string;
}

/**
 * Stores an application for manual review and puts the customer under review ('0'), after
 * re-reading the customer under a lock so two submissions cannot both pass the state check.
 */
async function submitApplication(
  ctx: ServiceContext,
  customer: CustomerRow,
  application: NewApplication,
  allowed: (current: CustomerRow) => string | null,
  codeId: string | null,
): Promise<{ isReview: 1 }> {
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(customers)
      .where(eq(customers.id, customer.id))
      .for('update');
    if (!current) throw invalidParameter('customer_id', 'is not a customer of yours');
    const refusal = allowed(current);
    if (refusal) throw new ApiError(Errors.OPERATION_NOT_ALLOWED, { detail: refusal });
    const now = ctx.clock.now();
    if (codeId) {
      const [consumed] = await tx
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.consumedAt)))
        .returning({ id: verificationCodes.id });
      if (!consumed) {
        throw invalidParameter('bank_card_info.verification_code', 'was already used');
      }
    }
    const id = newId();
    await tx.insert(realnameApplications).values({
      id,
      partnerId: current.partnerId,
      customerId: current.id,
      ...application,
      verifiedNumberMasked: maskVerifiedNumber(application.verifiedNumber),
      status: 'in_review',
      createdAt: now,
    });
    await tx
      .update(customers)
      .set({ verifiedStatus: '0', updatedAt: now })
      .where(eq(customers.id, current.id));
    await recordAudit(ctx, tx, {
      partnerId: current.partnerId,
      action: `customers.realname.submit_${application.kind}`,
      resourceType: REALNAME_RESOURCE,
      resourceId: id,
      resourceName: current.accountName,
      before: { verifiedStatus: current.verifiedStatus },
      after: {
        customerId: current.id,
        kind: application.kind,
        identifyType: application.identifyType,
        name: application.name,
        verifiedNumber: maskVerifiedNumber(application.verifiedNumber),
        files: application.verifiedFileUrl.length,
        verifiedStatus: '0',
      },
    });
    return { isReview: 1 as const };
  });
}

/** First verifications: none yet, or the last one was rejected. */
function firstVerificationAllowed(current: CustomerRow): string | null {
  if (current.verifiedStatus === '0') return 'a real-name application is already under review';
  if (current.verifiedStatus === '2') return 'the customer is already verified; apply for a change';
  return null;
}

/**
 * CreatePersonalRealnameAuth: submits an individual verification (identity document or bank
 * card) for one of the caller's customers. Always reviewed by hand here (`is_review` 1).
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.99000090 while the
 *   partner's real-name upload switch is off; CBC.0100 naming the field for an unknown or
 *   out-of-scope `customer_id`, a foreign `xaccount_type`, a bad identify/verified type
 *   combination, bad file paths, missing bank-card data or a wrong code; CBC.99004009 after 5
 *   wrong codes; CBC.0410 while under review or already verified.
 */
export async function submitPersonalRealname(
  ctx: ServiceContext,
  input: PersonalRealnameInput,
): Promise<{ isReview: 1 }> {
  const { principal, customer } = await openRealnameCall(ctx, input.customerId, input.xaccountType);
  if (input.changeType !== undefined && input.changeType !== CHANGE_TYPE_FIRST) {
    throw invalidParameter('change_type', 'must be -1 (first verification)');
  }
  const name = requiredText(input.name, 'name', 256);
  const verifiedNumber = requiredText(input.verifiedNumber, 'verified_number', 128);
  let documentType: number | null = null;
  let files: string[];
  let bankCard: NewApplication['bankCardInfo'] = null;
  let codeId: string | null = null;
  if (input.identifyType === IDENTIFY_PERSONAL_DOCUMENT) {
    if (input.verifiedType === undefined) {
      throw invalidParameter('verified_type', 'is required when identify_type is 0');
    }
    if (!(VERIFIED_TYPES as readonly number[]).includes(input.verifiedType)) {
      throw invalidParameter('verified_type', `must be one of ${VERIFIED_TYPES.join(', ')}`);
    }
    if (input.bankCardInfo) {
      throw invalidParameter('bank_card_info', 'is only for identify_type 4');
    }
    documentType = input.verifiedType;
    files = assertFileUrls(input.verifiedFileUrl, PERSONAL_DOCUMENT_FILES);
  } else if (input.identifyType === IDENTIFY_BANK_CARD) {
    if (input.verifiedType !== undefined) {
      throw invalidParameter('verified_type', 'is only for identify_type 0');
    }
    const card = input.bankCardInfo;
    if (!card) throw invalidParameter('bank_card_info', 'is required when identify_type is 4');
    files = assertFileUrls(input.verifiedFileUrl, 1);
    const bankAccount = assertBankAccount(card.bankAccount);
    if (card.areacode !== '0086') {
      throw invalidParameter('bank_card_info.areacode', 'only 0086 (mainland China) is supported');
    }
    const mobile = normaliseMobile(card.mobile, 'bank_card_info.mobile');
    if (card.verificationCode.trim() === '') {
      throw invalidParameter('bank_card_info.verification_code', 'must not be blank');
    }
    codeId = await checkVerificationCode(
      ctx,
      principal.partnerId,
      mobile,
      card.verificationCode,
      'bank_card_info.verification_code',
    );
    bankCard = { bank_account: bankAccount, areacode: card.areacode, mobile };
  } else {
    throw invalidParameter('identify_type', 'must be 0 (identity document) or 4 (bank card)');
  }
  return submitApplication(
    ctx,
    customer,
    {
      kind: 'individual',
      identifyType: input.identifyType,
      documentType,
      name,
      verifiedNumber,
      verifiedFileUrl: files,
      regCountry: null,
      regAddress: null,
      enterprisePerson: null,
      bankCardInfo: bankCard,
      xaccountType: input.xaccountType,
    },
    firstVerificationAllowed,
    codeId,
  );
}

function enterpriseApplication(input: EnterpriseRealnameInput, kind: RealnameKind): NewApplication {
  if (input.identifyType !== IDENTIFY_ORGANISATION) {
    throw invalidParameter('identify_type', 'must be 1 (organisation document)');
  }
  if (
    input.certificateType !== undefined &&
    !(CERTIFICATE_TYPES as readonly number[]).includes(input.certificateType)
  ) {
    throw invalidParameter('certificate_type', `must be one of ${CERTIFICATE_TYPES.join(', ')}`);
  }
  const person = input.enterprisePerson;
  const enterprisePerson: EnterprisePerson | null = person
    ? {
        legel_name: requiredText(person.legel_name, 'enterprise_person.legel_name', 128),
        legel_id_number: requiredText(
          person.legel_id_number,
          'enterprise_person.legel_id_number',
          64,
        ),
        ...(person.certifier_role ? { certifier_role: person.certifier_role } : {}),
      }
    : null;
  const regAddress = input.regAddress ?? null;
  if (regAddress !== null && regAddress.length > 512) {
    throw invalidParameter('reg_address', 'must be at most 512 characters');
  }
  return {
    kind,
    identifyType: input.identifyType,
    documentType: input.certificateType ?? null,
    name: assertCorpName(input.corpName),
    verifiedNumber: requiredText(input.verifiedNumber, 'verified_number', 128),
    verifiedFileUrl: assertFileUrls(
      input.verifiedFileUrl,
      enterprisePerson ? ENTERPRISE_FILES_WITH_PERSON : 1,
    ),
    regCountry: assertCountry(input.regCountry),
    regAddress,
    enterprisePerson,
    bankCardInfo: null,
    xaccountType: input.xaccountType,
  };
}

/**
 * CreateEnterpriseRealnameAuthentication: submits an enterprise verification for one of the
 * caller's customers; reviewed by hand (`is_review` 1).
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.99000090 while the
 *   switch is off; CBC.0100 naming the field for an unknown customer, a foreign `xaccount_type`,
 *   an identify or certificate type out of range, a blank or symbol-only `corp_name`, bad file
 *   paths or country; CBC.0410 while under review or already verified.
 */
export async function submitEnterpriseRealname(
  ctx: ServiceContext,
  input: EnterpriseRealnameInput,
): Promise<{ isReview: 1 }> {
  const { customer } = await openRealnameCall(ctx, input.customerId, input.xaccountType);
  const application = enterpriseApplication(input, 'enterprise');
  return submitApplication(ctx, customer, application, firstVerificationAllowed, null);
}

/**
 * ChangeEnterpriseRealnameAuthentication: asks to upgrade a customer verified as an individual
 * to enterprise verification; reviewed by hand (`is_review` 1). A rejected change leaves the
 * individual verification in force.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.99000090 while the
 *   switch is off; CBC.0100 naming the field as for enterprise verification, or `change_type`
 *   other than 1; CBC.0410 unless the customer is verified as an individual and nothing is
 *   under review.
 */
export async function changeEnterpriseRealname(
  ctx: ServiceContext,
  input: ChangeRealnameInput,
): Promise<{ isReview: 1 }> {
  const { customer } = await openRealnameCall(ctx, input.customerId, input.xaccountType);
  if (input.changeType !== CHANGE_TYPE_TO_ENTERPRISE) {
    throw invalidParameter('change_type', 'must be 1 (individual to enterprise)');
  }
  const application = enterpriseApplication(input, 'change');
  return submitApplication(
    ctx,
    customer,
    application,
    (current) => {
      if (current.verifiedStatus === '0') return 'a real-name application is already under review';
      if (current.verifiedStatus !== '2' || current.customerType !== CUSTOMER_TYPE_INDIVIDUAL) {
        return 'only a customer verified as an individual can change to enterprise';
      }
      return null;
    },
    null,
  );
}

/**
 * ShowRealnameAuthenticationReviewResult: the state of the customer's newest application.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.99000090 while the
 *   switch is off; CBC.0100 naming `customer_id` for an unknown customer or one without any
 *   application.
 */
export async function getRealnameReviewResult(
  ctx: ServiceContext,
  customerId: string,
): Promise<ReviewResult> {
  const { customer } = await openRealnameCall(ctx, customerId, null);
  const [latest] = await ctx.db
    .select({ status: realnameApplications.status, opinion: realnameApplications.opinion })
    .from(realnameApplications)
    .where(
      and(
        eq(realnameApplications.partnerId, customer.partnerId),
        eq(realnameApplications.customerId, customer.id),
      ),
    )
    .orderBy(desc(realnameApplications.createdAt), desc(realnameApplications.id))
    .limit(1);
  if (!latest) throw invalidParameter('customer_id', 'has no real-name application');
  const reviewResult = latest.status === 'in_review' ? 0 : latest.status === 'rejected' ? 1 : 2;
  return { reviewResult, opinion: latest.opinion };
}

/** The customer's state after an approved application of `kind`. */
export function customerTypeAfterApproval(kind: RealnameKind): number {
  return kind === 'individual' ? CUSTOMER_TYPE_INDIVIDUAL : CUSTOMER_TYPE_ENTERPRISE;
}

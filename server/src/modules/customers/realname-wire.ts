import { Type, type Static } from '@sinclair/typebox';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { realnameStatuses } from './schema.ts';
import type {
  ChangeRealnameInput,
  EnterpriseRealnameInput,
  PersonalRealnameInput,
  ReviewResult,
} from './service/realname.ts';
import type { RealnameApplicationView } from './service/realname-review.ts';

/** Huawei caps the ordered file list; identity documents need 3, enterprises at most 3. */
const MAX_FILES = 10;

const CustomerIdSchema = Type.String({ minLength: 1, maxLength: 64, description: 'Customer id' });
const FileUrlsSchema = Type.Array(Type.String({ maxLength: 512 }), {
  minItems: 1,
  maxItems: MAX_FILES,
  description:
    'Ordered relative paths under the bucket download/ directory (no bucket, no download/ prefix)',
});
const XaccountTypeSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "The partner's platform id (xAccountType)",
});

const EnterprisePersonSchema = Type.Object(
  {
    legel_name: Type.String({ maxLength: 128, description: 'Legal representative (sic)' }),
    legel_id_number: Type.String({ maxLength: 64, description: 'Their ID number (sic)' }),
    certifier_role: Type.Optional(Type.String({ maxLength: 32, description: 'e.g. legalPerson' })),
  },
  { additionalProperties: false },
);

export const PersonalRealnameRequestSchema = Type.Object(
  {
    customer_id: CustomerIdSchema,
    identify_type: Type.Integer({ description: '0 identity document, 4 bank card' }),
    verified_type: Type.Optional(
      Type.Integer({ description: 'Required for identify_type 0: 3, 5, 6, 9 or 10' }),
    ),
    verified_file_url: FileUrlsSchema,
    name: Type.String({ maxLength: 256 }),
    verified_number: Type.String({ maxLength: 128 }),
    change_type: Type.Optional(Type.Integer({ description: '-1 first verification' })),
    xaccount_type: XaccountTypeSchema,
    bank_card_info: Type.Optional(
      Type.Object(
        {
          bank_account: Type.String({ maxLength: 64 }),
          areacode: Type.String({ maxLength: 8, description: 'e.g. 0086' }),
          mobile: Type.String({ maxLength: 32 }),
          verification_code: Type.String({
            maxLength: 16,
            description: 'From SendVerificationMessageCode, scene 18',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const enterpriseProperties = {
  customer_id: CustomerIdSchema,
  identify_type: Type.Integer({ description: '1 organisation document' }),
  certificate_type: Type.Optional(Type.Integer({ description: '0, 1, 2, 3, 4 or 99' })),
  verified_file_url: FileUrlsSchema,
  corp_name: Type.String({ maxLength: 256 }),
  verified_number: Type.String({ maxLength: 128 }),
  reg_country: Type.Optional(Type.Union([Type.String({ maxLength: 8 }), Type.Null()])),
  reg_address: Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()])),
  xaccount_type: XaccountTypeSchema,
  enterprise_person: Type.Optional(EnterprisePersonSchema),
};

export const EnterpriseRealnameRequestSchema = Type.Object(enterpriseProperties, {
  additionalProperties: false,
});

export const ChangeRealnameRequestSchema = Type.Object(
  {
    ...enterpriseProperties,
    change_type: Type.Integer({ description: '1 individual to enterprise' }),
  },
  { additionalProperties: false },
);

export const IsReviewResponseSchema = Type.Object(
  {
    is_review: Type.Integer({ description: '1: manual review; poll the review result' }),
  },
  { additionalProperties: false },
);

export const ReviewResultQuerySchema = Type.Object(
  { customer_id: CustomerIdSchema },
  { additionalProperties: false },
);

export const ReviewResultResponseSchema = Type.Object(
  {
    review_result: Type.Integer({ description: '0 in review, 1 rejected, 2 approved' }),
    opinion: Type.String({ description: 'Rejection reason' }),
  },
  { additionalProperties: false },
);

export const RealnameUploadSchema = Type.Object(
  { enabled: Type.Boolean({ description: '"实名认证附件上传" switch' }) },
  { additionalProperties: false },
);

export const ListRealnameQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union(realnameStatuses.map((status) => Type.Literal(status)))),
    ...pagingProperties(),
  },
  { additionalProperties: false },
);

export const RealnameApplicationSchema = Type.Object(
  {
    id: Type.String(),
    partner_id: Type.String(),
    partner_name: Type.String(),
    customer_id: Type.String(),
    customer_account_name: Type.String(),
    kind: Type.Union([
      Type.Literal('individual'),
      Type.Literal('enterprise'),
      Type.Literal('change'),
    ]),
    identify_type: Type.Integer(),
    document_type: Type.Union([Type.Integer(), Type.Null()], {
      description: 'verified_type (individual) or certificate_type (enterprise)',
    }),
    name: Type.String(),
    verified_number: Type.String(),
    verified_number_masked: Type.String(),
    verified_file_url: Type.Array(Type.String()),
    reg_country: Type.Union([Type.String(), Type.Null()]),
    reg_address: Type.Union([Type.String(), Type.Null()]),
    enterprise_person: Type.Union([EnterprisePersonSchema, Type.Null()]),
    bank_card_info: Type.Union([
      Type.Object(
        { bank_account: Type.String(), areacode: Type.String(), mobile: Type.String() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    status: Type.Union(realnameStatuses.map((status) => Type.Literal(status))),
    opinion: Type.String(),
    created_at: WireTimeSchema,
    reviewed_at: Type.Optional(WireTimeSchema),
    reviewed_by: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ListRealnameResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    applications: Type.Array(RealnameApplicationSchema),
  },
  { additionalProperties: false },
);

export const RealnameIdParamsSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const RejectRealnameRequestSchema = Type.Object(
  { opinion: Type.String({ maxLength: 1024, description: 'Reason shown to the partner' }) },
  { additionalProperties: false },
);

export function fromWirePersonal(
  body: Static<typeof PersonalRealnameRequestSchema>,
): PersonalRealnameInput {
  const card = body.bank_card_info;
  return {
    customerId: body.customer_id,
    identifyType: body.identify_type,
    verifiedType: body.verified_type,
    verifiedFileUrl: body.verified_file_url,
    name: body.name,
    verifiedNumber: body.verified_number,
    changeType: body.change_type,
    xaccountType: body.xaccount_type,
    bankCardInfo: card
      ? {
          bankAccount: card.bank_account,
          areacode: card.areacode,
          mobile: card.mobile,
          verificationCode: card.verification_code,
        }
      : undefined,
  };
}

export function fromWireEnterprise(
  body: Static<typeof EnterpriseRealnameRequestSchema>,
): EnterpriseRealnameInput {
  return {
    customerId: body.customer_id,
    identifyType: body.identify_type,
    certificateType: body.certificate_type,
    verifiedFileUrl: body.verified_file_url,
    corpName: body.corp_name,
    verifiedNumber: body.verified_number,
    regCountry: body.reg_country,
    regAddress: body.reg_address,
    xaccountType: body.xaccount_type,
    enterprisePerson: body.enterprise_person,
  };
}

export function fromWireChange(
  body: Static<typeof ChangeRealnameRequestSchema>,
): ChangeRealnameInput {
  return { ...fromWireEnterprise(body), changeType: body.change_type };
}

export function toWireReviewResult(
  result: ReviewResult,
): Static<typeof ReviewResultResponseSchema> {
  return { review_result: result.reviewResult, opinion: result.opinion };
}

export function toWireRealnameApplication(
  view: RealnameApplicationView,
): Static<typeof RealnameApplicationSchema> {
  return {
    id: view.id,
    partner_id: view.partnerId,
    partner_name: view.partnerName,
    customer_id: view.customerId,
    customer_account_name: view.customerAccountName,
    kind: view.kind,
    identify_type: view.identifyType,
    document_type: view.documentType,
    name: view.name,
    verified_number: view.verifiedNumber,
    verified_number_masked: view.verifiedNumberMasked,
    verified_file_url: view.verifiedFileUrl,
    reg_country: view.regCountry,
    reg_address: view.regAddress,
    enterprise_person: view.enterprisePerson,
    bank_card_info: view.bankCardInfo,
    status: view.status,
    opinion: view.opinion,
    created_at: toWireTime(view.createdAt) ?? '',
    reviewed_at: toWireTime(view.reviewedAt),
    reviewed_by: view.reviewedBy,
  };
}

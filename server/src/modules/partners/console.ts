import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authenticatedContextOf, contextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  applyToDistributor,
  approveCertification,
  cancelInvitation,
  createPartner,
  createProgram,
  decideApplications,
  getCertification,
  getPartnerProfile,
  getResellerRights,
  inviteReseller,
  listCertifications,
  listDistributorApplications,
  listIndirectPartners,
  listOpenPrograms,
  listPartners,
  listPrograms,
  listResellerApplications,
  recordVerificationFailure,
  rejectCertification,
  requestSignUp,
  resendResellerInvitations,
  respondAsReseller,
  setResellerRights,
  submitCertification,
  unlockCertification,
  updatePartnerProfile,
  verifySignUp,
} from './service/index.ts';
import {
  ApplicationIdParamsSchema,
  ApplyToDistributorRequestSchema,
  CertificationInfoSchema,
  CertificationListItemSchema,
  CertificationSchema,
  CreatePartnerRequestSchema,
  CreateProgramRequestSchema,
  DecideApplicationsRequestSchema,
  DecideApplicationsResponseSchema,
  DistributorApplicationSchema,
  fromWireCertificationInfo,
  fromWireCreatePartner,
  fromWireCreateProgram,
  fromWireProfileUpdate,
  fromWireSignUp,
  InviteResellerRequestSchema,
  ListApplicationsQuerySchema,
  ListCertificationsQuerySchema,
  ListCertificationsResponseSchema,
  ListDistributorApplicationsResponseSchema,
  ListPartnersQuerySchema,
  ListPartnersResponseSchema,
  ListProgramsResponseSchema,
  ListResellerApplicationsResponseSchema,
  ListResellersQuerySchema,
  ListResellersResponseSchema,
  PartnerIdParamsSchema,
  PartnerProfileSchema,
  PartnerSummarySchema,
  ProgramSchema,
  RejectCertificationRequestSchema,
  ResellerApplicationSchema,
  ResellerIdParamsSchema,
  ResellerRightsSchema,
  ResendInvitationsRequestSchema,
  ResendInvitationsResponseSchema,
  SignUpRequestSchema,
  SignUpResponseSchema,
  toWireCertification,
  toWireCertificationListItem,
  toWireCreatedPartner,
  toWireDecisionResult,
  toWireDistributorApplication,
  toWirePartnerProfile,
  toWirePartnerSummary,
  toWireProgram,
  toWireReseller,
  toWireResellerApplication,
  toWireResellerRights,
  UpdateResellerRightsRequestSchema,
  toWireResendResult,
  toWireSignedUp,
  toWireSignUpRequested,
  UpdatePartnerProfileRequestSchema,
  VerifySignUpRequestSchema,
  VerifySignUpResponseSchema,
} from './wire.ts';

const signUpTags = ['Console sign-up'];
const partnerTags = ['Console partner information'];
const operatorTags = ['Console operator'];
const resellerTags = ['Console resellers'];

function registerSignUpRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/programs',
    {
      config: { auth: false },
      schema: {
        tags: signUpTags,
        summary: 'Programmes open for self sign-up',
        response: { 200: ListProgramsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      programs: (await listOpenPrograms(contextOf(request))).map(toWireProgram),
    }),
  );

  api.post(
    '/console/api/sign-up',
    {
      config: { auth: false },
      schema: {
        tags: signUpTags,
        summary: 'Start a sign-up: mails a 6-digit code valid for 30 minutes',
        body: SignUpRequestSchema,
        response: {
          200: SignUpResponseSchema,
          ...errorResponses(),
          429: Type.Ref('ErrorBody'),
        },
      },
    },
    async (request) =>
      toWireSignUpRequested(
        await requestSignUp(
          contextOf(request),
          fromWireSignUp(request.body),
          request.server.mailer,
        ),
      ),
  );

  api.post(
    '/console/api/sign-up/verify',
    {
      config: { auth: false },
      schema: {
        tags: signUpTags,
        summary: 'Complete a sign-up with the e-mailed code; creates the partner account',
        body: VerifySignUpRequestSchema,
        response: { 200: VerifySignUpResponseSchema, ...errorResponses() },
      },
    },
    async (request) => toWireSignedUp(await verifySignUp(contextOf(request), request.body)),
  );
}

function registerPartnerRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/partner/profile',
    {
      schema: {
        tags: partnerTags,
        summary: 'Basic information of the partner account',
        response: { 200: PartnerProfileSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePartnerProfile(await getPartnerProfile(authenticatedContextOf(request))),
  );

  api.put(
    '/console/api/partner/profile',
    {
      schema: {
        tags: partnerTags,
        summary: 'Edit the basic information of the partner account',
        body: UpdatePartnerProfileRequestSchema,
        response: { 200: PartnerProfileSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePartnerProfile(
        await updatePartnerProfile(
          authenticatedContextOf(request),
          fromWireProfileUpdate(request.body),
        ),
      ),
  );

  api.get(
    '/console/api/partner/certification',
    {
      schema: {
        tags: partnerTags,
        summary: 'Business-information certification status and documents',
        response: { 200: CertificationSchema, ...errorResponses() },
      },
    },
    async (request) => toWireCertification(await getCertification(authenticatedContextOf(request))),
  );

  api.post(
    '/console/api/partner/certification',
    {
      schema: {
        tags: partnerTags,
        summary: 'Submit business information for certification, or a change to it',
        body: CertificationInfoSchema,
        response: { 200: CertificationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCertification(
        await submitCertification(
          authenticatedContextOf(request),
          fromWireCertificationInfo(request.body),
        ),
      ),
  );
}

function registerOperatorRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/operator/programs',
    {
      schema: {
        tags: operatorTags,
        summary: 'All partner programmes',
        response: { 200: ListProgramsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      programs: (await listPrograms(authenticatedContextOf(request))).map(toWireProgram),
    }),
  );

  api.post(
    '/console/api/operator/programs',
    {
      schema: {
        tags: operatorTags,
        summary: 'Publish a partner programme',
        body: CreateProgramRequestSchema,
        response: { 200: ProgramSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireProgram(
        await createProgram(authenticatedContextOf(request), fromWireCreateProgram(request.body)),
      ),
  );

  api.get(
    '/console/api/operator/partners',
    {
      schema: {
        tags: operatorTags,
        summary: 'List partner accounts',
        querystring: ListPartnersQuerySchema,
        response: { 200: ListPartnersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { keyword, partner_type: partnerType } = request.query;
      const page = await listPartners(
        authenticatedContextOf(request),
        { keyword, partnerType },
        toPage(request.query),
      );
      return { total_count: page.totalCount, partners: page.items.map(toWirePartnerSummary) };
    },
  );

  api.post(
    '/console/api/operator/partners',
    {
      schema: {
        tags: operatorTags,
        summary: 'Create a partner account with its owner',
        body: CreatePartnerRequestSchema,
        response: { 200: PartnerSummarySchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCreatedPartner(
        await createPartner(authenticatedContextOf(request), fromWireCreatePartner(request.body)),
      ),
  );

  api.get(
    '/console/api/operator/certifications',
    {
      schema: {
        tags: operatorTags,
        summary: 'Business-information certifications to review',
        querystring: ListCertificationsQuerySchema,
        response: { 200: ListCertificationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { status, keyword } = request.query;
      const page = await listCertifications(
        authenticatedContextOf(request),
        { status, keyword },
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        certifications: page.items.map(toWireCertificationListItem),
      };
    },
  );

  const reviewSchema = (summary: string) => ({
    tags: operatorTags,
    summary,
    params: PartnerIdParamsSchema,
    response: { 200: CertificationListItemSchema, ...errorResponses() },
  });

  api.post(
    '/console/api/operator/certifications/:partner_id/approve',
    { schema: reviewSchema('Approve the submission under review') },
    async (request) =>
      toWireCertificationListItem(
        await approveCertification(authenticatedContextOf(request), request.params.partner_id),
      ),
  );

  api.post(
    '/console/api/operator/certifications/:partner_id/reject',
    {
      schema: {
        ...reviewSchema('Reject the submission under review with a reason'),
        body: RejectCertificationRequestSchema,
      },
    },
    async (request) =>
      toWireCertificationListItem(
        await rejectCertification(
          authenticatedContextOf(request),
          request.params.partner_id,
          request.body.reason,
        ),
      ),
  );

  api.post(
    '/console/api/operator/certifications/:partner_id/record-verification-failure',
    { schema: reviewSchema('Record a failed amount verification (the third locks)') },
    async (request) =>
      toWireCertificationListItem(
        await recordVerificationFailure(authenticatedContextOf(request), request.params.partner_id),
      ),
  );

  api.post(
    '/console/api/operator/certifications/:partner_id/unlock',
    { schema: reviewSchema('Unlock a locked certification after a ticket') },
    async (request) =>
      toWireCertificationListItem(
        await unlockCertification(authenticatedContextOf(request), request.params.partner_id),
      ),
  );
}

/** P-37 and SM-20: the distributor's resellers and cooperation requests, and the reseller's side. */
function registerResellerRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/resellers',
    {
      schema: {
        tags: resellerTags,
        summary: 'Resellers bound to the distributor (我的云经销商)',
        querystring: ListResellersQuerySchema,
        response: { 200: ListResellersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listIndirectPartners(
        authenticatedContextOf(request),
        { keyword: request.query.keyword },
        toPage(request.query),
      );
      return { total_count: page.totalCount, resellers: page.items.map(toWireReseller) };
    },
  );

  api.get(
    '/console/api/resellers/:reseller_id/rights',
    {
      schema: {
        tags: resellerTags,
        summary: 'What the distributor lets the reseller do for its customers (P-37 授权)',
        params: ResellerIdParamsSchema,
        response: { 200: ResellerRightsSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResellerRights(
        await getResellerRights(authenticatedContextOf(request), request.params.reseller_id),
      ),
  );

  api.put(
    '/console/api/resellers/:reseller_id/rights',
    {
      schema: {
        tags: resellerTags,
        summary: 'Grant or withdraw the reseller’s rights (P-37 授权; on_behalf gates SM-19)',
        params: ResellerIdParamsSchema,
        body: UpdateResellerRightsRequestSchema,
        response: { 200: ResellerRightsSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResellerRights(
        await setResellerRights(authenticatedContextOf(request), {
          resellerId: request.params.reseller_id,
          onBehalf: request.body.on_behalf,
        }),
      ),
  );

  api.get(
    '/console/api/resellers/applications',
    {
      schema: {
        tags: resellerTags,
        summary: 'Cooperation applications and invitations of the distributor',
        querystring: ListApplicationsQuerySchema,
        response: { 200: ListDistributorApplicationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listDistributorApplications(
        authenticatedContextOf(request),
        { status: request.query.status },
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        applications: page.items.map(toWireDistributorApplication),
      };
    },
  );

  api.post(
    '/console/api/resellers/applications/decide',
    {
      schema: {
        tags: resellerTags,
        summary: 'Approve or reject reseller applications, one or many (partial success)',
        body: DecideApplicationsRequestSchema,
        response: { 200: DecideApplicationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireDecisionResult(
        await decideApplications(authenticatedContextOf(request), {
          applicationIds: request.body.application_ids,
          decision: request.body.decision,
          reason: request.body.reason,
        }),
      ),
  );

  api.post(
    '/console/api/resellers/invitations',
    {
      schema: {
        tags: resellerTags,
        summary: 'Invite a reseller account that works with no distributor yet',
        body: InviteResellerRequestSchema,
        response: { 200: DistributorApplicationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireDistributorApplication(
        await inviteReseller(
          authenticatedContextOf(request),
          {
            resellerAccountName: request.body.reseller_account_name,
            message: request.body.message,
          },
          request.server.mailer,
        ),
      ),
  );

  api.post(
    '/console/api/resellers/invitations/resend',
    {
      schema: {
        tags: resellerTags,
        summary: 'Send pending invitations again by e-mail, one or many (partial success)',
        body: ResendInvitationsRequestSchema,
        response: { 200: ResendInvitationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResendResult(
        await resendResellerInvitations(
          authenticatedContextOf(request),
          { applicationIds: request.body.application_ids },
          request.server.mailer,
        ),
      ),
  );

  api.post(
    '/console/api/resellers/applications/:application_id/cancel',
    {
      schema: {
        tags: resellerTags,
        summary: 'Withdraw a pending invitation',
        params: ApplicationIdParamsSchema,
        response: { 200: DistributorApplicationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireDistributorApplication(
        await cancelInvitation(authenticatedContextOf(request), request.params.application_id),
      ),
  );

  api.get(
    '/console/api/reseller/applications',
    {
      schema: {
        tags: resellerTags,
        summary: "The reseller's own cooperation applications and invitations",
        querystring: ListApplicationsQuerySchema,
        response: { 200: ListResellerApplicationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listResellerApplications(
        authenticatedContextOf(request),
        { status: request.query.status },
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        applications: page.items.map(toWireResellerApplication),
      };
    },
  );

  api.post(
    '/console/api/reseller/applications',
    {
      schema: {
        tags: resellerTags,
        summary: 'Apply to cooperate with a tier-1 distributor',
        body: ApplyToDistributorRequestSchema,
        response: { 200: ResellerApplicationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResellerApplication(
        await applyToDistributor(authenticatedContextOf(request), {
          distributorAccountName: request.body.distributor_account_name,
          message: request.body.message,
        }),
      ),
  );

  const respond = (path: string, event: 'approve' | 'reject' | 'cancel', summary: string) =>
    api.post(
      `/console/api/reseller/applications/:application_id/${path}`,
      {
        schema: {
          tags: resellerTags,
          summary,
          params: ApplicationIdParamsSchema,
          response: { 200: ResellerApplicationSchema, ...errorResponses() },
        },
      },
      async (request) =>
        toWireResellerApplication(
          await respondAsReseller(
            authenticatedContextOf(request),
            request.params.application_id,
            event,
          ),
        ),
    );
  respond('accept', 'approve', "Accept a distributor's invitation");
  respond('decline', 'reject', "Decline a distributor's invitation");
  respond('cancel', 'cancel', 'Withdraw a pending application');
}

/**
 * Console routes of the partners module: sign-up, partner information, operator back office,
 * resellers.
 */
export function registerPartnersConsoleRoutes(app: FastifyInstance): void {
  registerSignUpRoutes(app);
  registerPartnerRoutes(app);
  registerOperatorRoutes(app);
  registerResellerRoutes(app);
}

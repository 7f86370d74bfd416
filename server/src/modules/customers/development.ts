import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  attachmentDisposition,
  ExportFileResponseSchema,
  sendExportFile,
} from '../../platform/exports/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  exportInvitationAttempts,
  generateOfflineLink,
  listInvitationAttempts,
  listInvitations,
  listOfflineLinks,
  previewInvitationMail,
  renderLinkQrCode,
  resendInvitation,
  revokeInvitation,
  sendEmailInvitations,
} from './service/invitations.ts';
import {
  createPreregistration,
  decidePreregistration,
  getDevelopmentSettings,
  getReferralSetting,
  listPreregistrationReviews,
  listPreregistrations,
  setReferralEnabled,
} from './service/preregistration.ts';
import {
  CreatePreregistrationRequestSchema,
  DecidePreregistrationRequestSchema,
  DevelopmentIdParamsSchema,
  DevelopmentSettingsSchema,
  ExportAttemptsQuerySchema,
  fromWireAttemptFilters,
  fromWireInvitationFilters,
  fromWirePreregistrationFilters,
  GenerateLinkRequestSchema,
  InvitationListResponseSchema,
  InvitationResponseSchema,
  ListAttemptsQuerySchema,
  ListAttemptsResponseSchema,
  ListInvitationsQuerySchema,
  ListPreregistrationsQuerySchema,
  ListPreregistrationsResponseSchema,
  ListReviewsQuerySchema,
  ListReviewsResponseSchema,
  PartnerIdParamsSchema,
  PreregistrationResponseSchema,
  PreviewInvitationQuerySchema,
  PreviewInvitationResponseSchema,
  ReferralSettingRequestSchema,
  requestOrigin,
  SendInvitationsRequestSchema,
  SentInvitationsResponseSchema,
  toWireAttempt,
  toWireInvitation,
  toWirePreregistration,
  toWireReviewItem,
} from './invitation-wire.ts';

const tags = ['Console customer development'];
const operatorTags = ['Console operator'];
const BASE = '/console/api/customer-development';

/**
 * Console routes of customer development (P-10 销售 > 拓新 > 客户拓展): pre-registrations,
 * e-mail invitations, offline links and QR codes, the invitation history, and the operator's
 * review of pre-registrations and referral switch.
 */
export function registerCustomerDevelopmentRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    `${BASE}/settings`,
    {
      schema: {
        tags,
        summary: 'Which association types the partner may invite in (R-CUS-09)',
        response: { 200: DevelopmentSettingsSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      referral_enabled: (await getDevelopmentSettings(authenticatedContextOf(request)))
        .referralEnabled,
    }),
  );

  api.get(
    `${BASE}/preregistrations`,
    {
      schema: {
        tags,
        summary: 'Pre-registered customers (报备) in the caller’s data scope',
        querystring: ListPreregistrationsQuerySchema,
        response: { 200: ListPreregistrationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listPreregistrations(
        authenticatedContextOf(request),
        fromWirePreregistrationFilters(request.query),
        toPage(request.query),
      );
      return {
        total_count: result.totalCount,
        preregistrations: result.items.map(toWirePreregistration),
      };
    },
  );

  api.post(
    `${BASE}/preregistrations`,
    {
      schema: {
        tags,
        summary: 'Pre-register (报备) a prospect for 15 days, or send it to review (SM-1)',
        body: CreatePreregistrationRequestSchema,
        response: { 200: PreregistrationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePreregistration(
        await createPreregistration(authenticatedContextOf(request), {
          customerName: request.body.customer_name,
          contactName: request.body.contact_name,
          email: request.body.email,
          mobile: request.body.mobile,
          associationType: request.body.association_type,
        }),
      ),
  );

  api.get(
    `${BASE}/invitations`,
    {
      schema: {
        tags,
        summary:
          'Invitations (邀请记录) in the caller’s data scope, status read at the current time',
        querystring: ListInvitationsQuerySchema,
        response: { 200: InvitationListResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listInvitations(
        authenticatedContextOf(request),
        fromWireInvitationFilters(request.query),
        toPage(request.query),
      );
      return { total_count: result.totalCount, invitations: result.items.map(toWireInvitation) };
    },
  );

  api.post(
    `${BASE}/invitations`,
    {
      schema: {
        tags,
        summary: 'Invite customers by e-mail (1 to 50 addresses), valid 7 days',
        body: SendInvitationsRequestSchema,
        response: { 200: SentInvitationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      invitations: (
        await sendEmailInvitations(
          authenticatedContextOf(request),
          {
            emails: request.body.emails,
            associationType: request.body.association_type,
            preregistrationId: request.body.preregistration_id,
            origin: requestOrigin(request),
          },
          request.server.mailer,
        )
      ).map(toWireInvitation),
    }),
  );

  api.get(
    `${BASE}/invitations/preview`,
    {
      schema: {
        tags,
        summary: 'The invitation e-mail as the invitee gets it (预览邮件内容)',
        querystring: PreviewInvitationQuerySchema,
        response: { 200: PreviewInvitationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      previewInvitationMail(authenticatedContextOf(request), {
        associationType: request.query.association_type,
        origin: requestOrigin(request),
      }),
  );

  api.post(
    `${BASE}/invitations/:id/resend`,
    {
      schema: {
        tags,
        summary: 'Resend an e-mail invitation; valid 7 days from now',
        params: DevelopmentIdParamsSchema,
        response: { 200: InvitationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireInvitation(
        await resendInvitation(
          authenticatedContextOf(request),
          request.params.id,
          requestOrigin(request),
          request.server.mailer,
        ),
      ),
  );

  api.post(
    `${BASE}/invitations/:id/revoke`,
    {
      schema: {
        tags,
        summary: 'Revoke an invitation; its link stops working',
        params: DevelopmentIdParamsSchema,
        response: { 200: InvitationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireInvitation(await revokeInvitation(authenticatedContextOf(request), request.params.id)),
  );

  api.get(
    `${BASE}/links`,
    {
      schema: {
        tags,
        summary: 'The caller’s standing offline invitation links (线下拓展)',
        response: { 200: SentInvitationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      invitations: (await listOfflineLinks(authenticatedContextOf(request))).map(toWireInvitation),
    }),
  );

  api.post(
    `${BASE}/links`,
    {
      schema: {
        tags,
        summary: 'The caller’s offline link for an association type, created on first use',
        body: GenerateLinkRequestSchema,
        response: { 200: InvitationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireInvitation(
        await generateOfflineLink(authenticatedContextOf(request), request.body.association_type),
      ),
  );

  api.get(
    `${BASE}/links/:id/qr.png`,
    {
      schema: {
        tags,
        summary: 'The QR code of an offline link (PNG)',
        params: DevelopmentIdParamsSchema,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PNG image' }),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const png = await renderLinkQrCode(
        authenticatedContextOf(request),
        request.params.id,
        requestOrigin(request),
      );
      return reply
        .type('image/png')
        .header('Content-Disposition', attachmentDisposition('invitation-qr.png'))
        .send(png);
    },
  );

  api.get(
    `${BASE}/history`,
    {
      schema: {
        tags,
        summary: 'Invitation history (历史记录): associations and failures with their cause',
        querystring: ListAttemptsQuerySchema,
        response: { 200: ListAttemptsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listInvitationAttempts(
        authenticatedContextOf(request),
        fromWireAttemptFilters(request.query),
        toPage(request.query),
      );
      return { total_count: result.totalCount, attempts: result.items.map(toWireAttempt) };
    },
  );

  api.get(
    `${BASE}/history/export`,
    {
      schema: {
        tags,
        summary: 'Download the filtered history as CSV or XLSX (names and e-mails masked)',
        querystring: ExportAttemptsQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportInvitationAttempts(
        authenticatedContextOf(request),
        fromWireAttemptFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );

  api.get(
    '/console/api/operator/preregistration-reviews',
    {
      schema: {
        tags: operatorTags,
        summary: 'Pre-registrations waiting for manual review (R-CUS-06)',
        querystring: ListReviewsQuerySchema,
        response: { 200: ListReviewsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listPreregistrationReviews(
        authenticatedContextOf(request),
        toPage(request.query),
      );
      return {
        total_count: result.totalCount,
        preregistrations: result.items.map(toWireReviewItem),
      };
    },
  );

  api.post(
    '/console/api/operator/preregistration-reviews/:id',
    {
      schema: {
        tags: operatorTags,
        summary: 'Approve (15-day reservation from now) or reject a pre-registration',
        params: DevelopmentIdParamsSchema,
        body: DecidePreregistrationRequestSchema,
        response: { 200: PreregistrationResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePreregistration(
        await decidePreregistration(authenticatedContextOf(request), request.params.id, {
          approve: request.body.approve,
          opinion: request.body.opinion ?? '',
        }),
      ),
  );

  api.get(
    '/console/api/operator/partners/:partner_id/customer-referral',
    {
      schema: {
        tags: operatorTags,
        summary: 'Whether referral (顾问销售) invitations are enabled for a partner (R-CUS-09)',
        params: PartnerIdParamsSchema,
        response: { 200: DevelopmentSettingsSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      referral_enabled: (
        await getReferralSetting(authenticatedContextOf(request), request.params.partner_id)
      ).referralEnabled,
    }),
  );

  api.put(
    '/console/api/operator/partners/:partner_id/customer-referral',
    {
      schema: {
        tags: operatorTags,
        summary: 'Enable or disable referral (顾问销售) invitations for a partner (R-CUS-09)',
        params: PartnerIdParamsSchema,
        body: ReferralSettingRequestSchema,
        response: { 200: DevelopmentSettingsSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      referral_enabled: (
        await setReferralEnabled(
          authenticatedContextOf(request),
          request.params.partner_id,
          request.body.enabled,
        )
      ).referralEnabled,
    }),
  );
}

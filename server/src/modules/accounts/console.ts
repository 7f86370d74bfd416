import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { getAccountLedger, listPartnerFunds, recordTopUp, setCreditLine } from './service/index.ts';
import {
  AccountIdParamsSchema,
  CreditLineRequestSchema,
  CreditLineResponseSchema,
  fromWireCreditLine,
  fromWireTopUp,
  IdempotencyHeadersSchema,
  LedgerQuerySchema,
  LedgerResponseSchema,
  PartnerFundsQuerySchema,
  PartnerFundsResponseSchema,
  PartnerIdParamsSchema,
  TopUpRequestSchema,
  toWireCreditLine,
  toWireLedger,
  toWirePartnerFunds,
  TransactionIdResponseSchema,
} from './wire.ts';

const operatorTags = ['Console operator'];

/** Console routes of the money core: the operator's partner funds, top-ups, credit and ledgers. */
export function registerAccountsConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/operator/partner-funds',
    {
      schema: {
        tags: operatorTags,
        summary: 'Every partner’s cash and credit',
        querystring: PartnerFundsQuerySchema,
        response: { 200: PartnerFundsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listPartnerFunds(
        authenticatedContextOf(request),
        { keyword: request.query.keyword || undefined },
        toPage(request.query),
      );
      return { total_count: page.totalCount, partners: page.items.map(toWirePartnerFunds) };
    },
  );

  api.post(
    '/console/api/operator/partners/:partner_id/top-ups',
    {
      schema: {
        tags: operatorTags,
        summary: 'Record a partner’s offline remittance (top-up)',
        headers: IdempotencyHeadersSchema,
        params: PartnerIdParamsSchema,
        body: TopUpRequestSchema,
        response: { 200: TransactionIdResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await recordTopUp(
        authenticatedContextOf(request),
        fromWireTopUp(request.params.partner_id, request.body),
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { transaction_id: result.transactionId };
    },
  );

  api.put(
    '/console/api/operator/partners/:partner_id/credit-line',
    {
      schema: {
        tags: operatorTags,
        summary: 'Set a partner’s credit line',
        params: PartnerIdParamsSchema,
        body: CreditLineRequestSchema,
        response: { 200: CreditLineResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCreditLine(
        await setCreditLine(
          authenticatedContextOf(request),
          fromWireCreditLine(request.params.partner_id, request.body),
        ),
      ),
  );

  api.get(
    '/console/api/operator/ledger-accounts/:account_id/entries',
    {
      schema: {
        tags: operatorTags,
        summary: 'The ledger of any account',
        params: AccountIdParamsSchema,
        querystring: LedgerQuerySchema,
        response: { 200: LedgerResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireLedger(
        await getAccountLedger(
          authenticatedContextOf(request),
          request.params.account_id,
          toPage(request.query),
        ),
      ),
  );
}

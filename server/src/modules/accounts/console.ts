import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import {
  exportAdjustRecords,
  getAccountLedger,
  listPartnerFunds,
  moveCustomerFundsInBatch,
  recordTopUp,
  setCreditLine,
} from './service/index.ts';
import {
  AccountIdParamsSchema,
  AdjustRecordsExportQuerySchema,
  BatchFundsRequestSchema,
  BatchFundsResponseSchema,
  fromWireAdjustRecordsQuery,
  fromWireBatchFunds,
  toWireBatchFunds,
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
const fundsTags = ['Console funds'];

/**
 * Console routes of the money core: the operator's partner funds, top-ups, credit and ledgers;
 * the partner's batch 拨款/回收 and the 调账记录 export.
 */
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

  for (const direction of ['allocate', 'reclaim'] as const) {
    api.post(
      direction === 'allocate'
        ? '/console/api/funds/allocations/batch'
        : '/console/api/funds/reclaims/batch',
      {
        schema: {
          tags: fundsTags,
          summary:
            direction === 'allocate'
              ? '批量拨款: cash to up to 100 resale customers, each item on its own'
              : '批量回收: cash back from up to 100 resale customers, each item on its own',
          headers: IdempotencyHeadersSchema,
          body: BatchFundsRequestSchema,
          response: { 200: BatchFundsResponseSchema, ...errorResponses() },
        },
      },
      async (request) =>
        toWireBatchFunds(
          await moveCustomerFundsInBatch(
            authenticatedContextOf(request),
            {
              ...fromWireBatchFunds(request.body),
              verificationCode: request.headers['x-verification-code'],
            },
            direction,
            readIdempotencyKey(request.headers['idempotency-key']),
          ),
        ),
    );
  }

  api.get(
    '/console/api/funds/adjust-records/export',
    {
      schema: {
        tags: fundsTags,
        summary: '调账记录 as CSV or XLSX (customer names masked)',
        querystring: AdjustRecordsExportQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportAdjustRecords(
        authenticatedContextOf(request),
        fromWireAdjustRecordsQuery(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );
}

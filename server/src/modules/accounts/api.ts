import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  allocateToCustomer,
  allocateToReseller,
  listAdjustRecords,
  listCustomerBalances,
  listCustomerChangeRecords,
  listPartnerBalances,
  listPartnerChangeRecords,
  reclaimFromCustomer,
  reclaimFromReseller,
  showCustomerBalances,
} from './service/index.ts';
import {
  AdjustRecordsQuerySchema,
  AdjustRecordsResponseSchema,
  CustomerBalancesRequestSchema,
  CustomerBalancesResponseSchema,
  CustomerBalancesShowResponseSchema,
  CustomerChangeRecordsQuerySchema,
  CustomerChangeRecordsResponseSchema,
  CustomerFundsRequestSchema,
  fromWireAdjustRecordsQuery,
  fromWireCustomerChangeRecordsQuery,
  fromWireCustomerFunds,
  fromWirePartnerChangeRecordsQuery,
  fromWireResellerFunds,
  IdempotencyHeadersSchema,
  PartnerBalancesQuerySchema,
  PartnerBalancesResponseSchema,
  PartnerChangeRecordsQuerySchema,
  PartnerChangeRecordsResponseSchema,
  ResellerFundsRequestSchema,
  toWireAdjustRecord,
  toWireCustomerAccountBalances,
  toWireCustomerBalance,
  toWireCustomerChangeRecords,
  toWirePartnerBalance,
  toWirePartnerChangeRecords,
  TransferIdResponseSchema,
  TransIdResponseSchema,
} from './wire.ts';

const tags = ['Accounts, balances & adjustments'];
const resellerTags = ['Reseller funds'];

/**
 * The open API of accounts and funds (catalog group 4 and the reseller fund operations), with
 * Huawei's paths and field names. Money-moving routes accept the optional `Idempotency-Key`.
 */
export function registerAccountsApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/accounts/partner-accounts/adjust-amount',
    {
      schema: {
        tags,
        summary: 'UpdateCustomerAccountAmount (拨款): cash to a resale customer',
        headers: IdempotencyHeadersSchema,
        body: CustomerFundsRequestSchema,
        response: { 200: TransferIdResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await allocateToCustomer(
        authenticatedContextOf(request),
        {
          ...fromWireCustomerFunds(request.body),
          verificationCode: request.headers['x-verification-code'],
        },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { transfer_id: result.transactionId };
    },
  );

  api.post(
    '/v2/accounts/partner-accounts/reclaim',
    {
      schema: {
        tags,
        summary: 'ReclaimToPartnerAccount (回收): cash back from a resale customer',
        headers: IdempotencyHeadersSchema,
        body: CustomerFundsRequestSchema,
        response: { 200: TransIdResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await reclaimFromCustomer(
        authenticatedContextOf(request),
        {
          ...fromWireCustomerFunds(request.body),
          verificationCode: request.headers['x-verification-code'],
        },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { trans_id: result.transactionId };
    },
  );

  api.post(
    '/v2/accounts/customer-accounts/balances/batch-query',
    {
      schema: {
        tags,
        summary: 'ListCustomersBalancesDetail: balances of resale customers',
        body: CustomerBalancesRequestSchema,
        response: { 200: CustomerBalancesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const balances = await listCustomerBalances(authenticatedContextOf(request), {
        customerIds: request.body.customer_infos.map((info) => info.customer_id),
        indirectPartnerId: request.body.indirect_partner_id || undefined,
      });
      return { customer_balances: balances.map(toWireCustomerBalance) };
    },
  );

  api.get(
    '/v3/accounts/partner-accounts/adjust-records',
    {
      schema: {
        tags,
        summary: 'ListPartnerAdjustRecords (调账记录): allocations and reclaims',
        querystring: AdjustRecordsQuerySchema,
        response: { 200: AdjustRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listAdjustRecords(
        authenticatedContextOf(request),
        fromWireAdjustRecordsQuery(request.query),
        toPage(request.query),
      );
      return { records: page.items.map(toWireAdjustRecord), total_count: page.totalCount };
    },
  );

  api.get(
    '/v2/accounts/partner-accounts/account-change-records',
    {
      schema: {
        tags,
        summary: 'ListPartnerAccountChangeRecords (收支明细): the partner account ledger',
        querystring: PartnerChangeRecordsQuerySchema,
        response: { 200: PartnerChangeRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePartnerChangeRecords(
        await listPartnerChangeRecords(
          authenticatedContextOf(request),
          fromWirePartnerChangeRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/accounts/customer-accounts/balances',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'ShowCustomerAccountBalances: the calling customer’s balances',
        response: { 200: CustomerBalancesShowResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCustomerAccountBalances(await showCustomerBalances(authenticatedContextOf(request))),
  );

  api.get(
    '/v2/accounts/customer-accounts/account-change-records',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'ListCustomerAccountChangeRecords: the calling customer’s ledger',
        querystring: CustomerChangeRecordsQuerySchema,
        response: { 200: CustomerChangeRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCustomerChangeRecords(
        await listCustomerChangeRecords(
          authenticatedContextOf(request),
          fromWireCustomerChangeRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/accounts/partner-accounts/balances',
    {
      schema: {
        tags: resellerTags,
        summary: 'ListPartnerBalances: own balances, or a reseller’s for its distributor',
        querystring: PartnerBalancesQuerySchema,
        response: { 200: PartnerBalancesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const balances = await listPartnerBalances(authenticatedContextOf(request), {
        indirectPartnerId: request.query.indirect_partner_id || undefined,
      });
      return { account_balances: balances.map(toWirePartnerBalance) };
    },
  );

  api.post(
    '/v2/accounts/partner-accounts/indirect-partner-adjust',
    {
      schema: {
        tags: resellerTags,
        summary: 'UpdateIndirectPartnerAccount: cash from the distributor to a reseller',
        headers: IdempotencyHeadersSchema,
        body: ResellerFundsRequestSchema,
        response: { 200: TransferIdResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await allocateToReseller(
        authenticatedContextOf(request),
        {
          ...fromWireResellerFunds(request.body),
          verificationCode: request.headers['x-verification-code'],
        },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { transfer_id: result.transactionId };
    },
  );

  api.post(
    '/v2/accounts/partner-accounts/indirect-partner-reclaim',
    {
      schema: {
        tags: resellerTags,
        summary: 'ReclaimIndirectPartnerAccount: cash from a reseller back to its distributor',
        headers: IdempotencyHeadersSchema,
        body: ResellerFundsRequestSchema,
        response: { 200: TransIdResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await reclaimFromReseller(
        authenticatedContextOf(request),
        {
          ...fromWireResellerFunds(request.body),
          verificationCode: request.headers['x-verification-code'],
        },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { trans_id: result.transactionId };
    },
  );
}

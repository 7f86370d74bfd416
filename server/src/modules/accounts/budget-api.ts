import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiError, Errors } from '../../platform/http/errors.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  changeCustomerFreeze,
  listBudgetAlerts,
  listCustomerBudgets,
  setCustomerBudget,
  setCustomerBudgets,
} from './service/budgets.ts';
import { customerSpendableFunds, partnerSpendableFunds } from './service/spendable.ts';
import { FUNDS_ACCOUNT_TYPES } from './service/shared.ts';
import {
  BudgetAlertsResponseSchema,
  BudgetBatchRequestSchema,
  BudgetListRequestSchema,
  BudgetListResponseSchema,
  BudgetQuerySchema,
  BudgetRequestSchema,
  BudgetResponseSchema,
  CustomerPathSchema,
  ErrorDetailsResponseSchema,
  fromWireBudget,
  fromWireBudgetBatch,
  fromWireFreeze,
  fromWireUnfreeze,
  FreezeRequestSchema,
  IndirectQuerySchema,
  SpendableFundsResponseSchema,
  toWireBudget,
  toWireBudgetAlerts,
  toWireBudgetList,
  toWireErrorDetails,
  toWireSpendable,
  UnfreezeRequestSchema,
} from './budget-wire.ts';

const tags = ['Customer budgets & freezing'];
const NoContent = Type.Null({ description: 'No content' });
const extensionTags = ['Huoban extensions'];

/**
 * Budgets and account freezing of resale customers (SM-5, R-FUND-06..12) on the catalog's paths
 * (group 16, bssintl), for solution providers and tier-1 distributors (a reseller's customers
 * through `indirect_partner_id`), plus Huoban extensions under `/v2/huoban/`: the batch budget
 * setting, a customer's budget alerts and the spendable-funds views.
 */
export function registerBudgetApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/partners/sub-customers/budget',
    {
      schema: {
        tags,
        summary: 'UpdateSubCustomerBudget (设置客户预算)',
        body: BudgetRequestSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await setCustomerBudget(authenticatedContextOf(request), fromWireBudget(request.body), {
        indirectPartnerId: request.body.indirect_partner_id || undefined,
        accountTypes: FUNDS_ACCOUNT_TYPES,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/v2/partners/sub-customers/budget',
    {
      schema: {
        tags,
        summary: 'ShowSubCustomerBudget (查询客户预算)',
        querystring: BudgetQuerySchema,
        response: { 200: BudgetResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const [budget] = await listCustomerBudgets(
        authenticatedContextOf(request),
        {
          customerIds: [request.query.customer_id],
          indirectPartnerId: request.query.indirect_partner_id || undefined,
        },
        FUNDS_ACCOUNT_TYPES,
      );
      if (!budget) {
        throw new ApiError(Errors.NOT_FOUND, { field: 'customer_id', detail: 'no budget set' });
      }
      return toWireBudget(budget);
    },
  );

  api.post(
    '/v2/partners/sub-customers/budget/query',
    {
      schema: {
        tags,
        summary: 'ListSubCustomerBudget (批量查询客户预算)',
        body: BudgetListRequestSchema,
        response: { 200: BudgetListResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const budgets = await listCustomerBudgets(
        authenticatedContextOf(request),
        {
          customerIds: request.body.customer_ids,
          indirectPartnerId: request.body.indirect_partner_id || undefined,
        },
        FUNDS_ACCOUNT_TYPES,
      );
      return toWireBudgetList(budgets);
    },
  );

  api.post(
    '/v2/partners/sub-customers/freeze',
    {
      schema: {
        tags,
        summary: 'FreezeSubCustomers (冻结客户账号)',
        body: FreezeRequestSchema,
        response: { 200: ErrorDetailsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await changeCustomerFreeze(
        authenticatedContextOf(request),
        fromWireFreeze(request.body),
        'freeze',
        FUNDS_ACCOUNT_TYPES,
      );
      return toWireErrorDetails(result);
    },
  );

  api.post(
    '/v2/partners/sub-customers/unfreeze',
    {
      schema: {
        tags,
        summary: 'UnfreezeSubCustomers (解冻客户账号)',
        body: UnfreezeRequestSchema,
        response: { 200: ErrorDetailsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await changeCustomerFreeze(
        authenticatedContextOf(request),
        fromWireUnfreeze(request.body),
        'unfreeze',
        FUNDS_ACCOUNT_TYPES,
      );
      return toWireErrorDetails(result);
    },
  );

  api.post(
    '/v2/huoban/partners/sub-customers/budgets/batch',
    {
      schema: {
        tags: extensionTags,
        summary: 'Huoban extension: 批量设置预算, per-item error_details',
        body: BudgetBatchRequestSchema,
        response: { 200: ErrorDetailsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await setCustomerBudgets(
        authenticatedContextOf(request),
        fromWireBudgetBatch(request.body),
        {
          indirectPartnerId: request.body.indirect_partner_id || undefined,
          accountTypes: FUNDS_ACCOUNT_TYPES,
        },
      );
      return toWireErrorDetails(result);
    },
  );

  api.get(
    '/v2/huoban/customers/:customer_id/budget-alerts',
    {
      schema: {
        tags: extensionTags,
        summary: 'Huoban extension: the 75/90/100 % budget alerts of a customer',
        params: CustomerPathSchema,
        querystring: IndirectQuerySchema,
        response: { 200: BudgetAlertsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const alerts = await listBudgetAlerts(
        authenticatedContextOf(request),
        {
          customerId: request.params.customer_id,
          indirectPartnerId: request.query.indirect_partner_id || undefined,
        },
        FUNDS_ACCOUNT_TYPES,
      );
      return toWireBudgetAlerts(alerts);
    },
  );

  api.get(
    '/v2/huoban/customers/:customer_id/spendable-funds',
    {
      schema: {
        tags: extensionTags,
        summary:
          'Huoban extension: what a resale customer can spend (cash, usable coupons), each source with its expiry',
        params: CustomerPathSchema,
        querystring: IndirectQuerySchema,
        response: { 200: SpendableFundsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const funds = await customerSpendableFunds(authenticatedContextOf(request), {
        customerId: request.params.customer_id,
        indirectPartnerId: request.query.indirect_partner_id || undefined,
      });
      return toWireSpendable(funds);
    },
  );

  api.get(
    '/v2/huoban/partners/spendable-funds',
    {
      schema: {
        tags: extensionTags,
        summary: 'Huoban extension: what the partner can spend (cash and credit left)',
        querystring: IndirectQuerySchema,
        response: { 200: SpendableFundsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const funds = await partnerSpendableFunds(authenticatedContextOf(request), {
        indirectPartnerId: request.query.indirect_partner_id || undefined,
      });
      return toWireSpendable(funds);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { listPartnerBudgetAlerts } from './service/budget-alerts.ts';
import {
  getOwnBudgetQuota,
  getResellerBudgetQuota,
  grantResellerBudgetQuota,
} from './service/budget-quotas.ts';
import {
  changeCustomerFreeze,
  listCustomerBudgets,
  setCustomerBudgets,
} from './service/budgets.ts';
import { CONSOLE_FUNDS_ACCOUNT_TYPES } from './service/shared.ts';
import { VerificationHeadersSchema } from './wire.ts';
import {
  BudgetBatchRequestSchema,
  BudgetListRequestSchema,
  BudgetListResponseSchema,
  fromWireBudgetBatch,
  toWireBudgetList,
} from './budget-wire.ts';
import {
  BudgetAlertListQuerySchema,
  BudgetAlertListResponseSchema,
  BudgetQuotaRequestSchema,
  BudgetQuotaResponseSchema,
  ConsoleBatchResponseSchema,
  ConsoleFreezeRequestSchema,
  fromWireBudgetQuota,
  fromWireConsoleFreeze,
  ResellerParamsSchema,
  toWireBudgetAlertList,
  toWireBudgetQuota,
  toWireConsoleBatch,
} from './budget-console-wire.ts';

const tags = ['Console budgets'];

/**
 * Console routes of budgets and freezing (P-14, SM-5, R-FUND-06..12) for every partner class —
 * a reseller too, within its distributor's grant (R-FUND-11) — the partner's budget alert list
 * (R-FUND-09) and the distributor's budget quota grant to its resellers (预算额度).
 */
export function registerBudgetConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/console/api/budgets/batch',
    {
      schema: {
        tags,
        summary: '设置预算 / 批量设置预算: overwrite each customer’s budget, each item on its own',
        headers: VerificationHeadersSchema,
        body: BudgetBatchRequestSchema,
        response: { 200: ConsoleBatchResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireConsoleBatch(
        await setCustomerBudgets(
          authenticatedContextOf(request),
          fromWireBudgetBatch(request.body),
          {
            indirectPartnerId: request.body.indirect_partner_id || undefined,
            accountTypes: CONSOLE_FUNDS_ACCOUNT_TYPES,
            verificationCode: request.headers['x-verification-code'],
          },
        ),
      ),
  );

  api.post(
    '/console/api/budgets/query',
    {
      schema: {
        tags,
        summary: 'The budgets of up to 100 customers with this period’s usage',
        body: BudgetListRequestSchema,
        response: { 200: BudgetListResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireBudgetList(
        await listCustomerBudgets(
          authenticatedContextOf(request),
          {
            customerIds: request.body.customer_ids,
            indirectPartnerId: request.body.indirect_partner_id || undefined,
          },
          CONSOLE_FUNDS_ACCOUNT_TYPES,
        ),
      ),
  );

  for (const direction of ['freeze', 'unfreeze'] as const) {
    api.post(
      `/console/api/customer-accounts/${direction}`,
      {
        schema: {
          tags,
          summary:
            direction === 'freeze'
              ? '冻结账号 / 冻结账号和资源 of up to 100 resale customers'
              : '解冻账号 / 解冻账号和资源 of up to 100 resale customers',
          body: ConsoleFreezeRequestSchema,
          response: { 200: ConsoleBatchResponseSchema, ...errorResponses() },
        },
      },
      async (request) =>
        toWireConsoleBatch(
          await changeCustomerFreeze(
            authenticatedContextOf(request),
            fromWireConsoleFreeze(request.body),
            direction,
            CONSOLE_FUNDS_ACCOUNT_TYPES,
          ),
        ),
    );
  }

  api.get(
    '/console/api/budget-alerts',
    {
      schema: {
        tags,
        summary: 'The 75/90/100 % budget alerts of the caller’s customers, newest first',
        querystring: BudgetAlertListQuerySchema,
        response: { 200: BudgetAlertListResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireBudgetAlertList(
        await listPartnerBudgetAlerts(
          authenticatedContextOf(request),
          toPage(request.query),
          CONSOLE_FUNDS_ACCOUNT_TYPES,
        ),
      ),
  );

  api.get(
    '/console/api/budget-quota',
    {
      schema: {
        tags,
        summary: '预算额度: the budget permission and quotas the reseller’s distributor granted',
        response: { 200: BudgetQuotaResponseSchema, ...errorResponses() },
      },
    },
    async (request) => toWireBudgetQuota(await getOwnBudgetQuota(authenticatedContextOf(request))),
  );

  api.get(
    '/console/api/resellers/:reseller_id/budget-quota',
    {
      schema: {
        tags,
        summary: 'The budget permission and quotas granted to one of the distributor’s resellers',
        params: ResellerParamsSchema,
        response: { 200: BudgetQuotaResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireBudgetQuota(
        await getResellerBudgetQuota(authenticatedContextOf(request), request.params.reseller_id),
      ),
  );

  api.put(
    '/console/api/resellers/:reseller_id/budget-quota',
    {
      schema: {
        tags,
        summary: 'Grant a reseller the budget permission and its monthly / one-time budget quota',
        params: ResellerParamsSchema,
        body: BudgetQuotaRequestSchema,
        response: { 200: BudgetQuotaResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireBudgetQuota(
        await grantResellerBudgetQuota(
          authenticatedContextOf(request),
          fromWireBudgetQuota(request.params.reseller_id, request.body),
        ),
      ),
  );
}

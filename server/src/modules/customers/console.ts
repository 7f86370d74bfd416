import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  assignAccountManager,
  exportConsoleCustomers,
  exportResellerCustomers,
  getConsoleCustomer,
  listAssignableMembers,
  listConsoleCustomers,
  listResellerCustomers,
  listResellerFilterOptions,
  revealCustomerContact,
  unassignAccountManager,
} from './service/index.ts';
import {
  AssignableMembersResponseSchema,
  AssignRequestSchema,
  AssignResponseSchema,
  ConsoleDetailSchema,
  ConsoleExportQuerySchema,
  ConsoleListQuerySchema,
  ConsoleListResponseSchema,
  CustomerIdParamsSchema,
  fromWireConsoleFilters,
  fromWireResellerCustomerFilters,
  ResellerCustomersExportQuerySchema,
  ResellerCustomersQuerySchema,
  ResellerCustomersResponseSchema,
  ResellerFilterOptionsResponseSchema,
  RevealRequestSchema,
  RevealResponseSchema,
  toWireConsoleCustomer,
  toWireConsoleDetail,
  toWireResellerCustomer,
  toWireResellerRef,
  UnassignRequestSchema,
  UnassignResponseSchema,
} from './wire.ts';

const tags = ['Console customers'];

/** Console routes of customer management (P-14) and customer assignment (P-19). */
export function registerCustomersConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/customers',
    {
      schema: {
        tags,
        summary: 'Customers within the caller’s data scope; e-mail and mobile masked',
        querystring: ConsoleListQuerySchema,
        response: { 200: ConsoleListResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listConsoleCustomers(
        authenticatedContextOf(request),
        fromWireConsoleFilters(request.query),
        toPage(request.query),
      );
      return {
        total_count: result.totalCount,
        customers: result.items.map(toWireConsoleCustomer),
      };
    },
  );

  api.get(
    '/console/api/customers/assignable-members',
    {
      schema: {
        tags,
        summary: 'Account managers and supervisors the caller may give customers to',
        response: { 200: AssignableMembersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      members: (await listAssignableMembers(authenticatedContextOf(request))).map((member) => ({
        id: member.id,
        user_name: member.userName,
        display_name: member.displayName,
        role_code: member.roleCode,
      })),
    }),
  );

  api.get(
    '/console/api/customers/export',
    {
      schema: {
        tags,
        summary: 'Download the filtered customers as CSV or XLSX (contacts masked)',
        querystring: ConsoleExportQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportConsoleCustomers(
        authenticatedContextOf(request),
        fromWireConsoleFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );

  api.get(
    '/console/api/customers/:customer_id',
    {
      schema: {
        tags,
        summary: 'One customer with its management periods and association records',
        params: CustomerIdParamsSchema,
        response: { 200: ConsoleDetailSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireConsoleDetail(
        await getConsoleCustomer(authenticatedContextOf(request), request.params.customer_id),
      ),
  );

  api.post(
    '/console/api/customers/:customer_id/reveal',
    {
      schema: {
        tags,
        summary: 'Show a customer’s e-mail or mobile unmasked (audited)',
        params: CustomerIdParamsSchema,
        body: RevealRequestSchema,
        response: { 200: RevealResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      value: await revealCustomerContact(
        authenticatedContextOf(request),
        request.params.customer_id,
        request.body.field,
      ),
    }),
  );

  api.post(
    '/console/api/customers/assign',
    {
      schema: {
        tags,
        summary: 'Give customers to an account manager (opens new management periods)',
        body: AssignRequestSchema,
        response: { 200: AssignResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      assigned: await assignAccountManager(authenticatedContextOf(request), {
        customerIds: request.body.customer_ids,
        memberId: request.body.member_id,
      }),
    }),
  );

  api.post(
    '/console/api/customers/unassign',
    {
      schema: {
        tags,
        summary: 'Take customers back from their account managers',
        body: UnassignRequestSchema,
        response: { 200: UnassignResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      unassigned: await unassignAccountManager(authenticatedContextOf(request), {
        customerIds: request.body.customer_ids,
      }),
    }),
  );

  registerResellerCustomerRoutes(app);
}

/** The tier-1 distributor's read-only 云经销商的客户 tab (P-14, console-spec §1.3). */
function registerResellerCustomerRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/reseller-customers',
    {
      schema: {
        tags,
        summary: 'Customers of the distributor’s resellers; e-mail and mobile masked',
        querystring: ResellerCustomersQuerySchema,
        response: { 200: ResellerCustomersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listResellerCustomers(
        authenticatedContextOf(request),
        fromWireResellerCustomerFilters(request.query),
        toPage(request.query),
      );
      return {
        total_count: result.totalCount,
        customers: result.items.map(toWireResellerCustomer),
      };
    },
  );

  api.get(
    '/console/api/reseller-customers/resellers',
    {
      schema: {
        tags,
        summary: 'The distributor’s resellers, for the 云经销商名称 filter',
        response: { 200: ResellerFilterOptionsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      resellers: (await listResellerFilterOptions(authenticatedContextOf(request))).map(
        toWireResellerRef,
      ),
    }),
  );

  api.get(
    '/console/api/reseller-customers/export',
    {
      schema: {
        tags,
        summary: 'Download the resellers’ filtered customers as CSV or XLSX (contacts masked)',
        querystring: ResellerCustomersExportQuerySchema,
        response: { 200: ExportFileResponseSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const file = await exportResellerCustomers(
        authenticatedContextOf(request),
        fromWireResellerCustomerFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );
}

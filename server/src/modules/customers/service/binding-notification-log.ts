import { and, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import {
  createExportFile,
  prefetchFirstPage,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  bindingNotifications,
  customerPartnerSettings,
  customers,
  type BindAction,
  type NotificationStatus,
} from '../schema.ts';
import {
  BINDING_NOTIFICATION_RESOURCE,
  findBindingCallbackUrl,
  insertBindingNotification,
  type BindRequestBody,
} from './binding-notifications.ts';
import { assertCaller, CONSOLE_ACCOUNT_TYPES, scopedMemberIds } from './shared.ts';

const SETTINGS_RESOURCE = 'customers.partner_settings';
const MAX_URL_LENGTH = 1024;
const EXPORT_PAGE_SIZE = 500;
const EXPORT_MAX_ROWS = 50_000;

export interface BindingCallback {
  /** '' when not configured. */
  url: string;
}

export interface BindingNotificationView {
  id: string;
  customerId: string | null;
  /** From the notification itself, so an unbound customer still shows the name it was sent with. */
  domainName: string;
  xUserId: string;
  bindAction: BindAction;
  url: string;
  isTest: boolean;
  status: NotificationStatus;
  attempts: number;
  lastAttemptAt: Date | null;
  lastResponseStatus: number | null;
  lastError: string;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface BindingNotificationFilters {
  status?: NotificationStatus | undefined;
  bindAction?: BindAction | undefined;
  isTest?: boolean | undefined;
  /** Part of the customer's account name, any case. */
  domainName?: string | undefined;
}

type NotificationRow = typeof bindingNotifications.$inferSelect;

function toView(row: NotificationRow): BindingNotificationView {
  const body = JSON.parse(row.body) as BindRequestBody;
  return {
    id: row.id,
    customerId: row.customerId,
    domainName: body.domainName,
    xUserId: body.xUserId,
    bindAction: row.bindAction,
    url: row.url,
    isTest: row.isTest,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: row.lastAttemptAt,
    lastResponseStatus: row.lastResponseStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

/**
 * Checks a callback URL: absolute http(s), at most 1024 characters, no user information (it
 * would be sent to the partner's logs in clear). '' clears the setting.
 */
export function assertCallbackUrl(url: string, field = 'url'): void {
  if (url === '') return;
  if (url.length > MAX_URL_LENGTH) {
    throw invalidParameter(field, `must be at most ${MAX_URL_LENGTH} characters`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidParameter(field, 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidParameter(field, 'must be an absolute http(s) URL');
  }
  if (parsed.username || parsed.password) {
    throw invalidParameter(field, 'must not contain a user name or password');
  }
}

/**
 * The partner's "通知结果绑定地址" (P-70).
 *
 * @throws CBC.0151 for a caller without `partner.info.view`.
 */
export async function getBindingCallback(ctx: ServiceContext): Promise<BindingCallback> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.PARTNER_INFO_VIEW);
  return { url: await findBindingCallbackUrl(ctx.db, principal.partnerId) };
}

/**
 * Sets or clears ('') the callback URL that binding notifications are POSTed to (P-70). Only
 * notifications queued afterwards use the new URL; queued ones keep the URL they were made for.
 *
 * @throws CBC.0151 without `partner.info.edit`; CBC.0100 naming `url` when it is not an absolute
 *   http(s) URL of at most 1024 characters.
 */
export async function setBindingCallback(
  ctx: ServiceContext,
  url: string,
): Promise<BindingCallback> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.PARTNER_INFO_EDIT);
  const trimmed = url.trim();
  assertCallbackUrl(trimmed);
  return withTransaction(ctx.db, async (tx) => {
    const before = await findBindingCallbackUrl(tx, principal.partnerId);
    const now = ctx.clock.now();
    await tx
      .insert(customerPartnerSettings)
      .values({ partnerId: principal.partnerId, bindingCallbackUrl: trimmed, updatedAt: now })
      .onConflictDoUpdate({
        target: customerPartnerSettings.partnerId,
        set: { bindingCallbackUrl: trimmed, updatedAt: now },
      });
    await recordAudit(ctx, tx, {
      action: 'customers.binding_callback.update',
      resourceType: SETTINGS_RESOURCE,
      resourceId: principal.partnerId,
      before: { bindingCallbackUrl: before },
      after: { bindingCallbackUrl: trimmed },
    });
    return { url: trimmed };
  });
}

/**
 * "发送测试通知": queues a notification marked as a test, with a demo customer whose names say
 * so, to the configured URL; its outcome appears in the delivery log like any other.
 *
 * @throws CBC.0151 without `partner.info.edit`; CBC.0410 when no callback URL is configured.
 */
export async function sendTestBindingNotification(
  ctx: ServiceContext,
): Promise<BindingNotificationView> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.PARTNER_INFO_EDIT);
  return withTransaction(ctx.db, async (tx) => {
    const url = await findBindingCallbackUrl(tx, principal.partnerId);
    if (url === '') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        field: 'url',
        detail: 'configure a callback URL first',
      });
    }
    const id = await insertBindingNotification(tx, ctx.clock.now(), {
      partnerId: principal.partnerId,
      customerId: null,
      url,
      isTest: true,
      body: {
        domainName: 'huoban_test_customer',
        domainId: '00000000000000000000000000000000',
        xUserId: 'huoban-test-user',
        bindAction: '0',
      },
    });
    await recordAudit(ctx, tx, {
      action: 'customers.binding_notification.test',
      resourceType: BINDING_NOTIFICATION_RESOURCE,
      resourceId: id,
      after: { url, isTest: true },
    });
    const [row] = await tx
      .select()
      .from(bindingNotifications)
      .where(
        and(
          eq(bindingNotifications.partnerId, principal.partnerId),
          eq(bindingNotifications.id, id),
        ),
      );
    if (!row) throw new Error(`test notification ${id} vanished`);
    return toView(row);
  });
}

/**
 * The notifications of the caller's partner. Members limited to their own or their team's
 * customers (R-AM data scope) see only notifications about those customers, and no tests.
 */
function logConditions(principal: Principal, filters: BindingNotificationFilters): SQL | undefined {
  const managers = scopedMemberIds(principal);
  return and(
    eq(bindingNotifications.partnerId, principal.partnerId),
    managers
      ? inArray(
          bindingNotifications.customerId,
          sql`(select ${customers.id} from ${customers} where ${and(
            eq(customers.partnerId, principal.partnerId),
            inArray(customers.accountManagerId, [...managers]),
          )})`,
        )
      : undefined,
    filters.status ? eq(bindingNotifications.status, filters.status) : undefined,
    filters.bindAction ? eq(bindingNotifications.bindAction, filters.bindAction) : undefined,
    filters.isTest === undefined ? undefined : eq(bindingNotifications.isTest, filters.isTest),
    filters.domainName
      ? ilike(
          sql`(${bindingNotifications.body}::jsonb ->> 'domainName')`,
          `%${filters.domainName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        )
      : undefined,
  );
}

async function pageOfNotifications(
  db: Db,
  where: SQL | undefined,
  page: Page,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(bindingNotifications)
    .where(where)
    .orderBy(desc(bindingNotifications.createdAt), desc(bindingNotifications.id))
    .limit(page.limit)
    .offset(page.offset);
}

/**
 * The delivery log (P-70): newest first, with attempts and the partner's last answer.
 *
 * @throws CBC.0151 for a caller without `partner.info.view`.
 */
export async function listBindingNotifications(
  ctx: ServiceContext,
  filters: BindingNotificationFilters,
  page: Page,
): Promise<PagedResult<BindingNotificationView>> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.PARTNER_INFO_VIEW);
  const where = logConditions(principal, filters);
  const [rows, [total]] = await Promise.all([
    pageOfNotifications(ctx.db, where, page),
    ctx.db.select({ value: count() }).from(bindingNotifications).where(where),
  ]);
  return { items: rows.map(toView), totalCount: total?.value ?? 0 };
}

const exportColumns: ExportColumn<BindingNotificationView>[] = [
  { header: 'Created at', value: (row) => row.createdAt, width: 20 },
  { header: 'Customer', value: (row) => row.domainName, width: 24 },
  { header: 'Customer ID', value: (row) => row.customerId ?? '', width: 34 },
  { header: 'xUserId', value: (row) => row.xUserId, width: 24 },
  { header: 'bindAction', value: (row) => row.bindAction, width: 10 },
  { header: 'Test', value: (row) => row.isTest, width: 6 },
  { header: 'Status', value: (row) => row.status, width: 10 },
  { header: 'Attempts', value: (row) => row.attempts, width: 9 },
  { header: 'Last attempt at', value: (row) => row.lastAttemptAt, width: 20 },
  { header: 'Last HTTP status', value: (row) => row.lastResponseStatus, width: 10 },
  { header: 'Last error', value: (row) => row.lastError, width: 40 },
  { header: 'Delivered at', value: (row) => row.deliveredAt, width: 20 },
  { header: 'URL', value: (row) => row.url, width: 40 },
];

async function* notificationPages(
  db: Db,
  where: SQL | undefined,
): AsyncGenerator<BindingNotificationView[]> {
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += EXPORT_PAGE_SIZE) {
    const rows = await pageOfNotifications(db, where, { offset, limit: EXPORT_PAGE_SIZE });
    if (rows.length > 0) yield rows.map(toView);
    if (rows.length < EXPORT_PAGE_SIZE) return;
  }
}

/**
 * The filtered delivery log as CSV or XLSX.
 *
 * @throws CBC.0151 for a caller without `partner.info.view`.
 */
export async function exportBindingNotifications(
  ctx: ServiceContext,
  filters: BindingNotificationFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.PARTNER_INFO_VIEW);
  return createExportFile({
    baseName: 'binding-notifications',
    format,
    at: ctx.clock.now(),
    columns: exportColumns,
    pages: await prefetchFirstPage(notificationPages(ctx.db, logConditions(principal, filters))),
  });
}

import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { newId } from '../../../platform/ids/index.ts';
import {
  enqueueJob,
  type JobDefinition,
  type JobEnvironment,
  type JobRun,
  type QueueSpec,
} from '../../../platform/jobs/index.ts';
import { RSA_SHA256_URI, type SigningKey } from '../../../platform/signing/index.ts';
import {
  bindingNotifications,
  customerPartnerSettings,
  customers,
  type BindAction,
  type NotificationStatus,
} from '../schema.ts';

/**
 * Deliveries retry with exponential backoff: 6 attempts, the retries after about 30 s, 1 min,
 * 2 min, 4 min and 8 min (each doubled, with up to as much again of jitter), so a receiver that is
 * down for a quarter of an hour still gets the notification.
 */
export const bindingNotificationQueue: QueueSpec = {
  name: 'binding-notification',
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 60,
};

/** How long one delivery attempt waits for the partner's answer. */
export const DELIVERY_TIMEOUT_MS = 5000;

export const BINDING_NOTIFICATION_RESOURCE = 'customers.binding_notification';

export interface BindingNotificationInput {
  /** The partner whose callback URL is notified (the one the customer binds to or leaves). */
  partnerId: string;
  customerId: string;
  /** "0" bound, "1" unbound. */
  bindAction: BindAction;
}

/** The JSON the catalog documents inside `bindRequest`; every value a string. */
export interface BindRequestBody {
  domainName: string;
  domainId: string;
  xUserId: string;
  bindAction: BindAction;
}

export interface BindingNotificationJobData {
  notificationId: string;
  partnerId: string;
}

/** The partner's "通知结果绑定地址", or '' when it configured none. */
export async function findBindingCallbackUrl(db: Db, partnerId: string): Promise<string> {
  const [row] = await db
    .select({ url: customerPartnerSettings.bindingCallbackUrl })
    .from(customerPartnerSettings)
    .where(eq(customerPartnerSettings.partnerId, partnerId));
  return row?.url ?? '';
}

/**
 * Writes the notification row (the delivery log entry, with the exact JSON that `bindRequest`
 * carries) and enqueues its delivery on the same transaction. Shared by real and test
 * notifications.
 */
export async function insertBindingNotification(
  tx: Db,
  now: Date,
  input: {
    partnerId: string;
    customerId: string | null;
    url: string;
    body: BindRequestBody;
    isTest: boolean;
  },
): Promise<string> {
  const id = newId();
  await tx.insert(bindingNotifications).values({
    id,
    partnerId: input.partnerId,
    customerId: input.customerId,
    bindAction: input.body.bindAction,
    url: input.url,
    body: JSON.stringify(input.body),
    isTest: input.isTest,
    status: 'pending',
    createdAt: now,
  });
  const data: BindingNotificationJobData = { notificationId: id, partnerId: input.partnerId };
  await enqueueJob(tx, bindingNotificationQueue, data);
  return id;
}

/**
 * Queues the catalog's binding notification (bindAction "0" bound, "1" unbound) for the partner's
 * callback URL, inside the caller's transaction: it is sent only if the business change commits.
 * Does nothing when the partner configured no URL (P-70 "通知结果绑定地址"). Call it after the
 * customer row carries the change; the caller has already checked that `partnerId` may act on
 * the customer, and audits the change that causes the notification.
 *
 * @returns the notification id, or null when nothing is sent.
 */
export async function queueBindingNotification(
  tx: Db,
  ctx: ServiceContext,
  input: BindingNotificationInput,
): Promise<string | null> {
  const url = await findBindingCallbackUrl(tx, input.partnerId);
  if (url === '') return null;
  // By id alone: after an unbinding the customer may no longer belong to the notified partner.
  const [customer] = await tx
    .select({
      id: customers.id,
      accountName: customers.accountName,
      xaccountId: customers.xaccountId,
    })
    .from(customers)
    .where(eq(customers.id, input.customerId));
  if (!customer) throw new Error(`binding notification for unknown customer ${input.customerId}`);
  return insertBindingNotification(tx, ctx.clock.now(), {
    partnerId: input.partnerId,
    customerId: customer.id,
    url,
    isTest: false,
    body: {
      domainName: customer.accountName,
      domainId: customer.id,
      xUserId: customer.xaccountId,
      bindAction: input.bindAction,
    },
  });
}

/**
 * The form a notification POSTs: `bindRequest` is the Base64 of the JSON, and `Signature` the
 * Base64 RSA-SHA256 signature of the `bindRequest` text itself (before URL encoding), verifiable
 * with the certificate of the SP metadata.
 */
export function bindingNotificationForm(body: string, key: SigningKey): URLSearchParams {
  const bindRequest = Buffer.from(body, 'utf8').toString('base64');
  return new URLSearchParams({
    bindRequest,
    SigAlg: RSA_SHA256_URI,
    Signature: key.sign(bindRequest),
  });
}

interface AttemptOutcome {
  responseStatus: number | null;
  /** '' when the partner answered 2xx. */
  error: string;
}

/** The start of an error answer for the log, without reading (or holding) a huge body. */
async function readSnippet(response: Response, maxBytes: number): Promise<string> {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel();
  return Buffer.concat(chunks).toString('utf8').slice(0, maxBytes);
}

async function postForm(
  url: string,
  form: URLSearchParams,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      // A redirect would turn the POST into a GET elsewhere; the partner must give the final URL.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel();
      return { responseStatus: response.status, error: '' };
    }
    const text = await readSnippet(response, 200);
    return {
      responseStatus: response.status,
      error: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { responseStatus: null, error: `no answer within ${timeoutMs} ms` };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    const message = error instanceof Error ? error.message : String(error);
    return { responseStatus: null, error: cause ? `${message}: ${cause}` : message };
  }
}

/**
 * One delivery attempt: POSTs the signed form, records the attempt on the row (attempts, status,
 * answer), and throws when the partner did not answer 2xx so that pg-boss retries with backoff.
 * The row becomes `delivered`, or `failed` once the last attempt fails.
 */
export async function deliverBindingNotification(
  env: JobEnvironment,
  key: SigningKey,
  run: JobRun<BindingNotificationJobData>,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<void> {
  const { notificationId, partnerId } = run.data;
  const [row] = await env.db
    .select()
    .from(bindingNotifications)
    .where(
      and(
        eq(bindingNotifications.partnerId, partnerId),
        eq(bindingNotifications.id, notificationId),
      ),
    );
  // A row already settled (a duplicate job after a crash) is not sent twice.
  if (!row || row.status !== 'pending') return;

  const outcome = await postForm(row.url, bindingNotificationForm(row.body, key), timeoutMs);
  const delivered = outcome.error === '';
  const status: NotificationStatus = delivered
    ? 'delivered'
    : run.isLastAttempt
      ? 'failed'
      : 'pending';
  const now = env.clock.now();
  const ctx: ServiceContext = {
    db: env.db,
    clock: env.clock,
    requestId: run.id,
    sourceIp: '',
    source: 'system',
    log: env.log,
    principal: null,
  };
  await withTransaction(env.db, async (tx) => {
    await tx
      .update(bindingNotifications)
      .set({
        attempts: sql`${bindingNotifications.attempts} + 1`,
        lastAttemptAt: now,
        lastResponseStatus: outcome.responseStatus,
        lastError: outcome.error.slice(0, 1024),
        status,
        deliveredAt: delivered ? now : null,
      })
      .where(
        and(eq(bindingNotifications.partnerId, partnerId), eq(bindingNotifications.id, row.id)),
      );
    if (status !== 'pending') {
      await recordAudit(ctx, tx, {
        partnerId,
        action: delivered
          ? 'customers.binding_notification.deliver'
          : 'customers.binding_notification.fail',
        resourceType: BINDING_NOTIFICATION_RESOURCE,
        resourceId: row.id,
        after: {
          status,
          attempts: run.attempt,
          url: row.url,
          bindAction: row.bindAction,
          customerId: row.customerId,
          lastResponseStatus: outcome.responseStatus,
          lastError: outcome.error,
        },
      });
    }
  });
  if (!delivered) {
    throw new Error(`binding notification ${row.id} attempt ${run.attempt}: ${outcome.error}`);
  }
}

/** The queue and its worker; `runtime.ts` starts it with the platform's signing key. */
export function bindingNotificationJob(deps: {
  signingKey: SigningKey;
  timeoutMs?: number;
}): JobDefinition<BindingNotificationJobData> {
  return {
    queue: bindingNotificationQueue,
    handle: (run, env) => deliverBindingNotification(env, deps.signingKey, run, deps.timeoutMs),
  };
}

import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  like,
  lt,
  lte,
  sql,
  type SQL,
} from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../../platform/db/index.ts';
import { tableRows } from '../../../platform/db/statement.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  customerListCounts,
  customerListDays,
  customers,
  type AssociationType,
  type CustomerStatus,
} from '../schema.ts';
import { memberNamesColumn, type MemberNames } from '../../org/index.ts';
import type { CustomerRow } from './shared.ts';

/** A customer of a list with its current account manager. */
export interface CustomerListItem {
  customer: CustomerRow;
  accountManager: MemberNames | null;
}

/**
 * One customer list request, split into the parts `customer_list_counts` can count (partner,
 * data scope, manager, association type, label) and the rest (text, time and id filters), which
 * only the customers table can.
 */
export interface CustomerListQuery {
  /** The owning partner, or a distributor's resellers. */
  partnerIds: readonly string[];
  /** Data scope: the members whose customers are visible, or null for all (scopedMemberIds). */
  managerIds: readonly string[] | null;
  associationType?: AssociationType | undefined;
  /** A LIKE pattern on the label; the open API matches case-sensitively, the console does not. */
  label?: { pattern: string; caseSensitive: boolean } | undefined;
  /** Only the customers of this account manager. */
  accountManagerId?: string | undefined;
  /** Only customers without an account manager. */
  unassigned?: boolean | undefined;
  /** Lists show the partner's current customers: `active`; disassociated ones only by id. */
  status?: CustomerStatus | undefined;
  /** Conditions on `customers` that the count table cannot answer. */
  conditions: readonly SQL[];
}

/** The list order: newest association first, ties by id. */
export const customerListOrder = [
  // `nulls last` (moot on a not-null column) makes the order match the index
  // `customers_partner_associated_on_id_status` exactly; PostgreSQL's plain `desc` is
  // `nulls first`.
  sql`${customers.associatedOn} desc nulls last`,
  asc(customers.id),
] as const;

/** The exact reverse of `customerListOrder`: the same index walked from its other end. */
const reversedListOrder = [
  sql`${customers.associatedOn} asc nulls first`,
  desc(customers.id),
] as const;

function partnerCondition(
  column: typeof customers.partnerId | typeof customerListCounts.partnerId,
  partnerIds: readonly string[],
): SQL {
  const [only] = partnerIds;
  return partnerIds.length === 1 && only !== undefined
    ? eq(column, only)
    : inArray(column, [...partnerIds]);
}

/** The condition on `customers` selecting the query's rows. */
export function customerWhere(query: CustomerListQuery): SQL | undefined {
  const label = query.label;
  return and(
    partnerCondition(customers.partnerId, query.partnerIds),
    query.managerIds ? inArray(customers.accountManagerId, [...query.managerIds]) : undefined,
    query.associationType ? eq(customers.associationType, query.associationType) : undefined,
    label ? (label.caseSensitive ? like : ilike)(customers.label, label.pattern) : undefined,
    query.accountManagerId ? eq(customers.accountManagerId, query.accountManagerId) : undefined,
    query.unassigned ? isNull(customers.accountManagerId) : undefined,
    query.status ? eq(customers.status, query.status) : undefined,
    ...query.conditions,
  );
}

/**
 * The number of rows `customerWhere(query)` selects. Without other conditions the count table
 * answers in a few rows (it mirrors `customers` in every transaction); otherwise the customers
 * are counted, which the text, time and id filters keep selective.
 */
async function countCustomers(db: Db, query: CustomerListQuery): Promise<number> {
  if (query.conditions.length > 0) {
    const [total] = await db.select({ value: count() }).from(customers).where(customerWhere(query));
    return total?.value ?? 0;
  }
  const result: unknown = await db.execute(sql`${countTableQuery(query)}`);
  return (result as { rows: { total: number }[] }).rows[0]?.total ?? 0;
}

/** The total of a list without text, time or id filters, from `customer_list_counts`. */
function countTableQuery(query: CustomerListQuery): SQL {
  const label = query.label;
  const where = and(
    partnerCondition(customerListCounts.partnerId, query.partnerIds),
    query.managerIds
      ? inArray(customerListCounts.accountManagerId, [...query.managerIds])
      : undefined,
    query.associationType
      ? eq(customerListCounts.associationType, query.associationType)
      : undefined,
    label
      ? (label.caseSensitive ? like : ilike)(customerListCounts.label, label.pattern)
      : undefined,
    query.accountManagerId
      ? eq(customerListCounts.accountManagerId, query.accountManagerId)
      : undefined,
    // The count table keeps "no manager" as '' (its key columns are not null).
    query.unassigned ? eq(customerListCounts.accountManagerId, '') : undefined,
    query.status ? eq(customerListCounts.status, query.status) : undefined,
  );
  return sql`select coalesce(sum(${customerListCounts.customers}), 0)::integer as "total" from ${customerListCounts} where ${where ?? sql`true`}`;
}

/** From this offset on, a page of a whole list is placed through `customer_list_days`. */
const DAY_TABLE_FROM_OFFSET = 1_000;

/** A query for all of one partner's customers in one status, which `customer_list_days` counts. */
function wholeListOf(
  query: CustomerListQuery,
): { partnerId: string; status: CustomerStatus } | null {
  const [partnerId] = query.partnerIds;
  const narrowed =
    query.managerIds !== null ||
    query.associationType !== undefined ||
    query.label !== undefined ||
    query.accountManagerId !== undefined ||
    query.unassigned === true ||
    query.conditions.length > 0;
  if (query.partnerIds.length !== 1 || partnerId === undefined || !query.status || narrowed)
    return null;
  return { partnerId, status: query.status };
}

/**
 * The day holding position `offset` of a whole list, with the number of customers in newer days,
 * and the list's total: one pass over the partner's days (a few hundred rows a year). The day is
 * the oldest one with at most `offset` customers before it; past the end it is the last day.
 */
async function dayOfPosition(
  db: Db,
  list: { partnerId: string; status: CustomerStatus },
  offset: number,
): Promise<{ day: string; before: number; totalCount: number } | null> {
  const days = db
    .select({
      day: customerListDays.day,
      before:
        sql<number>`(sum(${customerListDays.customers}) over (order by ${customerListDays.day} desc) - ${customerListDays.customers})::integer`.as(
          'before',
        ),
      totalCount: sql<number>`(sum(${customerListDays.customers}) over ())::integer`.as(
        'total_count',
      ),
    })
    .from(customerListDays)
    .where(
      and(eq(customerListDays.partnerId, list.partnerId), eq(customerListDays.status, list.status)),
    )
    .as('days');
  const [found] = await db
    .select({ day: days.day, before: days.before, totalCount: days.totalCount })
    .from(days)
    .where(lte(days.before, offset))
    .orderBy(asc(days.day))
    .limit(1);
  return found ?? null;
}

/**
 * The customers table's columns as a select list, rendered once. Drizzle renders a select of all
 * ~35 columns anew on every call, which cost more CPU than the rest of a list request together
 * (bench/customers): the page queries use this list and map the rows the way Drizzle does.
 */
const customerRows = tableRows(customers);
const customerSelectList = sql.raw(customerRows.selectList);
const renderer = new PgDialect({ casing: 'snake_case' });
const listOrderSql = sql.join([...customerListOrder], sql`, `);
/** The current account manager's names, in the page's statement rather than a query of its own. */
const accountManagerColumn = sql.raw(
  renderer.sqlToQuery(memberNamesColumn(customers.partnerId, customers.accountManagerId)).sql,
);

function toListItem(raw: Record<string, unknown>): CustomerListItem {
  return {
    customer: customerRows.toRow(raw),
    accountManager: (raw.accountManager as MemberNames | null | undefined) ?? null,
  };
}

/** The customers whose ids `pageIds` selects, in list order, with `extra` columns of `pageIds`. */
async function rowsOfPage(
  db: Db,
  pageIds: SQL,
  extra: SQL = sql``,
): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(
    sql`select ${customerSelectList}, ${accountManagerColumn} as "accountManager"${extra} from ${customers} inner join ${pageIds} on ${customers.id} = "page_ids"."id" order by ${listOrderSql}`,
  );
  return (result as { rows: Record<string, unknown>[] }).rows;
}

async function itemsOfPage(db: Db, pageIds: SQL): Promise<CustomerListItem[]> {
  return (await rowsOfPage(db, pageIds)).map(toListItem);
}

/**
 * The ids of a page as a subquery aliased `page_ids`; `withTotal` adds `total_count`, a window
 * count of every matching row (before the limit), which only selective filters can afford.
 * Written as SQL rather than with Drizzle's builder, which cost more CPU than the statement's
 * execution (bench/customers).
 */
function pageIdsQuery(
  where: SQL | undefined,
  order: readonly SQL[],
  limit: number,
  offset: number,
  withTotal = false,
): SQL {
  const total = withTotal ? sql`, (count(*) over ())::integer as "total_count"` : sql``;
  return sql`(select ${customers.id}${total} from ${customers} where ${where ?? sql`true`} order by ${sql.join([...order], sql`, `)} limit ${limit} offset ${offset}) as "page_ids"`;
}

/**
 * A page of a list with text, time or id filters, whose total only the customers table knows: the
 * filters are selective, so one statement finds the matching ids once, counts them (a window
 * count) and joins the page's rows. Null when the page is empty, whose rows carry no total.
 */
async function countedPage(
  db: Db,
  query: CustomerListQuery,
  page: Page,
): Promise<PagedResult<CustomerListItem> | null> {
  const pageIds = pageIdsQuery(
    customerWhere(query),
    customerListOrder,
    page.limit,
    page.offset,
    true,
  );
  const rows = await rowsOfPage(db, pageIds, sql.raw(`, "page_ids"."total_count" as "totalCount"`));
  const [first] = rows;
  if (!first) return null;
  return { items: rows.map(toListItem), totalCount: Number(first.totalCount) };
}

/**
 * One page of the query's customers, in list order, with their account managers and the total. Only the page's ids are
 * found in the index (deferred join). A deep page of a whole list starts at the end of its day
 * (`customer_list_days` says which day and how many customers come before it), so the index is
 * walked within that day only; any other page in the second half of its list is found from the
 * list's end, so an offset costs at most half the list.
 */
export async function pageOfCustomers(
  db: Db,
  query: CustomerListQuery,
  page: Page,
): Promise<PagedResult<CustomerListItem>> {
  const wholeList = wholeListOf(query);
  let totalCount: number | undefined;
  if (wholeList && page.offset >= DAY_TABLE_FROM_OFFSET) {
    const start = await dayOfPosition(db, wholeList, page.offset);
    if (start) {
      totalCount = start.totalCount;
      if (page.offset >= totalCount) return { items: [], totalCount };
      const walkInDay = page.offset - start.before;
      // A day can hold most of a list (a bulk import): then the usual walk is the shorter one.
      if (walkInDay < Math.min(page.offset, totalCount - page.offset)) {
        const dayEnd = new Date(`${start.day}T00:00:00Z`);
        dayEnd.setUTCDate(dayEnd.getUTCDate() + 1);
        const where = and(customerWhere(query), lt(customers.associatedOn, dayEnd));
        const pageIds = pageIdsQuery(where, customerListOrder, page.limit, walkInDay);
        return { items: await itemsOfPage(db, pageIds), totalCount };
      }
    }
  }
  if (query.conditions.length > 0) {
    const counted = await countedPage(db, query, page);
    if (counted) return counted;
  } else if (page.offset < DAY_TABLE_FROM_OFFSET) {
    // A near page walks the list from its start whatever its length: one statement reads it and,
    // as a column, its total from the count table.
    const pageIds = pageIdsQuery(customerWhere(query), customerListOrder, page.limit, page.offset);
    const rows = await rowsOfPage(db, pageIds, sql`, (${countTableQuery(query)}) as "totalCount"`);
    const [first] = rows;
    if (first) return { items: rows.map(toListItem), totalCount: Number(first.totalCount) };
  }
  totalCount ??= await countCustomers(db, query);
  if (page.offset >= totalCount) return { items: [], totalCount };
  const fromEnd = totalCount - page.offset < page.offset + page.limit;
  const limit = fromEnd ? Math.min(page.limit, totalCount - page.offset) : page.limit;
  const offset = fromEnd ? Math.max(0, totalCount - page.offset - page.limit) : page.offset;
  const order = fromEnd ? reversedListOrder : customerListOrder;
  const pageIds = pageIdsQuery(customerWhere(query), order, limit, offset);
  return { items: await itemsOfPage(db, pageIds), totalCount };
}

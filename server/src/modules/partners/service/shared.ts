import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { setUpOrganisation, type MemberRow, type OwnerCredential } from '../../org/index.ts';
import {
  ACCOUNT_NAME_PATTERN,
  EMAIL_PATTERN,
  PHONE_PATTERN,
  xaccountTypeCandidate,
} from '../rules.ts';
import { partnerPrograms, partners, type PartnerStatus, type PartnerType } from '../schema.ts';

export type PartnerRow = typeof partners.$inferSelect;
export type ProgramRow = typeof partnerPrograms.$inferSelect;

export const PARTNER_RESOURCE = 'partners.partner';
export const PROGRAM_RESOURCE = 'partners.program';
export const CERTIFICATION_RESOURCE = 'partners.certification';
export const RESELLER_APPLICATION_RESOURCE = 'partners.reseller_application';

export interface ProgramRef {
  code: string;
  name: string;
}

export interface PartnerRef {
  id: string;
  name: string;
}

/** LIKE treats `%`, `_` and the escape character as patterns; a keyword means its literal text. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function assertAccountName(name: string, field: string): void {
  if (!ACCOUNT_NAME_PATTERN.test(name)) {
    throw invalidParameter(field, 'must be 3 to 64 letters, digits, _ or -');
  }
}

export function assertEmail(value: string, field: string): void {
  if (value.length > 255 || !EMAIL_PATTERN.test(value)) {
    throw invalidParameter(field, 'is not an e-mail address');
  }
}

/** An empty phone is allowed (it is optional everywhere); anything else must look like one. */
export function assertPhone(value: string, field: string): void {
  if (value !== '' && !PHONE_PATTERN.test(value)) {
    throw invalidParameter(field, 'is not a phone number');
  }
}

/** Trims a required text and fails naming `field` when nothing is left. */
export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalidParameter(field, 'must not be blank');
  return trimmed;
}

/** Whether an account outside this module (a customer account) already uses the name. */
export type AccountNameUse = (db: Db, name: string) => Promise<boolean>;

const accountNameUses: AccountNameUse[] = [];

/**
 * Adds another kind of account to the names a new partner account must not take. The customers
 * module imports this one, so the composition root registers its check here. Registering the same
 * function again changes nothing (tests build several apps per process).
 */
export function registerAccountNameUse(use: AccountNameUse): void {
  if (!accountNameUses.includes(use)) accountNameUses.push(use);
}

/** True when a partner account already uses the name, regardless of case. */
export async function isPartnerAccountNameTaken(db: Db, name: string): Promise<boolean> {
  const [taken] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(sql`lower(${partners.name}) = lower(${name})`)
    .limit(1);
  return taken !== undefined;
}

/**
 * Account names are login names: two accounts whose names differ only in case would be told
 * apart by case alone at the login page, so names are unique regardless of case, across partner
 * accounts and every registered kind of account (customers sign in on the same page).
 *
 * @throws CBC.0409 naming `field` when the name is taken.
 */
export async function assertAccountNameFree(db: Db, name: string, field: string): Promise<void> {
  let taken = await isPartnerAccountNameTaken(db, name);
  for (const use of accountNameUses) {
    if (taken) break;
    taken = await use(db, name);
  }
  if (taken)
    throw new ApiError(Errors.CONFLICT, { field, detail: 'the account name is already taken' });
}

export async function findProgramById(db: Db, id: string): Promise<ProgramRow | null> {
  const [row] = await db.select().from(partnerPrograms).where(eq(partnerPrograms.id, id));
  return row ?? null;
}

export async function findProgramByCode(db: Db, code: string): Promise<ProgramRow | null> {
  const [row] = await db.select().from(partnerPrograms).where(eq(partnerPrograms.code, code));
  return row ?? null;
}

/** A partner with the names of its programme and parent distributor, for views. */
export interface PartnerWithRefs {
  partner: PartnerRow;
  program: ProgramRef | null;
  parent: PartnerRef | null;
}

const parentPartners = alias(partners, 'parent_partners');

/** The select that joins a partner to its programme and parent; callers add where/order. */
export function selectPartnersWithRefs(db: Db) {
  return db
    .select({
      partner: partners,
      programCode: partnerPrograms.code,
      programName: partnerPrograms.name,
      parentId: parentPartners.id,
      parentName: parentPartners.name,
    })
    .from(partners)
    .leftJoin(partnerPrograms, eq(partnerPrograms.id, partners.programId))
    .leftJoin(parentPartners, eq(parentPartners.id, partners.parentPartnerId));
}

export function toPartnerWithRefs(row: {
  partner: PartnerRow;
  programCode: string | null;
  programName: string | null;
  parentId: string | null;
  parentName: string | null;
}): PartnerWithRefs {
  return {
    partner: row.partner,
    program:
      row.programCode !== null && row.programName !== null
        ? { code: row.programCode, name: row.programName }
        : null,
    parent:
      row.parentId !== null && row.parentName !== null
        ? { id: row.parentId, name: row.parentName }
        : null,
  };
}

export async function findPartnerWithRefs(
  db: Db,
  partnerId: string,
): Promise<PartnerWithRefs | null> {
  const [row] = await selectPartnersWithRefs(db).where(eq(partners.id, partnerId));
  return row ? toPartnerWithRefs(row) : null;
}

export interface NewPartnerAccount {
  name: string;
  companyName: string;
  partnerType: PartnerType;
  status: PartnerStatus;
  email: string;
  phone: string;
  programId: string | null;
  parentPartnerId: string | null;
  emailVerifiedAt: Date | null;
  owner: OwnerCredential;
}

export interface CreatedAccount {
  partner: PartnerRow;
  owner: MemberRow;
}

/** `xaccount_type` must be unique; names that upper-case alike get a numbered variant. */
async function freeXaccountType(tx: Db, name: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const candidate = xaccountTypeCandidate(name, attempt);
    const [taken] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.xaccountType, candidate));
    if (!taken) return candidate;
  }
}

/**
 * Writes a partner account and its organisation (owner member, preset roles) in the caller's
 * transaction, and records the creation in the new account's trail (and in the caller's, when an
 * operator creates it). Every way an account comes to exist goes through here.
 */
export async function insertPartnerAccount(
  ctx: ServiceContext,
  tx: Db,
  input: NewPartnerAccount,
): Promise<CreatedAccount> {
  const now = ctx.clock.now();
  const [partner] = await tx
    .insert(partners)
    .values({
      id: newId(),
      name: input.name,
      companyName: input.companyName,
      partnerType: input.partnerType,
      status: input.status,
      parentPartnerId: input.parentPartnerId,
      parentAssociatedAt: input.parentPartnerId === null ? null : now,
      programId: input.programId,
      xaccountType: await freeXaccountType(tx, input.name),
      email: input.email,
      phone: input.phone,
      emailVerifiedAt: input.emailVerifiedAt,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!partner) throw new Error('partner insert returned nothing');
  const { owner } = await setUpOrganisation(ctx, tx, {
    partnerId: partner.id,
    ownerUserName: partner.name,
    ownerDisplayName: partner.name,
    ownerEmail: partner.email,
    ownerCredential: input.owner,
  });
  const after = {
    name: partner.name,
    companyName: partner.companyName,
    partnerType: partner.partnerType,
    status: partner.status,
    programId: partner.programId,
    parentPartnerId: partner.parentPartnerId,
    xaccountType: partner.xaccountType,
    email: partner.email,
  };
  const entry = {
    action: 'partners.partner.create',
    resourceType: PARTNER_RESOURCE,
    resourceId: partner.id,
    resourceName: partner.name,
    after,
  };
  await recordAudit(ctx, tx, { ...entry, partnerId: partner.id });
  if (ctx.principal) await recordAudit(ctx, tx, entry);
  return { partner, owner };
}

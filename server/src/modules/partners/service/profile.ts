import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { partners, type PartnerStatus, type PartnerType } from '../schema.ts';
import {
  assertPhone,
  findPartnerWithRefs,
  PARTNER_RESOURCE,
  requiredText,
  type PartnerRef,
  type ProgramRef,
} from './shared.ts';

/** The partner's basic information (P-80 伙伴信息 > 基本信息). */
export interface PartnerProfile {
  id: string;
  name: string;
  companyName: string;
  partnerType: PartnerType;
  status: PartnerStatus;
  xaccountType: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  industry: string;
  contactName: string;
  description: string;
  program: ProgramRef | null;
  parent: PartnerRef | null;
  createdAt: Date;
}

async function loadProfile(db: Db, partnerId: string): Promise<PartnerProfile> {
  const found = await findPartnerWithRefs(db, partnerId);
  if (!found)
    throw new ApiError(Errors.NOT_FOUND, { detail: 'the partner account does not exist' });
  const { partner, program, parent } = found;
  return {
    id: partner.id,
    name: partner.name,
    companyName: partner.companyName,
    partnerType: partner.partnerType,
    status: partner.status,
    xaccountType: partner.xaccountType,
    email: partner.email,
    phone: partner.phone,
    address: partner.address,
    website: partner.website,
    industry: partner.industry,
    contactName: partner.contactName,
    description: partner.description,
    program,
    parent,
    createdAt: partner.createdAt,
  };
}

/**
 * The caller's own partner account: company, contacts, programme and parent distributor. Every
 * role may view it (R-ORG-16).
 *
 * @throws CBC.0151 without `partner.info.view`.
 */
export async function getPartnerProfile(ctx: ServiceContext): Promise<PartnerProfile> {
  const { partnerId } = assertPermission(ctx, Permissions.PARTNER_INFO_VIEW);
  return loadProfile(ctx.db, partnerId);
}

export interface UpdatePartnerProfileInput {
  companyName?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  website?: string | undefined;
  industry?: string | undefined;
  contactName?: string | undefined;
  description?: string | undefined;
}

const editableFields = [
  'companyName',
  'phone',
  'address',
  'website',
  'industry',
  'contactName',
  'description',
] as const;
type EditableField = (typeof editableFields)[number];

function assertWebsite(value: string): void {
  if (value === '') return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter('website', 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidParameter('website', 'must be an http or https URL');
  }
}

function normalise(input: UpdatePartnerProfileInput): Partial<Record<EditableField, string>> {
  const changes: Partial<Record<EditableField, string>> = {};
  for (const field of editableFields) {
    const value = input[field];
    if (value !== undefined) changes[field] = value.trim();
  }
  if (changes.companyName !== undefined) requiredText(changes.companyName, 'company_name');
  if (changes.phone !== undefined) assertPhone(changes.phone, 'phone');
  if (changes.website !== undefined) assertWebsite(changes.website);
  return changes;
}

/**
 * Edits the basic information of the caller's partner account. The account name, type and
 * e-mail are not editable here (the e-mail changes only through a verified flow).
 *
 * @throws CBC.0151 without `partner.info.edit`; CBC.0100 naming the field for a blank company
 *   name, a malformed phone or a website that is not an http(s) URL.
 */
export async function updatePartnerProfile(
  ctx: ServiceContext,
  input: UpdatePartnerProfileInput,
): Promise<PartnerProfile> {
  const { partnerId } = assertPermission(ctx, Permissions.PARTNER_INFO_EDIT);
  const changes = normalise(input);
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(partners)
      .where(eq(partners.id, partnerId))
      .for('update');
    if (!current)
      throw new ApiError(Errors.NOT_FOUND, { detail: 'the partner account does not exist' });
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const field of editableFields) {
      const value = changes[field];
      if (value !== undefined && value !== current[field]) {
        before[field] = current[field];
        after[field] = value;
      }
    }
    if (Object.keys(after).length > 0) {
      await tx
        .update(partners)
        .set({ ...after, updatedAt: ctx.clock.now() })
        .where(eq(partners.id, partnerId));
      await recordAudit(ctx, tx, {
        action: 'partners.profile.update',
        resourceType: PARTNER_RESOURCE,
        resourceId: partnerId,
        resourceName: current.name,
        before,
        after,
      });
    }
    return loadProfile(tx, partnerId);
  });
}

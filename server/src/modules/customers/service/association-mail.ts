import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Mailer, MailMessage } from '../../../platform/mail/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  customers,
  type AssociationRequestKind,
  type AssociationRequestStatus,
} from '../schema.ts';
import type { AssociationRequestView } from './association.ts';

const kindNames: Record<AssociationRequestKind, { zh: string; en: string }> = {
  disassociate: { zh: '解除关联', en: 'disassociation' },
  switch_type: { zh: '切换关联类型', en: 'association type switch' },
};

const outcomeNames: Partial<Record<AssociationRequestStatus, { zh: string; en: string }>> = {
  approved: { zh: '同意', en: 'approved' },
  rejected: { zh: '拒绝', en: 'rejected' },
};

/** A new request to decide, the other side's decision, or the operator's failed pre-review. */
export type AssociationMailEvent = 'submitted' | 'decided' | 'review_failed';

/** What one side tells the other about a request: a new one to decide, or the decision. */
export function associationMail(input: {
  event: AssociationMailEvent;
  request: AssociationRequestView;
  partnerName: string;
  /** Who receives it: the side that did not act. */
  recipient: 'partner' | 'customer';
}): Omit<MailMessage, 'to'> {
  const { request, partnerName } = input;
  const kind = kindNames[request.kind];
  const customer = request.customerAccountName;
  if (input.event === 'submitted') {
    return input.recipient === 'customer'
      ? {
          subject: `${partnerName} 申请${kind.zh} / requests a ${kind.en}`,
          text: [
            `您好，${partnerName} 申请与您${kind.zh}，原因：${request.reason}`,
            '请登录客户中心“我的合作伙伴”同意或拒绝。',
            '',
            `Hello, ${partnerName} requests a ${kind.en}. Reason: ${request.reason}`,
            'Sign in to the customer portal (My partner) to agree or refuse.',
          ].join('\n'),
        }
      : {
          subject: `客户 ${customer} 申请${kind.zh} / customer ${customer} applies for ${kind.en}`,
          text: [
            `客户 ${customer} 申请${kind.zh}，原因：${request.reason}`,
            '请管理员在“客户管理 > 管理关联记录”中同意或驳回。',
            '',
            `Customer ${customer} applies for ${kind.en}. Reason: ${request.reason}`,
            'An administrator approves or rejects it under Customer management > Association records.',
          ].join('\n'),
        };
  }
  if (input.event === 'review_failed') {
    const contact = request.reviewerContact ? request.reviewerContact : '-';
    return {
      subject: `${kind.zh}申请预审不通过 / ${kind.en} request failed pre-review: ${customer}`,
      text: [
        `您对客户 ${customer} 的${kind.zh}申请预审不通过，原因：${request.reviewOpinion}`,
        `如有疑问请联系审核人员：${contact}`,
        '',
        `Your ${kind.en} request for customer ${customer} failed the pre-review. Reason: ${request.reviewOpinion}`,
        `Questions: contact the reviewers at ${contact}`,
      ].join('\n'),
    };
  }
  const outcome = outcomeNames[request.status] ?? { zh: request.status, en: request.status };
  const who = input.recipient === 'partner' ? `客户 ${customer}` : partnerName;
  const whoEn = input.recipient === 'partner' ? `Customer ${customer}` : partnerName;
  const opinion = request.opinion ? `（${request.opinion}）` : '';
  const opinionEn = request.opinion ? ` (${request.opinion})` : '';
  return {
    subject: `${kind.zh}申请已${outcome.zh} / ${kind.en} request ${outcome.en}`,
    text: [
      `${who} 已${outcome.zh}${kind.zh}申请${opinion}。`,
      '',
      `${whoEn} ${outcome.en} the ${kind.en} request${opinionEn}.`,
    ].join('\n'),
  };
}

/**
 * Tells the side that did not act about a request or a decision (R-DIS-05: the partner learns the
 * customer's decision), after the commit: a failed send is logged, since the change stands.
 */
export async function notifyAssociationCounterparty(
  ctx: ServiceContext,
  mailer: Mailer,
  input: {
    event: AssociationMailEvent;
    request: AssociationRequestView;
    partnerId: string;
    recipient: 'partner' | 'customer';
  },
): Promise<void> {
  const partner = await findPartnerById(ctx.db, input.partnerId);
  const partnerName = partner?.companyName || partner?.name || '';
  let to = partner?.email ?? '';
  if (input.recipient === 'customer') {
    const [customer] = await ctx.db
      .select({ email: customers.email })
      .from(customers)
      .where(
        and(eq(customers.partnerId, input.partnerId), eq(customers.id, input.request.customerId)),
      );
    to = customer?.email ?? '';
  }
  if (to === '') return;
  try {
    await mailer.send({ to, ...associationMail({ ...input, partnerName }) });
  } catch (error) {
    ctx.log.error({ err: error, requestId: input.request.id }, 'association mail not sent');
  }
}

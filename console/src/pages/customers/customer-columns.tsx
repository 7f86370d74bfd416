import type { ProColumns } from '@ant-design/pro-components';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { AssignableMember, AssociationType, Customer, MemberRef } from '../../api/types';
import { ContactReveal } from './contact-reveal';

const associationColors: Record<AssociationType, string> = { '1': 'blue', '2': 'purple' };

/** 关联类型 as a ProTable `valueEnum`: '1' referral (顾问销售), '2' resale (代售). */
export function associationTypeEnum(t: TFunction<'customers'>) {
  return {
    '1': { text: t('associationType.1') },
    '2': { text: t('associationType.2') },
  };
}

export function AssociationTag({ t, value }: { t: TFunction<'customers'>; value: string }) {
  const known = value === '1' || value === '2';
  return (
    <Tag color={known ? associationColors[value] : 'default'}>
      {known ? t(`associationType.${value}`) : value}
    </Tag>
  );
}

/** `显示名 (user_name)`, or a dash when nobody manages the customer. */
export function managerText(manager: MemberRef | null): string {
  if (!manager) return '-';
  return manager.display_name
    ? `${manager.display_name} (${manager.user_name})`
    : manager.user_name;
}

type VerifiedStatus = '-1' | '0' | '1' | '2';
const verifiedStatuses: readonly string[] = ['-1', '0', '1', '2'] satisfies VerifiedStatus[];

/** 实名认证状态: -1 none, 0 under review, 1 rejected, 2 verified (Huawei's codes). */
export function verifiedText(t: TFunction<'customers'>, value: string): string {
  return verifiedStatuses.includes(value) ? t(`verifiedStatus.${value as VerifiedStatus}`) : value;
}

interface CustomerColumnOptions {
  t: TFunction<'customers'>;
  members: readonly AssignableMember[];
  /** Offer the account-manager filter only where the member list may be read. */
  canFilterByManager: boolean;
  actions: ProColumns<Customer>;
  /** 预算 / 预算使用率 of a row, where the user may read budgets. */
  budgetColumn?: ProColumns<Customer> | undefined;
}

/** 客户管理 / 客户分配 columns and their search fields (P-14, P-19). */
export function customerColumns({
  t,
  members,
  canFilterByManager,
  actions,
  budgetColumn,
}: CustomerColumnOptions): ProColumns<Customer>[] {
  return [
    {
      title: t('fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('keywordPlaceholder') },
    },
    {
      title: t('fields.customer'),
      dataIndex: 'account_name',
      search: false,
      width: 220,
      fixed: 'left',
      render: (_, customer) => (
        <Space direction="vertical" size={0}>
          <Link to={`/sales/customers/detail/${encodeURIComponent(customer.customer_id)}`}>
            {customer.account_name}
          </Link>
          {customer.customer_name && (
            <Typography.Text type="secondary">{customer.customer_name}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('fields.customerId'),
      dataIndex: 'customer_id',
      search: false,
      width: 200,
      ellipsis: true,
      copyable: true,
    },
    {
      title: t('fields.associationType'),
      dataIndex: 'association_type',
      valueType: 'select',
      width: 120,
      valueEnum: associationTypeEnum(t),
      render: (_, customer) => <AssociationTag t={t} value={customer.association_type} />,
    },
    {
      title: t('fields.associatedOn'),
      dataIndex: 'associated_on',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('fields.accountManager'),
      dataIndex: 'account_manager_id',
      valueType: 'select',
      search: canFilterByManager ? undefined : false,
      width: 180,
      fieldProps: {
        showSearch: true,
        options: members.map((member) => ({ value: member.id, label: managerText(member) })),
      },
      render: (_, customer) => managerText(customer.account_manager),
    },
    {
      title: t('fields.assignment'),
      dataIndex: 'unassigned',
      valueType: 'select',
      hideInTable: true,
      valueEnum: { true: { text: t('unassignedOnly') } },
    },
    {
      title: t('fields.mobile'),
      dataIndex: 'mobile',
      search: false,
      width: 170,
      render: (_, customer) => (
        <ContactReveal customerId={customer.customer_id} field="mobile" masked={customer.mobile} />
      ),
    },
    {
      title: t('fields.email'),
      dataIndex: 'email',
      search: false,
      width: 230,
      render: (_, customer) => (
        <ContactReveal customerId={customer.customer_id} field="email" masked={customer.email} />
      ),
    },
    {
      title: t('fields.label'),
      dataIndex: 'label',
      width: 120,
      render: (_, customer) => (customer.label ? <Tag>{customer.label}</Tag> : '-'),
    },
    {
      title: t('fields.verifiedStatus'),
      dataIndex: 'verified_status',
      search: false,
      width: 120,
      render: (_, customer) => verifiedText(t, customer.verified_status),
    },
    {
      title: t('fields.frozen'),
      dataIndex: 'is_frozen',
      search: false,
      width: 100,
      render: (_, customer) =>
        customer.is_frozen ? <Tag color="error">{t('frozen')}</Tag> : <Tag>{t('normal')}</Tag>,
    },
    ...(budgetColumn ? [budgetColumn] : []),
    actions,
  ];
}

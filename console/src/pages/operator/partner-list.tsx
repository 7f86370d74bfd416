import { PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Button, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { PartnerQuery, PartnerSummary } from '../../api/types';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { maskEmail, maskPhone } from '../../components/mask';
import { SensitiveTitle, useSensitiveToggle } from '../../components/sensitive';
import { StatusTag, toValueEnum } from '../../components/status-tag';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import {
  certificationStatusOptions,
  partnerStatusOptions,
  partnerTypeText,
} from '../partners/partner-labels';
import { PartnerForm } from './partner-form';
import { operatorQueries } from './queries';

async function loadPartners(
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const query = { ...filters, ...page } as PartnerQuery;
  const result = await queryClient.query(operatorQueries.partners(query));
  return { rows: result.partners, total: result.total_count };
}

/** 运营 > 伙伴管理: the provider's list of partner accounts, and creating one with its owner. */
export function PartnerList() {
  const { t } = useTranslation('operator');
  const { t: tp } = useTranslation('partners');
  const actionRef = useRef<ActionType>(null);
  const sensitive = useSensitiveToggle();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const statusOptions = partnerStatusOptions(tp);
  const certificationOptions = certificationStatusOptions(tp);
  const typeEnum = Object.fromEntries(
    (['solution_provider', 'tier1_distributor', 'reseller'] as const).map((type) => [
      type,
      { text: partnerTypeText(tp, type) },
    ]),
  );

  const columns: ProColumns<PartnerSummary>[] = [
    {
      title: t('partners.fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('partners.keywordPlaceholder') },
    },
    {
      title: t('partners.fields.name'),
      dataIndex: 'name',
      width: 160,
      search: false,
      render: (_, partner) => (
        <Typography.Text copyable={{ text: partner.id }}>{partner.name}</Typography.Text>
      ),
    },
    {
      title: t('partners.fields.companyName'),
      dataIndex: 'company_name',
      width: 200,
      ellipsis: true,
      search: false,
    },
    {
      title: t('partners.fields.partnerType'),
      dataIndex: 'partner_type',
      width: 130,
      valueType: 'select',
      valueEnum: typeEnum,
    },
    {
      title: t('partners.fields.status'),
      dataIndex: 'status',
      width: 110,
      search: false,
      render: (_, partner) => <StatusTag value={partner.status} options={statusOptions} />,
    },
    {
      title: t('partners.fields.certification'),
      dataIndex: 'certification_status',
      width: 150,
      search: false,
      valueEnum: toValueEnum(certificationOptions),
      render: (_, partner) => (
        <StatusTag value={partner.certification_status} options={certificationOptions} />
      ),
    },
    {
      title: t('partners.fields.program'),
      dataIndex: ['program', 'name'],
      width: 180,
      ellipsis: true,
      search: false,
    },
    {
      title: t('partners.fields.parent'),
      dataIndex: ['parent', 'name'],
      width: 140,
      search: false,
    },
    {
      title: (
        <SensitiveTitle
          title={t('partners.fields.email')}
          revealed={sensitive.revealed}
          onToggle={sensitive.toggle}
        />
      ),
      dataIndex: 'email',
      width: 220,
      ellipsis: true,
      search: false,
      render: (_, partner) =>
        (sensitive.revealed ? partner.email : maskEmail(partner.email)) || '-',
    },
    {
      title: (
        <SensitiveTitle
          title={t('partners.fields.phone')}
          revealed={sensitive.revealed}
          onToggle={sensitive.toggle}
        />
      ),
      dataIndex: 'phone',
      width: 150,
      search: false,
      render: (_, partner) =>
        (sensitive.revealed ? partner.phone : maskPhone(partner.phone)) || '-',
    },
    {
      title: t('partners.fields.xaccountType'),
      dataIndex: 'xaccount_type',
      width: 220,
      search: false,
      copyable: true,
    },
    {
      title: t('partners.fields.createdAt'),
      dataIndex: 'created_at',
      width: 170,
      valueType: 'dateTime',
      search: false,
    },
  ];

  const csvColumns: CsvColumn<PartnerSummary>[] = [
    { title: t('partners.fields.name'), value: (partner) => partner.name },
    { title: t('partners.fields.companyName'), value: (partner) => partner.company_name },
    {
      title: t('partners.fields.partnerType'),
      value: (partner) => partnerTypeText(tp, partner.partner_type),
    },
    {
      title: t('partners.fields.status'),
      value: (partner) => statusOptions[partner.status]?.text ?? partner.status,
    },
    {
      title: t('partners.fields.certification'),
      value: (partner) => certificationOptions[partner.certification_status].text,
    },
    { title: t('partners.fields.program'), value: (partner) => partner.program?.name ?? '' },
    { title: t('partners.fields.parent'), value: (partner) => partner.parent?.name ?? '' },
    { title: t('partners.fields.email'), value: (partner) => maskEmail(partner.email) },
    { title: t('partners.fields.phone'), value: (partner) => maskPhone(partner.phone) },
    { title: t('partners.fields.xaccountType'), value: (partner) => partner.xaccount_type },
    {
      title: t('partners.fields.createdAt'),
      value: (partner) => formatDateTime(partner.created_at),
    },
  ];

  return (
    <PageShell title={t('partners.title')} content={t('partners.intro')}>
      <ProTable<PartnerSummary, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadPartners(current, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        scroll={{ x: 1700 }}
        columnsState={{ defaultValue: { created_at: { show: false } } }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('partners.listTitle')}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('partners.exportName')}
            columns={csvColumns}
            fetchRows={() => fetchAllRows((page) => loadPartners(filters, page))}
          />,
          <PartnerForm
            key="create"
            onSaved={() => void actionRef.current?.reload()}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('partners.create')}
              </Button>
            }
          />,
        ]}
      />
    </PageShell>
  );
}

import {
  ModalForm,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Drawer, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { failIf } from '../../components/form-rules';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import { partnerTypeText } from '../partners/partner-labels';
import { isMoveAmount, newIdempotencyKey } from './funds-rules';
import {
  partnerFundsQueries,
  useAccountLedger,
  useRecordTopUp,
  useSetCreditLine,
  type PartnerFunds,
} from './partner-funds-queries';

const CURRENCY = 'CNY';

async function loadFunds(filters: Record<string, string>, page: { offset: number; limit: number }) {
  const result = await queryClient.query(partnerFundsQueries.list({ ...filters, ...page }));
  return { rows: result.partners, total: result.total_count };
}

interface AmountValues {
  amount: string;
  memo?: string;
}

/** 充值: records an offline remittance, after a confirmation that names partner and amount. */
function TopUpForm({
  partner,
  onDone,
}: {
  partner: PartnerFunds;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation('operator');
  const { modal } = App.useApp();
  const topUp = useRecordTopUp();
  // One key per opening of the form: a double submit or a retry records the remittance once.
  const [key, setKey] = useState(newIdempotencyKey);
  return (
    <ModalForm<AmountValues>
      title={t('funds.topUp.title', { partner: partner.name })}
      trigger={<a>{t('funds.topUp.action')}</a>}
      modalProps={{ destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (open) setKey(newIdempotencyKey());
      }}
      onFinish={async (values) =>
        new Promise<boolean>((resolve) => {
          void modal.confirm({
            title: t('funds.topUp.confirm', {
              partner: partner.name,
              amount: values.amount.trim(),
            }),
            onCancel: () => resolve(false),
            onOk: async () => {
              try {
                await topUp.mutateAsync({
                  partnerId: partner.partner_id,
                  amount: values.amount.trim(),
                  memo: values.memo ?? '',
                  key,
                });
                notifySuccess(t('funds.topUp.done', { partner: partner.name }));
                onDone();
                resolve(true);
              } catch (error) {
                reportError(error);
                resolve(false);
              }
            },
          });
        })
      }
    >
      <ProFormText
        name="amount"
        label={t('funds.fields.amount')}
        placeholder="100000.00"
        rules={[
          { required: true, message: t('funds.amountInvalid') },
          {
            validator: (_, value: string | undefined) =>
              failIf(!isMoveAmount(value ?? ''), () => t('funds.amountInvalid')),
          },
        ]}
      />
      <ProFormText name="memo" label={t('funds.fields.memo')} fieldProps={{ maxLength: 512 }} />
    </ModalForm>
  );
}

/** 信用额度: sets the credit line; lowering it below what is used is refused by the server. */
function CreditLineForm({
  partner,
  onDone,
}: {
  partner: PartnerFunds;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation('operator');
  const { modal } = App.useApp();
  const setLine = useSetCreditLine();
  return (
    <ModalForm<AmountValues>
      title={t('funds.creditLine.title', { partner: partner.name })}
      trigger={<a>{t('funds.creditLine.action')}</a>}
      modalProps={{ destroyOnHidden: true }}
      initialValues={{ amount: partner.credit_limit }}
      onFinish={async (values) =>
        new Promise<boolean>((resolve) => {
          void modal.confirm({
            title: t('funds.creditLine.confirm', {
              partner: partner.name,
              from: partner.credit_limit,
              to: values.amount.trim(),
            }),
            onCancel: () => resolve(false),
            onOk: async () => {
              try {
                await setLine.mutateAsync({
                  partnerId: partner.partner_id,
                  creditLimit: values.amount.trim(),
                  memo: values.memo ?? '',
                });
                notifySuccess(t('funds.creditLine.done', { partner: partner.name }));
                onDone();
                resolve(true);
              } catch (error) {
                reportError(error);
                resolve(false);
              }
            },
          });
        })
      }
    >
      <ProFormText
        name="amount"
        label={t('funds.fields.creditLimit')}
        rules={[
          { required: true, message: t('funds.amountInvalid') },
          {
            validator: (_, value: string | undefined) =>
              failIf(!isMoveAmount(value ?? '', { allowZero: true }), () =>
                t('funds.amountInvalid'),
              ),
          },
        ]}
      />
      <ProFormText name="memo" label={t('funds.fields.memo')} fieldProps={{ maxLength: 512 }} />
    </ModalForm>
  );
}

/** 账本: the entries of the partner's cash or credit account, newest first. */
function LedgerDrawer({ partner, onClose }: { partner: PartnerFunds | null; onClose: () => void }) {
  const { t } = useTranslation('operator');
  const [kind, setKind] = useState<'cash' | 'credit'>('cash');
  const [page, setPage] = useState({ offset: 0, limit: 10 });
  const accountId = partner
    ? kind === 'cash'
      ? partner.cash_account_id
      : partner.credit_account_id
    : null;
  const ledger = useAccountLedger(accountId, page);
  return (
    <Drawer
      open={partner !== null}
      onClose={onClose}
      width={960}
      title={partner ? t('funds.ledger.title', { partner: partner.name }) : ''}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<'cash' | 'credit'>
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPage({ offset: 0, limit: 10 });
          }}
          options={[
            { value: 'cash', label: t('funds.ledger.cash') },
            { value: 'credit', label: t('funds.ledger.credit') },
          ]}
        />
        {accountId === null ? (
          <Empty description={t('funds.ledger.empty')} />
        ) : (
          <>
            {ledger.data && (
              <Typography.Text>
                {t('funds.ledger.balance')}{' '}
                <Money
                  value={ledger.data.account.balance}
                  currency={ledger.data.account.currency}
                />
              </Typography.Text>
            )}
            <Table
              rowKey="entry_id"
              size="small"
              loading={ledger.isFetching}
              dataSource={ledger.data?.entries ?? []}
              locale={{ emptyText: <Empty description={t('funds.ledger.empty')} /> }}
              pagination={{
                current: page.offset / page.limit + 1,
                pageSize: page.limit,
                total: ledger.data?.total_count ?? 0,
                showSizeChanger: true,
                onChange: (current, size) => setPage({ offset: (current - 1) * size, limit: size }),
              }}
              columns={[
                {
                  title: t('funds.ledger.time'),
                  dataIndex: 'occurred_at',
                  render: (value: string) => formatDateTime(value),
                },
                {
                  title: t('funds.ledger.kind'),
                  dataIndex: 'kind',
                  render: (value: string) => t(`funds.kinds.${value}`, { defaultValue: value }),
                },
                {
                  title: t('funds.ledger.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (value: string) => <Money value={value} currency={CURRENCY} />,
                },
                {
                  title: t('funds.ledger.balanceAfter'),
                  dataIndex: 'balance_after',
                  align: 'right',
                  render: (value: string) => <Money value={value} currency={CURRENCY} />,
                },
                { title: t('funds.ledger.counterparty'), dataIndex: 'counterparty_name' },
                { title: t('funds.fields.memo'), dataIndex: 'memo', ellipsis: true },
                { title: t('funds.ledger.actor'), dataIndex: 'actor_name', ellipsis: true },
                {
                  title: t('funds.ledger.transaction'),
                  dataIndex: 'transaction_id',
                  render: (value: string) => <Typography.Text copyable>{value}</Typography.Text>,
                },
              ]}
            />
          </>
        )}
      </Space>
    </Drawer>
  );
}

/** 运营 > 伙伴资金: every partner's cash and credit, top-ups, credit lines and ledgers. */
export function PartnerFundsPage() {
  const { t } = useTranslation('operator');
  const { t: tp } = useTranslation('partners');
  const actionRef = useRef<ActionType>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [ledgerOf, setLedgerOf] = useState<PartnerFunds | null>(null);
  const reload = () => void actionRef.current?.reload();

  const columns: ProColumns<PartnerFunds>[] = [
    {
      title: t('funds.fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('partners.keywordPlaceholder') },
    },
    {
      title: t('partners.fields.name'),
      dataIndex: 'name',
      width: 160,
      search: false,
      render: (_, row) => (
        <Typography.Text copyable={{ text: row.partner_id }}>{row.name}</Typography.Text>
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
      search: false,
      render: (_, row) => partnerTypeText(tp, row.partner_type),
    },
    {
      title: t('funds.fields.cash'),
      dataIndex: 'cash_balance',
      width: 160,
      align: 'right',
      search: false,
      render: (_, row) => <Money value={row.cash_balance} currency={CURRENCY} />,
    },
    {
      title: t('funds.fields.creditLimit'),
      dataIndex: 'credit_limit',
      width: 160,
      align: 'right',
      search: false,
      render: (_, row) => <Money value={row.credit_limit} currency={CURRENCY} />,
    },
    {
      title: t('funds.fields.creditAvailable'),
      dataIndex: 'credit_available',
      width: 160,
      align: 'right',
      search: false,
      render: (_, row) => <Money value={row.credit_available} currency={CURRENCY} />,
    },
    {
      title: t('funds.fields.actions'),
      valueType: 'option',
      width: 200,
      fixed: 'right',
      render: (_, row) => [
        <TopUpForm key="top-up" partner={row} onDone={reload} />,
        <CreditLineForm key="credit" partner={row} onDone={reload} />,
        <a key="ledger" onClick={() => setLedgerOf(row)}>
          {t('funds.ledger.action')}
        </a>,
      ],
    },
  ];

  const csvColumns: CsvColumn<PartnerFunds>[] = [
    { title: t('partners.fields.name'), value: (row) => row.name },
    { title: t('partners.fields.companyName'), value: (row) => row.company_name },
    { title: t('funds.fields.cash'), value: (row) => row.cash_balance },
    { title: t('funds.fields.creditLimit'), value: (row) => row.credit_limit },
    { title: t('funds.fields.creditAvailable'), value: (row) => row.credit_available },
  ];

  return (
    <PageShell title={t('funds.title')} content={t('funds.intro')}>
      <ProTable<PartnerFunds, TableParams>
        rowKey="partner_id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadFunds(current, page));
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        scroll={{ x: 1300 }}
        locale={{ emptyText: <Empty description={t('funds.empty')} /> }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('funds.listTitle')}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('funds.exportName')}
            columns={csvColumns}
            fetchRows={() => fetchAllRows((page) => loadFunds(filters, page))}
          />,
        ]}
      />
      <LedgerDrawer partner={ledgerOf} onClose={() => setLedgerOf(null)} />
    </PageShell>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import {
  FooterToolbar,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Dropdown, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../access';
import { notifySuccess, reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { Customer, CustomerQuery } from '../../api/types';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { AssignForm } from './assign-form';
import { BudgetForm } from './budget-form';
import { BudgetCell } from './budget-panels';
import { useCustomerBudgets, type FreezeDirection } from './budget-queries';
import { FreezeForm } from './freeze-form';
import type { AssociationRequestKind } from './association-queries';
import { AssociationRequestForm } from './association-request-form';
import { AuthorizationRequestForm } from './authorization-request-form';
import { customerColumns } from './customer-columns';
import { FundsForm } from './funds-form';
import type { FundsDirection } from './funds-queries';
import { canMoveFunds } from './funds-rules';
import { namesForConfirmation, toCustomerQuery } from './customer-rules';
import {
  customerQueries,
  exportCustomers,
  useAssignableMembers,
  useUnassignCustomers,
} from './queries';

const MAX_FUNDS_BATCH = 100;

interface CustomerListProps {
  /** 客户分配 opens on the customers nobody manages yet. */
  defaultUnassigned?: boolean;
}

/**
 * The customer table of 客户管理 (P-14) and 客户分配 (P-19): filters in the URL, contacts masked
 * (X1), and with `customer.assign` a batch bar to hand customers to an account manager or take
 * them back; the export (server-built, contacts masked) needs `customer.export`.
 */
export function CustomerList({ defaultUnassigned = false }: CustomerListProps) {
  const { t } = useTranslation([
    'customers',
    'common',
    'association',
    'authorization',
    'funds',
    'budgets',
  ]);
  const { modal } = App.useApp();
  const access = useAccess();
  const actionRef = useRef<ActionType>(null);
  const members = useAssignableMembers(access.canAssignCustomers).data?.members ?? [];
  const unassign = useUnassignCustomers();
  const [filters, setFilters] = useState<CustomerQuery>({});
  const [selected, setSelected] = useState<Customer[]>([]);
  const [assigning, setAssigning] = useState<Customer[] | null>(null);
  const [exporting, setExporting] = useState(false);
  const [requesting, setRequesting] = useState<{
    customer: Customer;
    kind: AssociationRequestKind;
  } | null>(null);
  const [authorizing, setAuthorizing] = useState<Customer | null>(null);
  const [funding, setFunding] = useState<{
    direction: FundsDirection;
    customers: Customer[];
  } | null>(null);
  const [pageIds, setPageIds] = useState<string[]>([]);
  const budgets = useCustomerBudgets(pageIds, access.canViewCustomers);
  const [budgeting, setBudgeting] = useState<Customer[] | null>(null);
  const [freezing, setFreezing] = useState<{
    direction: FreezeDirection;
    customers: Customer[];
  } | null>(null);
  const resaleSelected = selected.filter((customer) => canMoveFunds(customer));
  // The batch routes take 1–100 items (R-FUND-04).
  const fundsBatchHint =
    resaleSelected.length === 0
      ? t('funds:customerFunds.noResaleSelected')
      : resaleSelected.length > MAX_FUNDS_BATCH
        ? t('funds:customerFunds.tooMany', { max: MAX_FUNDS_BATCH })
        : undefined;

  const afterChange = () => {
    setSelected([]);
    actionRef.current?.clearSelected?.();
    void actionRef.current?.reload();
  };

  const confirmUnassign = (customers: Customer[]) => {
    const { shown, more } = namesForConfirmation(customers.map((c) => c.account_name));
    void modal.confirm({
      title: t('unassign.confirm', { count: customers.length }),
      content: (
        <>
          <Typography.Paragraph>{t('unassign.hint')}</Typography.Paragraph>
          <Typography.Text strong>{shown.join('、')}</Typography.Text>
          {more > 0 && <Typography.Text>{t('moreCustomers', { count: more })}</Typography.Text>}
        </>
      ),
      okText: t('unassign.action'),
      okButtonProps: { danger: true },
      onOk: async () => {
        const result = await unassign.mutateAsync(customers.map((c) => c.customer_id));
        notifySuccess(t('unassign.done', { count: result.unassigned }));
        afterChange();
      },
    });
  };

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportCustomers(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const actions: ProColumns<Customer> = {
    title: t('common:actions.operation'),
    valueType: 'option',
    fixed: 'right',
    width:
      (access.canAssignCustomers ? 200 : 80) +
      (access.canManageCustomers ? 60 : 0) +
      (access.canManageFunds ? 220 : 0),
    render: (_, customer) => [
      <Link key="detail" to={`/sales/customers/detail/${encodeURIComponent(customer.customer_id)}`}>
        {t('common:actions.detail')}
      </Link>,
      ...(access.canAssignCustomers
        ? [
            <a key="assign" onClick={() => setAssigning([customer])}>
              {t('assign.action')}
            </a>,
            ...(customer.account_manager
              ? [
                  <a key="unassign" onClick={() => confirmUnassign([customer])}>
                    {t('unassign.action')}
                  </a>,
                ]
              : []),
          ]
        : []),
      ...(access.canManageFunds && canMoveFunds(customer)
        ? [
            <a
              key="allocate"
              onClick={() => setFunding({ direction: 'allocate', customers: [customer] })}
            >
              {t('funds:customerFunds.allocateAction')}
            </a>,
            <a
              key="reclaim"
              onClick={() => setFunding({ direction: 'reclaim', customers: [customer] })}
            >
              {t('funds:customerFunds.reclaimAction')}
            </a>,
            <a key="budget" onClick={() => setBudgeting([customer])}>
              {t('budgets:set.action')}
            </a>,
            <Dropdown
              key="freeze"
              menu={{
                items: [
                  { key: 'freeze', label: t('budgets:freeze.freezeAction'), danger: true },
                  { key: 'unfreeze', label: t('budgets:freeze.unfreezeAction') },
                ],
                onClick: ({ key }) =>
                  setFreezing({ direction: key as FreezeDirection, customers: [customer] }),
              }}
            >
              <a>{t('budgets:freeze.freezeAction')}</a>
            </Dropdown>,
          ]
        : []),
      ...(access.canManageCustomers
        ? [
            <Dropdown
              key="association"
              menu={{
                items: [
                  { key: 'authorize', label: t('authorization:request.action') },
                  { key: 'switch_type', label: t('association:request.switchType') },
                  {
                    key: 'disassociate',
                    label: t('association:request.disassociate'),
                    danger: true,
                  },
                ],
                onClick: ({ key }) =>
                  key === 'authorize'
                    ? setAuthorizing(customer)
                    : setRequesting({ customer, kind: key as AssociationRequestKind }),
              }}
            >
              <a>{t('common:actions.more')}</a>
            </Dropdown>,
          ]
        : []),
    ],
  };

  return (
    <>
      <ProTable<Customer, TableParams>
        rowKey="customer_id"
        actionRef={actionRef}
        columns={customerColumns({
          t,
          members,
          canFilterByManager: access.canAssignCustomers,
          actions,
          budgetColumn: {
            title: t('budgets:column'),
            dataIndex: 'budget',
            search: false,
            width: 230,
            render: (_, customer) =>
              canMoveFunds(customer) ? (
                <BudgetCell
                  budget={budgets.data?.budget_infos.find(
                    (budget) => budget.customer_id === customer.customer_id,
                  )}
                />
              ) : (
                '-'
              ),
          },
        })}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          const query = toCustomerQuery(current);
          setFilters(query);
          return loadTablePage(async () => {
            const result = await queryClient.query(customerQueries.list({ ...query, ...page }));
            setPageIds(result.customers.map((customer) => customer.customer_id));
            return { rows: result.customers, total: result.total_count };
          });
        }}
        form={{
          syncToUrl: true,
          initialValues: defaultUnassigned ? { unassigned: 'true' } : undefined,
        }}
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
        }}
        scroll={{ x: 2100 }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('listTitle')}
        rowSelection={
          access.canAssignCustomers || access.canManageFunds
            ? {
                selectedRowKeys: selected.map((customer) => customer.customer_id),
                onChange: (_, rows) => setSelected(rows),
                preserveSelectedRowKeys: true,
              }
            : false
        }
        tableAlertRender={false}
        toolBarRender={() => [
          access.canExportCustomers && (
            <Dropdown
              key="export"
              menu={{
                items: [
                  { key: 'csv', label: t('exportCsv') },
                  { key: 'xlsx', label: t('exportXlsx') },
                ],
                onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx'),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting}>
                {t('common:actions.export')}
              </Button>
            </Dropdown>
          ),
        ]}
      />
      {selected.length > 0 && (
        <FooterToolbar
          extra={
            <span>
              {t('selected', { count: selected.length })}{' '}
              <a onClick={() => setSelected([])}>{t('clearSelection')}</a>
            </span>
          }
        >
          {access.canManageFunds && (
            <>
              <Button
                disabled={fundsBatchHint !== undefined}
                title={fundsBatchHint}
                onClick={() => setFunding({ direction: 'reclaim', customers: resaleSelected })}
              >
                {t('funds:customerFunds.batchReclaim')}
              </Button>
              <Button
                disabled={fundsBatchHint !== undefined}
                title={fundsBatchHint}
                onClick={() => setFunding({ direction: 'allocate', customers: resaleSelected })}
              >
                {t('funds:customerFunds.batchAllocate')}
              </Button>
              <Button
                disabled={fundsBatchHint !== undefined}
                title={fundsBatchHint}
                onClick={() => setFreezing({ direction: 'unfreeze', customers: resaleSelected })}
              >
                {t('budgets:freeze.batchUnfreeze')}
              </Button>
              <Button
                danger
                disabled={fundsBatchHint !== undefined}
                title={fundsBatchHint}
                onClick={() => setFreezing({ direction: 'freeze', customers: resaleSelected })}
              >
                {t('budgets:freeze.batchFreeze')}
              </Button>
              <Button
                disabled={fundsBatchHint !== undefined}
                title={fundsBatchHint}
                onClick={() => setBudgeting(resaleSelected)}
              >
                {t('budgets:set.batchAction')}
              </Button>
            </>
          )}
          {access.canAssignCustomers && (
            <>
              <Button
                onClick={() => confirmUnassign(selected)}
                disabled={!selected.some((customer) => customer.account_manager)}
              >
                {t('unassign.action')}
              </Button>
              <Button type="primary" onClick={() => setAssigning(selected)}>
                {t('assign.batchAction')}
              </Button>
            </>
          )}
        </FooterToolbar>
      )}
      {requesting && (
        <AssociationRequestForm
          customer={requesting.customer}
          kind={requesting.kind}
          open
          onOpenChange={(open) => {
            if (!open) setRequesting(null);
          }}
          onSaved={afterChange}
        />
      )}
      {authorizing && (
        <AuthorizationRequestForm
          customer={authorizing}
          open
          onOpenChange={(open) => {
            if (!open) setAuthorizing(null);
          }}
        />
      )}
      {funding && (
        <FundsForm
          direction={funding.direction}
          customers={funding.customers}
          onClose={() => setFunding(null)}
          onSaved={afterChange}
        />
      )}
      {budgeting && (
        <BudgetForm
          customers={budgeting}
          current={
            budgeting.length === 1
              ? budgets.data?.budget_infos.find(
                  (budget) => budget.customer_id === budgeting[0]?.customer_id,
                )
              : undefined
          }
          onClose={() => setBudgeting(null)}
          onSaved={afterChange}
        />
      )}
      {freezing && (
        <FreezeForm
          direction={freezing.direction}
          customers={freezing.customers}
          onClose={() => setFreezing(null)}
          onSaved={afterChange}
        />
      )}
      {assigning && (
        <AssignForm
          customers={assigning}
          open
          onOpenChange={(open) => {
            if (!open) setAssigning(null);
          }}
          onSaved={afterChange}
        />
      )}
    </>
  );
}

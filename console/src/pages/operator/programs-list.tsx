import { PlusOutlined } from '@ant-design/icons';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { Program } from '../../api/types';
import { PageShell } from '../../components/page-shell';
import { loadTablePage } from '../../components/table-request';
import { partnerTypeText } from '../partners/partner-labels';
import { ProgramForm } from './programs-form';
import { operatorQueries } from './queries';

/** 运营 > 伙伴计划: the programmes partners join, and publishing a new one. */
export function ProgramList() {
  const { t } = useTranslation(['operator', 'common']);
  const { t: tp } = useTranslation('partners');
  const actionRef = useRef<ActionType>(null);

  const columns: ProColumns<Program>[] = [
    { title: t('programs.fields.code'), dataIndex: 'code', width: 140, copyable: true },
    { title: t('programs.fields.name'), dataIndex: 'name', width: 280, ellipsis: true },
    {
      title: t('programs.fields.partnerType'),
      dataIndex: 'partner_type',
      width: 130,
      render: (_, program) => partnerTypeText(tp, program.partner_type),
    },
    {
      title: t('programs.fields.openForSignUp'),
      dataIndex: 'is_open_for_sign_up',
      width: 130,
      render: (_, program) =>
        program.is_open_for_sign_up ? (
          <Tag color="success">{t('programs.open')}</Tag>
        ) : (
          <Tag>{t('programs.invitation')}</Tag>
        ),
    },
    { title: t('programs.fields.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('programs.fields.createdAt'),
      dataIndex: 'created_at',
      width: 170,
      valueType: 'dateTime',
    },
  ];

  return (
    <PageShell title={t('programs.title')} content={t('programs.intro')}>
      <ProTable<Program>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={() =>
          loadTablePage(async () => {
            // Programmes are few: the server answers all of them and the table pages locally.
            const result = await queryClient.query({
              ...operatorQueries.programs(),
              staleTime: 0,
            });
            return { rows: result.programs, total: result.programs.length };
          })
        }
        search={false}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 1100 }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('programs.listTitle')}
        toolBarRender={() => [
          <ProgramForm
            key="create"
            onSaved={() => void actionRef.current?.reload()}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('programs.create')}
              </Button>
            }
          />,
        ]}
      />
    </PageShell>
  );
}

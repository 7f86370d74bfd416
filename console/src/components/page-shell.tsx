import { PageContainer, type PageContainerProps } from '@ant-design/pro-components';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageShellProps extends Omit<PageContainerProps, 'title'> {
  title: string;
  children?: ReactNode;
}

/** Every console page's frame: the page header and the browser tab title. */
export function PageShell({ title, children, ...rest }: PageShellProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} - ${t('app.title')}`;
  }, [title, t]);
  return (
    <PageContainer title={title} breadcrumbRender={false} {...rest}>
      {children}
    </PageContainer>
  );
}

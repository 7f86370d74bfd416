import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languages, type Language } from '../i18n';

/** The header's language menu; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [active],
        items: languages.map((language) => ({ key: language, label: t(`language.${language}`) })),
        onClick: ({ key }) => void changeLanguage(key as Language),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('user.language')}>
        {t(`language.${active}`)}
      </Button>
    </Dropdown>
  );
}

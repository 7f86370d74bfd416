import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhAccessKeys from './zh-CN/access-keys.json';
import zhAudit from './zh-CN/audit.json';
import zhCommon from './zh-CN/common.json';
import zhCustomers from './zh-CN/customers.json';
import zhLogin from './zh-CN/login.json';
import zhOperator from './zh-CN/operator.json';
import zhOrg from './zh-CN/org.json';
import zhPartners from './zh-CN/partners.json';
import zhSignUp from './zh-CN/sign-up.json';
import zhResellers from './zh-CN/resellers.json';
import zhPortal from './zh-CN/portal.json';
import zhAssociation from './zh-CN/association.json';
import zhDevelopment from './zh-CN/development.json';
import zhAccessConfig from './zh-CN/access-config.json';
import zhAuthorization from './zh-CN/authorization.json';
import zhFunds from './zh-CN/funds.json';
import zhCoupons from './zh-CN/coupons.json';
import zhBudgets from './zh-CN/budgets.json';
import enAccessKeys from './en-US/access-keys.json';
import enAudit from './en-US/audit.json';
import enCommon from './en-US/common.json';
import enCustomers from './en-US/customers.json';
import enLogin from './en-US/login.json';
import enOperator from './en-US/operator.json';
import enOrg from './en-US/org.json';
import enPartners from './en-US/partners.json';
import enSignUp from './en-US/sign-up.json';
import enResellers from './en-US/resellers.json';
import enPortal from './en-US/portal.json';
import enAssociation from './en-US/association.json';
import enDevelopment from './en-US/development.json';
import enAccessConfig from './en-US/access-config.json';
import enAuthorization from './en-US/authorization.json';
import enFunds from './en-US/funds.json';
import enCoupons from './en-US/coupons.json';
import enBudgets from './en-US/budgets.json';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'huoban.language';

const zhCN = {
  common: zhCommon,
  login: zhLogin,
  org: zhOrg,
  'access-keys': zhAccessKeys,
  partners: zhPartners,
  audit: zhAudit,
  operator: zhOperator,
  'sign-up': zhSignUp,
  resellers: zhResellers,
  customers: zhCustomers,
  portal: zhPortal,
  association: zhAssociation,
  development: zhDevelopment,
  'access-config': zhAccessConfig,
  authorization: zhAuthorization,
  funds: zhFunds,
  coupons: zhCoupons,
  budgets: zhBudgets,
};

const enUS = {
  common: enCommon,
  login: enLogin,
  org: enOrg,
  'access-keys': enAccessKeys,
  partners: enPartners,
  audit: enAudit,
  operator: enOperator,
  'sign-up': enSignUp,
  resellers: enResellers,
  customers: enCustomers,
  portal: enPortal,
  association: enAssociation,
  development: enDevelopment,
  'access-config': enAccessConfig,
  authorization: enAuthorization,
  funds: enFunds,
  coupons: enCoupons,
  budgets: enBudgets,
};

/**
 * Both languages carry exactly the same keys: each is checked against the other's shape, so a
 * key missing on either side fails the build.
 */
const resources = {
  'zh-CN': zhCN satisfies typeof enUS,
  'en-US': enUS satisfies typeof zhCN,
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof zhCN;
  }
}

function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

/** The saved choice, else Chinese (the console's default language). */
export function initialLanguage(): Language {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : 'zh-CN';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(zhCN),
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

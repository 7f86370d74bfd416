import { useTranslation } from 'react-i18next';

/** Decimals per currency where it differs from the usual two (ISO 4217 minor units). */
const currencyDecimals: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3, CLF: 4 };

export function decimalsOf(currency: string): number {
  return currencyDecimals[currency] ?? 2;
}

interface MoneyProps {
  /** The amount as the API sends it: a decimal string, never a float. */
  value: string;
  currency: string;
}

/**
 * An amount formatted for the reader's language. `Intl.NumberFormat` formats the decimal string
 * itself, so no digit is lost to a float conversion.
 */
export function Money({ value, currency }: MoneyProps) {
  const { i18n } = useTranslation();
  const digits = decimalsOf(currency);
  const format = new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const valid = /^-?\d+(\.\d+)?$/.test(value);
  return (
    <span className="huoban-money">{valid ? format.format(value as `${number}`) : value}</span>
  );
}

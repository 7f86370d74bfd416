/** GB 32100-2015 charset of the unified social credit code (no I, O, S, V, Z). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * True for an 18-character unified social credit code (统一社会信用代码) whose last character is the
 * GB 32100 check character of the first 17; the same check the server makes, run while typing.
 */
export function isUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += USCC_CHARSET.indexOf(code.charAt(index)) * (USCC_WEIGHTS[index] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return code.charAt(17) === USCC_CHARSET.charAt(check);
}

export const taxpayerTypes = ['general', 'small_scale'] as const;
export const settlementCurrencies = ['CNY', 'USD'] as const;

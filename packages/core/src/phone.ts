import { fail, ok, type ParseResult } from './result.ts';
import { cleanText } from './text.ts';

/** 10-digit national numbers: mobiles 03/05/07/08/09 (and 02 as allowed by the numbering plan). */
const TEN_DIGITS = /^0[235789]\d{8}$/;
/** Fixed lines since 2017: 02 + area code + subscriber, 11 digits in total (e.g. 024 3825 3536). */
const LANDLINE = /^02\d{9}$/;
/** Separators people type inside phone numbers. */
const SEPARATORS = /[\s.\-()/]/g;

/** The 2018 conversion of 11-digit mobile prefixes to 10-digit ones (e.g. 0168 → 038). */
const OLD_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

/** Digits in national form (leading 0), or null when the text cannot be a Vietnamese number. */
function toNational(text: string): string | null {
  const compact = text.replace(SEPARATORS, '');
  let national: string;
  const international = /^(?:\+84|0084)(\d+)$/.exec(compact) ?? /^84(\d{9,10})$/.exec(compact);
  if (international) {
    const rest = international[1]!;
    national = rest.startsWith('0') ? rest : `0${rest}`;
  } else if (/^[1-9]\d{8}$/.test(compact) || /^[12]\d{9}$/.test(compact)) {
    // The leading 0 was lost, typically because Excel stored the number as a number.
    national = `0${compact}`;
  } else {
    national = compact;
  }
  if (!/^\d+$/.test(national)) return null;
  if (/^01\d{9}$/.test(national)) {
    const prefix = OLD_MOBILE_PREFIXES[national.slice(0, 4)];
    if (!prefix) return null;
    national = prefix + national.slice(4);
  }
  return TEN_DIGITS.test(national) || LANDLINE.test(national) ? national : null;
}

/**
 * Parses a Vietnamese phone number typed in any common way ("0912 345 678", "+84 912.345.678",
 * "(+84) 912345678", 912345678 stored as an Excel number, ...) into national form "0912345678".
 * Empty input gives `value: null`.
 */
export function parsePhone(raw: string | number | null | undefined): ParseResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const text = cleanText(String(raw));
  if (text === '') return ok(null);
  const badNumber = typeof raw === 'number' && !(Number.isSafeInteger(raw) && raw > 0);
  const national = badNumber ? null : toNational(text);
  return national === null ? fail(`Số điện thoại "${text}" không hợp lệ`) : ok(national);
}

/** Like {@link parsePhone}, but gives null for invalid input as well as for empty input. */
export function normalizePhone(raw: string | number | null | undefined): string | null {
  const result = parsePhone(raw);
  return result.ok ? result.value : null;
}

import { fail, ok, type ParseResult } from './result.ts';
import { cleanText } from './text.ts';

const VISIBLE_EACH_END = 3;

/** "001062123456" → "001******456". Short values (≤ 6 characters) are masked entirely. */
export function maskCccd(cccd: string | null): string | null {
  if (cccd === null) return null;
  const n = cccd.length;
  if (n <= 2 * VISIBLE_EACH_END) return '*'.repeat(n);
  return (
    cccd.slice(0, VISIBLE_EACH_END) + '*'.repeat(n - 2 * VISIBLE_EACH_END) + cccd.slice(n - VISIBLE_EACH_END)
  );
}

/** Digits of a whole, non-negative Excel number, or null when it is not one. */
function numberDigits(raw: number): string | null {
  return Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : null;
}

/**
 * Restores leading zeros that Excel dropped. Every CCCD starts with a province code 001–096, so a
 * CCCD stored as a number has 10 or 11 digits; 8 or 9 digits is an old CMND (01… for Hà Nội, …).
 */
function restoreLeadingZeros(digits: string): string {
  if (digits.length === 10 || digits.length === 11) return digits.padStart(12, '0');
  if (digits.length === 8) return digits.padStart(9, '0');
  return digits;
}

function cccdFromNumber(raw: number): string | null {
  const digits = numberDigits(raw);
  return digits === null ? null : restoreLeadingZeros(digits);
}

/**
 * Citizen ID (CCCD, 12 digits) or old ID card (CMND, 9 digits). Spaces and dots are ignored;
 * leading zeros are kept, or restored when Excel stored the value as a number.
 */
export function parseCccd(raw: unknown): ParseResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const text = cleanText(String(raw));
  if (text === '') return ok(null);
  const digits = typeof raw === 'number' ? cccdFromNumber(raw) : text.replace(/[\s.]/g, '');
  if (digits !== null && /^(?:\d{12}|\d{9})$/.test(digits)) return ok(digits);
  return fail(`Số CCCD "${text}" không hợp lệ (cần đủ 12 chữ số, hoặc 9 chữ số nếu là CMND cũ)`);
}

/** Party card number (số thẻ đảng viên): 6–12 digits, spaces ignored. */
export function parsePartyCard(raw: unknown): ParseResult<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  const text = cleanText(String(raw));
  if (text === '') return ok(null);
  const digits = typeof raw === 'number' ? numberDigits(raw) : text.replace(/\s/g, '');
  if (digits !== null && /^\d{6,12}$/.test(digits)) return ok(digits);
  return fail(`Số thẻ đảng viên "${text}" không hợp lệ (cần từ 6 đến 12 chữ số)`);
}

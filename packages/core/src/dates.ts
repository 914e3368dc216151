import { fail, ok, type ParseResult } from './result.ts';
import { cleanText } from './text.ts';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const HINT = '(dùng dạng ngày/tháng/năm, ví dụ 04/08/1962)';
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?`;
/** d/m/yyyy with "/", "-" or "." (the same one twice), optionally followed by a time. */
const DMY = new RegExp(String.raw`^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?:[ T]+${TIME})?$`);
const DMY_SHORT_YEAR = /^\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{2}$/;
/** yyyy-mm-dd, optionally with a time and zone; the date is taken as written. */
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]${TIME}(?:Z|[+-]\d{2}:?\d{2})?)?$`);
const PARTIAL = /^(?:\d{4}|\d{1,2}\s*[/.-]\s*\d{4})$/;

/** Excel (1900 system) serial of 1970-01-01; serials after the fictitious 1900-02-29 count from here. */
const EXCEL_UNIX_EPOCH = 25569;
/** Serial Excel gives to 1900-02-29, a day that never existed (the Lotus 1-2-3 leap-year bug). */
const EXCEL_FAKE_LEAP_DAY = 60;
const MS_PER_DAY = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** "1962-08-04" → "04/08/1962". Text that is not an ISO date is returned unchanged. */
export function formatDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function checked(y: number, m: number, d: number, shown: string): ParseResult<string | null> {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    return fail(`Năm của ngày "${shown}" phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}`);
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail(`Ngày "${shown}" không tồn tại`);
  return ok(isoDate(y, m, d));
}

function fromUtcDate(date: Date, shown: string): ParseResult<string | null> {
  if (Number.isNaN(date.getTime())) return fail(`Không đọc được ngày "${shown}" ${HINT}`);
  return checked(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), shown);
}

function onlyYearOrMonth(shown: string): ParseResult<string | null> {
  return fail(`Ngày "${shown}" chưa đủ ngày/tháng/năm ${HINT}`);
}

function fromExcelSerial(serial: number): ParseResult<string | null> {
  const shown = String(serial);
  if (!Number.isFinite(serial) || serial < 1) return fail(`Không đọc được ngày "${shown}" ${HINT}`);
  const day = Math.floor(serial);
  // A bare year typed into a number cell (1962) would otherwise silently become a day in 1905.
  if (day === serial && day >= MIN_YEAR && day <= MAX_YEAR) return onlyYearOrMonth(shown);
  if (day === EXCEL_FAKE_LEAP_DAY) return fail(`Ngày "${shown}" (29/02/1900 trong Excel) không tồn tại`);
  const daysSinceEpoch = day - EXCEL_UNIX_EPOCH + (day < EXCEL_FAKE_LEAP_DAY ? 1 : 0);
  return fromUtcDate(new Date(daysSinceEpoch * MS_PER_DAY), shown);
}

function fromText(text: string): ParseResult<string | null> {
  const dmy = DMY.exec(text);
  if (dmy) return checked(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]), text);
  const iso = ISO.exec(text);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  if (DMY_SHORT_YEAR.test(text)) return fail(`Ngày "${text}" cần ghi năm đủ 4 chữ số (ví dụ 04/08/1962)`);
  if (PARTIAL.test(text)) return onlyYearOrMonth(text);
  return fail(`Không đọc được ngày "${text}" ${HINT}`);
}

/**
 * Reads a date from a form field or spreadsheet cell: "04/08/1962", "4-8-1962", "04.08.1962",
 * "1962-08-04", a `Date` at UTC midnight (exceljs) or an Excel serial number (1900 date system).
 * Gives `YYYY-MM-DD`, or `value: null` for empty input.
 */
export function parseDate(input: unknown): ParseResult<string | null> {
  if (input === undefined || input === null) return ok(null);
  if (input instanceof Date) {
    const shown = Number.isNaN(input.getTime()) ? String(input) : input.toISOString().slice(0, 10);
    return fromUtcDate(input, shown);
  }
  if (typeof input === 'number') return fromExcelSerial(input);
  const text = cleanText(String(input));
  if (text === '') return ok(null);
  return fromText(text);
}

import {
  cleanText,
  type MemberStatus,
  type ParseResult,
  parseCccd,
  parseDate,
  parseGender,
  parseMemberStatus,
  parsePartyCard,
  parsePhone,
} from '@sotay/core';
import { COLUMN_LABELS, type MemberColumn } from './member-columns.ts';
import type { Cell } from './read-table.ts';

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** One valid row of a member list, normalised. Fields absent from the file are undefined. */
export interface ImportedMember {
  row: number;
  fullName: string;
  chiBo: string | null;
  status: MemberStatus;
  birthDate?: string | null;
  gender?: 'nam' | 'nu' | null;
  partyCardNumber?: string | null;
  cccd?: string | null;
  phone?: string | null;
  joinedOn?: string | null;
  officialOn?: string | null;
  ethnicity?: string | null;
  hometown?: string | null;
  email?: string | null;
  education?: string | null;
  position?: string | null;
}

const text = (c: Cell): string | null => {
  if (c === null || c === undefined) return null;
  const s = cleanText(c instanceof Date ? c.toISOString().slice(0, 10) : String(c));
  return s === '' ? null : s;
};

type Parser = (c: Cell) => ParseResult<unknown>;
const PARSERS: Partial<Record<MemberColumn, Parser>> = {
  birthDate: parseDate,
  joinedOn: parseDate,
  officialOn: parseDate,
  gender: parseGender,
  partyCardNumber: parsePartyCard,
  cccd: parseCccd,
  phone: (c) => parsePhone(c instanceof Date || typeof c === 'boolean' ? String(c) : c),
};
const TEXT_FIELDS: MemberColumn[] = ['ethnicity', 'hometown', 'email', 'education', 'position'];

/** Parses one sheet row. Returns null for a blank row, errors for a row that cannot be imported. */
export function parseMemberRow(
  row: number,
  cells: Cell[],
  columns: Map<MemberColumn, number>,
): ImportedMember | RowError[] | null {
  const cell = (col: MemberColumn): Cell => {
    const i = columns.get(col);
    return i === undefined ? null : (cells[i] ?? null);
  };
  if ([...columns.values()].every((i) => text(cells[i] ?? null) === null)) return null;

  const errors: RowError[] = [];
  const err = (col: MemberColumn, message: string) =>
    errors.push({ row, field: COLUMN_LABELS[col], message });
  const fullName = text(cell('fullName'));
  if (!fullName) err('fullName', 'Thiếu họ và tên');
  else if (fullName.length > 200) err('fullName', 'Họ và tên dài quá 200 ký tự');

  const out: Partial<ImportedMember> = { row, fullName: fullName ?? '', chiBo: text(cell('chiBo')) };
  if (columns.has('status')) {
    const s = parseMemberStatus(cell('status'));
    if (s.ok) out.status = s.value;
    else err('status', s.message);
  } else {
    out.status = 'chinh_thuc';
  }
  for (const [col, parser] of Object.entries(PARSERS) as [MemberColumn, Parser][]) {
    if (!columns.has(col)) continue;
    const r = parser(cell(col));
    if (r.ok) (out as Record<string, unknown>)[col] = r.value;
    else err(col, r.message);
  }
  for (const col of TEXT_FIELDS) {
    if (columns.has(col)) (out as Record<string, unknown>)[col] = text(cell(col))?.slice(0, 300) ?? null;
  }
  if (!errors.length && !out.partyCardNumber && !out.cccd) {
    err('partyCardNumber', 'Cần số thẻ đảng viên hoặc số CCCD để nhận diện đảng viên');
  }
  if (!errors.length && out.birthDate && out.joinedOn && out.joinedOn < out.birthDate) {
    err('joinedOn', 'Ngày vào Đảng trước ngày sinh');
  }
  if (!errors.length && out.joinedOn && out.officialOn && out.officialOn < out.joinedOn) {
    err('officialOn', 'Ngày chính thức trước ngày vào Đảng');
  }
  return errors.length ? errors : (out as ImportedMember);
}

import type { TFunction } from 'i18next';
import { formatDate } from '../lib/format.ts';

/** Party-record fields a member asks the chi ủy to correct (the server's RECORD_FIELDS, same order). */
export const RECORD_FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'cccd',
  'partyCardNumber',
  'joinedOn',
  'officialOn',
  'education',
  'position',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const DATE_FIELDS: ReadonlySet<RecordField> = new Set(['birthDate', 'joinedOn', 'officialOn']);
/** Fields that may be cleared (the server accepts null for them). */
export const OPTIONAL_FIELDS: ReadonlySet<RecordField> = new Set([
  'ethnicity',
  'hometown',
  'education',
  'position',
]);

export const isRecordField = (f: string): f is RecordField =>
  (RECORD_FIELDS as readonly string[]).includes(f);

/** A record value as people read it: dates dd/mm/yyyy, gender in words. */
export function showValue(field: string, value: string | null | undefined, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '';
  if (isRecordField(field) && DATE_FIELDS.has(field)) return formatDate(value);
  if (field === 'gender' && (value === 'nam' || value === 'nu')) return t(`gender.${value}`);
  return value;
}

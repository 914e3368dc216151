import { fail, ok, type ParseResult } from './result.ts';
import { cleanText, fold } from './text.ts';

export type Gender = 'nam' | 'nu';

const BY_KEY: ReadonlyMap<string, Gender> = new Map([
  ['nam', 'nam'],
  ['m', 'nam'],
  ['male', 'nam'],
  ['nu', 'nu'],
  ['f', 'nu'],
  ['female', 'nu'],
]);

/** "Nam"/"M" → 'nam', "Nữ"/"NU"/"F" → 'nu', empty → null. */
export function parseGender(text: unknown): ParseResult<Gender | null> {
  const shown = text === null || text === undefined ? '' : cleanText(String(text));
  if (shown === '') return ok(null);
  const gender = BY_KEY.get(fold(shown));
  return gender ? ok(gender) : fail(`Giới tính "${shown}" không hợp lệ (Nam hoặc Nữ)`);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGender } from './gender.ts';

describe('parseGender', () => {
  it('reads the usual spellings', () => {
    for (const text of ['Nam', 'NAM', 'nam', ' nam ', 'M', 'm', 'Male']) {
      expect(parseGender(text), text).toEqual({ ok: true, value: 'nam' });
    }
    for (const text of ['Nữ', 'NỮ', 'nữ', 'NU', 'nu', 'Nữ'.normalize('NFD'), 'F', 'f', 'female']) {
      expect(parseGender(text), text).toEqual({ ok: true, value: 'nu' });
    }
  });

  it('gives null for empty input', () => {
    for (const text of [undefined, null, '', '  '])
      expect(parseGender(text)).toEqual({ ok: true, value: null });
  });

  it('rejects anything else', () => {
    expect(parseGender('Khác')).toEqual({
      ok: false,
      message: 'Giới tính "Khác" không hợp lệ (Nam hoặc Nữ)',
    });
    for (const text of ['x', 'nam nữ', 1, 'không rõ']) expect(parseGender(text).ok, String(text)).toBe(false);
  });

  it('only ever returns nam, nu or null', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseGender(text);
        if (result.ok) expect([null, 'nam', 'nu']).toContain(result.value);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, parsePhone } from './phone.ts';

/** A canonical 10-digit mobile number: 0 + (3|5|7|8|9) + 8 digits. */
const mobile = fc
  .tuple(fc.constantFrom('3', '5', '7', '8', '9'), fc.stringMatching(/^\d{8}$/))
  .map(([first, rest]) => `0${first}${rest}`);
/** A canonical 11-digit landline: 02 + 9 digits. */
const landline = fc.stringMatching(/^\d{9}$/).map((rest) => `02${rest}`);

/** Writes the 9 (or 10) significant digits the way people do. */
function grouped(significant: string, sep: string): string {
  return significant.length === 9
    ? [significant.slice(0, 3), significant.slice(3, 6), significant.slice(6)].join(sep)
    : [significant.slice(0, 2), significant.slice(2, 6), significant.slice(6)].join(sep);
}

const writings = (canonical: string): string[] => {
  const sig = canonical.slice(1);
  return [
    canonical,
    sig,
    `0${grouped(sig, ' ')}`,
    `0${grouped(sig, '.')}`,
    `0${grouped(sig, '-')}`,
    `+84${sig}`,
    `+84 ${grouped(sig, ' ')}`,
    `+84 ${grouped(sig, '.')}`,
    `+84 0${grouped(sig, ' ')}`,
    `84${sig}`,
    `0084 ${sig}`,
    `(+84) ${sig}`,
    `(+84) ${grouped(sig, '.')}`,
    `\u00a0 ${canonical}\t`,
  ];
};

describe('parsePhone / normalizePhone', () => {
  it('accepts the documented writings', () => {
    for (const raw of [
      '0912 345 678',
      '0912.345.678',
      '0912-345-678',
      '+84 912.345.678',
      '84912345678',
      '(+84) 912345678',
      '912345678',
      912345678,
      '+84 0912 345 678',
    ]) {
      expect(parsePhone(raw), String(raw)).toEqual({ ok: true, value: '0912345678' });
      expect(normalizePhone(raw)).toBe('0912345678');
    }
  });

  it('gives null for empty input', () => {
    for (const raw of [null, undefined, '', '   ', '\u00a0\t']) {
      expect(parsePhone(raw)).toEqual({ ok: true, value: null });
      expect(normalizePhone(raw)).toBeNull();
    }
  });

  it('rejects invalid numbers with a Vietnamese message', () => {
    expect(parsePhone('12345')).toEqual({ ok: false, message: 'Số điện thoại "12345" không hợp lệ' });
    for (const raw of [
      '0412345678', // no 04x numbers
      '0612345678',
      '09123456789', // too long
      '091234567', // too short
      '0912 345 67x',
      'không có',
      '+1 202 555 0143', // foreign
      '+84 12345',
      '01012345678', // 11 digits with an unknown old prefix
      0,
      -912345678,
      912345678.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      const result = parsePhone(raw);
      expect(result.ok, String(raw)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Số điện thoại ".*" không hợp lệ$/);
      expect(normalizePhone(raw)).toBeNull();
    }
  });

  it('shows the cleaned input in the message', () => {
    expect(parsePhone('  abc\u00a0 def ')).toEqual({
      ok: false,
      message: 'Số điện thoại "abc def" không hợp lệ',
    });
  });

  it('accepts 11-digit landlines (02x) with or without their leading zero', () => {
    expect(normalizePhone('024 3825 3536')).toBe('02438253536');
    expect(normalizePhone('0214.3840.123')).toBe('02143840123');
    expect(normalizePhone('+84 24 3825 3536')).toBe('02438253536');
    expect(normalizePhone(2438253536)).toBe('02438253536');
  });

  it('converts pre-2018 11-digit mobile numbers', () => {
    expect(normalizePhone('0168 123 4567')).toBe('0381234567');
    expect(normalizePhone('0123.456.7890')).toBe('0834567890');
    expect(normalizePhone('+84 1201234567')).toBe('0701234567');
    expect(normalizePhone(1991234567)).toBe('0591234567');
  });

  it('normalises any valid mobile number written in any accepted way', () => {
    fc.assert(
      fc.property(mobile, (canonical) => {
        for (const raw of writings(canonical)) expect(normalizePhone(raw), raw).toBe(canonical);
        expect(normalizePhone(Number(canonical))).toBe(canonical);
      }),
    );
  });

  it('normalises any landline written in any accepted way', () => {
    fc.assert(
      fc.property(landline, (canonical) => {
        for (const raw of writings(canonical)) expect(normalizePhone(raw), raw).toBe(canonical);
        expect(normalizePhone(Number(canonical))).toBe(canonical);
      }),
    );
  });

  it('always returns a canonical number, or null, and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[+\d .()-]{0,16}$/), fc.double(), fc.integer()),
        (raw) => {
          const value = normalizePhone(raw);
          if (value !== null) {
            expect(value).toMatch(/^(?:0[235789]\d{8}|02\d{9})$/);
            expect(normalizePhone(value)).toBe(value);
          }
        },
      ),
    );
  });
});

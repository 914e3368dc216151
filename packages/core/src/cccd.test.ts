import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCccd, parseCccd, parsePartyCard } from './cccd.ts';

/** A realistic CCCD: province code 001–096, then 9 digits. */
const cccd = fc
  .tuple(fc.integer({ min: 1, max: 96 }), fc.stringMatching(/^\d{9}$/))
  .map(([province, rest]) => String(province).padStart(3, '0') + rest);

describe('maskCccd', () => {
  it('keeps the first and last 3 characters', () => {
    expect(maskCccd('001062123123')).toBe('001******123');
    expect(maskCccd('012345678')).toBe('012***678');
    expect(maskCccd('1234567')).toBe('123*567');
    expect(maskCccd(null)).toBeNull();
  });

  it('masks short values entirely', () => {
    expect(maskCccd('123456')).toBe('******');
    expect(maskCccd('12')).toBe('**');
    expect(maskCccd('')).toBe('');
  });

  it('keeps length and the visible ends, and hides the middle', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,20}$/), (s) => {
        const masked = maskCccd(s)!;
        expect(masked).toHaveLength(s.length);
        if (s.length > 6) {
          expect(masked.slice(0, 3)).toBe(s.slice(0, 3));
          expect(masked.slice(-3)).toBe(s.slice(-3));
          expect(masked.slice(3, -3)).toMatch(/^\*+$/);
        } else {
          expect(masked).toMatch(/^\**$/);
        }
      }),
    );
  });
});

describe('parseCccd', () => {
  it('accepts 12-digit CCCD and 9-digit CMND, ignoring spaces and dots', () => {
    expect(parseCccd('001062123456')).toEqual({ ok: true, value: '001062123456' });
    expect(parseCccd(' 001 062 123 456 ')).toEqual({ ok: true, value: '001062123456' });
    expect(parseCccd('001.062.123.456')).toEqual({ ok: true, value: '001062123456' });
    expect(parseCccd('012345678')).toEqual({ ok: true, value: '012345678' });
  });

  it('gives null for empty input', () => {
    for (const raw of [null, undefined, '', '  ']) expect(parseCccd(raw)).toEqual({ ok: true, value: null });
  });

  it('restores the leading zeros Excel dropped from numbers', () => {
    expect(parseCccd(8062743458)).toEqual({ ok: true, value: '008062743458' });
    expect(parseCccd(1062123456)).toEqual({ ok: true, value: '001062123456' });
    expect(parseCccd(31062123456)).toEqual({ ok: true, value: '031062123456' });
    expect(parseCccd(123456789012)).toEqual({ ok: true, value: '123456789012' });
    // 8–9 digits cannot be a CCCD (province codes start at 001): an old CMND.
    expect(parseCccd(123456789)).toEqual({ ok: true, value: '123456789' });
    expect(parseCccd(12345678)).toEqual({ ok: true, value: '012345678' });
  });

  it('does not pad strings', () => {
    expect(parseCccd('8062743458').ok).toBe(false);
  });

  it('rejects anything else with a Vietnamese message', () => {
    expect(parseCccd('12345')).toEqual({
      ok: false,
      message: 'Số CCCD "12345" không hợp lệ (cần đủ 12 chữ số, hoặc 9 chữ số nếu là CMND cũ)',
    });
    for (const raw of [
      '00106212345',
      '0010621234567',
      '00106212345a',
      'CCCD 001062123456',
      1234567,
      -1062123456,
      1.5e10 + 0.5,
      Number.NaN,
      1e13,
      true,
    ]) {
      expect(parseCccd(raw).ok, String(raw)).toBe(false);
    }
  });

  it('round-trips every CCCD as text and as an Excel number', () => {
    fc.assert(
      fc.property(cccd, (id) => {
        expect(parseCccd(id)).toEqual({ ok: true, value: id });
        expect(parseCccd(Number(id))).toEqual({ ok: true, value: id });
        expect(parseCccd(id.replace(/(\d{3})(?=\d)/g, '$1 '))).toEqual({ ok: true, value: id });
        expect(maskCccd(id)).toHaveLength(12);
      }),
    );
  });

  it('only ever returns 9 or 12 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[\d .]{0,16}$/), fc.integer(), fc.double()),
        (raw) => {
          const result = parseCccd(raw);
          if (result.ok && result.value !== null) expect(result.value).toMatch(/^(?:\d{9}|\d{12})$/);
        },
      ),
    );
  });
});

describe('parsePartyCard', () => {
  it('accepts 6–12 digits, ignoring spaces', () => {
    expect(parsePartyCard('01234567')).toEqual({ ok: true, value: '01234567' });
    expect(parsePartyCard(' 0123 4567 ')).toEqual({ ok: true, value: '01234567' });
    expect(parsePartyCard('123456')).toEqual({ ok: true, value: '123456' });
    expect(parsePartyCard('123456789012')).toEqual({ ok: true, value: '123456789012' });
    expect(parsePartyCard(12345678)).toEqual({ ok: true, value: '12345678' });
  });

  it('gives null for empty input', () => {
    for (const raw of [null, undefined, '', ' \t '])
      expect(parsePartyCard(raw)).toEqual({ ok: true, value: null });
  });

  it('rejects anything else with a Vietnamese message', () => {
    expect(parsePartyCard('12345')).toEqual({
      ok: false,
      message: 'Số thẻ đảng viên "12345" không hợp lệ (cần từ 6 đến 12 chữ số)',
    });
    for (const raw of ['1234567890123', '12.345.678', 'TĐ123456', 12345, -123456, 1234567.5, Number.NaN]) {
      expect(parsePartyCard(raw).ok, String(raw)).toBe(false);
    }
  });

  it('round-trips 6–12 digit strings and numbers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,12}$/), (card) => {
        expect(parsePartyCard(card)).toEqual({ ok: true, value: card });
        expect(parsePartyCard(` ${card} `)).toEqual({ ok: true, value: card });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 999_999_999_999 }), (n) => {
        expect(parsePartyCard(n)).toEqual({ ok: true, value: String(n) });
      }),
    );
  });
});

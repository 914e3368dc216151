import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatDateVi, isoDate, parseDate } from './dates.ts';

const HINT = '(dùng dạng ngày/tháng/năm, ví dụ 04/08/1962)';

const okDate = (value: string | null) => ({ ok: true, value });

/** A valid calendar date between 1900-01-01 and 2100-12-31. */
const validDate = fc
  .tuple(
    fc.integer({ min: 1900, max: 2100 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
  )
  .map(([y, m, d]) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Excel 1900-system serial; Excel counts a fictitious 1900-02-29 (serial 60). */
function excelSerial(y: number, m: number, d: number): number {
  const serial = Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
  return serial < 61 ? serial - 1 : serial;
}

describe('isoDate / formatDateVi / daysInMonth', () => {
  it('formats', () => {
    expect(isoDate(1962, 8, 4)).toBe('1962-08-04');
    expect(isoDate(2025, 12, 31)).toBe('2025-12-31');
    expect(formatDateVi('1962-08-04')).toBe('04/08/1962');
    expect(formatDateVi('2025-01-01T00:00:00Z')).toBe('01/01/2025');
    expect(formatDateVi('không phải ngày')).toBe('không phải ngày');
  });

  it('knows month lengths', () => {
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1971, 2)).toBe(28);
    expect(daysInMonth(2020, 4)).toBe(30);
    expect(daysInMonth(2020, 12)).toBe(31);
  });

  it('formatDateVi inverts parseDate', () => {
    fc.assert(
      fc.property(validDate, ({ y, m, d }) => {
        const iso = isoDate(y, m, d);
        expect(parseDate(formatDateVi(iso))).toEqual(okDate(iso));
      }),
    );
  });
});

describe('parseDate', () => {
  it('gives null for empty input', () => {
    for (const input of [undefined, null, '', '   ', '\u00a0\t\n'])
      expect(parseDate(input)).toEqual(okDate(null));
  });

  it('reads day/month/year text with /, - or .', () => {
    for (const text of [
      '04/08/1962',
      '4/8/1962',
      '04-08-1962',
      '4.8.1962',
      ' 04 / 08 / 1962 ',
      '04/08/1962 00:00:00',
    ]) {
      expect(parseDate(text), text).toEqual(okDate('1962-08-04'));
    }
    expect(parseDate('29/02/2000')).toEqual(okDate('2000-02-29'));
    expect(parseDate('31/12/2100')).toEqual(okDate('2100-12-31'));
    expect(parseDate('01/01/1900')).toEqual(okDate('1900-01-01'));
  });

  it('reads ISO dates, with or without a time', () => {
    expect(parseDate('1962-08-04')).toEqual(okDate('1962-08-04'));
    expect(parseDate('1962-08-04T00:00:00')).toEqual(okDate('1962-08-04'));
    expect(parseDate('1962-08-04T00:00:00.000Z')).toEqual(okDate('1962-08-04'));
    expect(parseDate('1962-08-04 13:45')).toEqual(okDate('1962-08-04'));
    expect(parseDate('1962-08-04T23:30:00+07:00')).toEqual(okDate('1962-08-04'));
  });

  it('reads Date objects with UTC getters (exceljs)', () => {
    expect(parseDate(new Date(Date.UTC(1962, 7, 4)))).toEqual(okDate('1962-08-04'));
    expect(parseDate(new Date('2025-01-01T00:00:00Z'))).toEqual(okDate('2025-01-01'));
    expect(parseDate(new Date(Number.NaN)).ok).toBe(false);
    expect(parseDate(new Date(Date.UTC(1850, 0, 1)))).toEqual({
      ok: false,
      message: 'Năm của ngày "1850-01-01" phải trong khoảng 1900–2100',
    });
  });

  it('reads Excel serial numbers, including the 1900 leap-year bug', () => {
    expect(parseDate(1)).toEqual(okDate('1900-01-01'));
    expect(parseDate(59)).toEqual(okDate('1900-02-28'));
    expect(parseDate(60)).toEqual({ ok: false, message: 'Ngày "60" (29/02/1900 trong Excel) không tồn tại' });
    expect(parseDate(61)).toEqual(okDate('1900-03-01'));
    expect(parseDate(25569)).toEqual(okDate('1970-01-01'));
    expect(parseDate(45658)).toEqual(okDate('2025-01-01'));
    expect(parseDate(45658.75)).toEqual(okDate('2025-01-01'));
    expect(parseDate(22862)).toEqual(okDate('1962-08-04'));
    expect(parseDate(1899)).toEqual(okDate('1905-03-13'));
    expect(parseDate(2101)).toEqual(okDate('1905-10-01'));
  });

  it('rejects out-of-range or odd numbers', () => {
    for (const n of [0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 80000]) {
      expect(parseDate(n).ok, String(n)).toBe(false);
    }
  });

  it('does not treat numeric strings as serials', () => {
    expect(parseDate('45658')).toEqual({ ok: false, message: `Không đọc được ngày "45658" ${HINT}` });
  });

  it('rejects a bare year instead of reading it as a serial in 1905', () => {
    const message = `Ngày "1962" chưa đủ ngày/tháng/năm ${HINT}`;
    expect(parseDate(1962)).toEqual({ ok: false, message });
    expect(parseDate('1962')).toEqual({ ok: false, message });
    expect(parseDate('8/1962')).toEqual({
      ok: false,
      message: `Ngày "8/1962" chưa đủ ngày/tháng/năm ${HINT}`,
    });
  });

  it('rejects impossible dates', () => {
    expect(parseDate('29/02/1971')).toEqual({ ok: false, message: 'Ngày "29/02/1971" không tồn tại' });
    for (const text of [
      '31/04/2020',
      '01/13/2020',
      '00/01/2020',
      '32/01/2020',
      '15/00/2020',
      '29/02/1900',
      '2020-02-30',
    ]) {
      expect(parseDate(text), text).toEqual({ ok: false, message: `Ngày "${text}" không tồn tại` });
    }
  });

  it('rejects two-digit years and years outside 1900–2100', () => {
    expect(parseDate('04/08/62')).toEqual({
      ok: false,
      message: 'Ngày "04/08/62" cần ghi năm đủ 4 chữ số (ví dụ 04/08/1962)',
    });
    expect(parseDate('31/12/1899')).toEqual({
      ok: false,
      message: 'Năm của ngày "31/12/1899" phải trong khoảng 1900–2100',
    });
    expect(parseDate('2101-01-01').ok).toBe(false);
  });

  it('rejects unreadable input', () => {
    expect(parseDate('abc')).toEqual({ ok: false, message: `Không đọc được ngày "abc" ${HINT}` });
    for (const input of ['04/08-1962', '04//08/1962', '1962/08/04x', 'ngày mai', true, {}, '04/08/19620']) {
      expect(parseDate(input).ok, String(input)).toBe(false);
    }
  });

  it('round-trips padded and unpadded dd/mm/yyyy with any separator', () => {
    fc.assert(
      fc.property(validDate, fc.constantFrom('/', '-', '.'), ({ y, m, d }, sep) => {
        const expected = okDate(isoDate(y, m, d));
        expect(parseDate([pad2(d), pad2(m), y].join(sep))).toEqual(expected);
        expect(parseDate([d, m, y].join(sep))).toEqual(expected);
        expect(parseDate(isoDate(y, m, d))).toEqual(expected);
        expect(parseDate(new Date(Date.UTC(y, m - 1, d)))).toEqual(expected);
      }),
    );
  });

  it('round-trips Excel serials', () => {
    // Whole numbers 1900–2100 are rejected as bare years (see above).
    const notLikeAYear = validDate.filter(({ y, m, d }) => {
      const serial = excelSerial(y, m, d);
      return serial < 1900 || serial > 2100;
    });
    const early = fc.integer({ min: 1, max: 31 + 28 + 31 }).map((n) => {
      const date = new Date(Date.UTC(1900, 0, n));
      return { y: 1900, m: date.getUTCMonth() + 1, d: date.getUTCDate() };
    });
    fc.assert(
      fc.property(
        fc.oneof(notLikeAYear, early),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        ({ y, m, d }, time) => {
          expect(parseDate(excelSerial(y, m, d) + time)).toEqual(okDate(isoDate(y, m, d)));
        },
      ),
    );
  });

  it('rejects every impossible day of a month', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 1, max: 10 }), ({ y, m }, extra) => {
        const day = daysInMonth(y, m) + extra;
        if (day > 99) return;
        const text = `${day}/${m}/${y}`;
        expect(parseDate(text)).toEqual({ ok: false, message: `Ngày "${text}" không tồn tại` });
      }),
    );
  });

  it('never throws and only returns valid ISO dates', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double(), fc.stringMatching(/^\d{1,4}[/.-]\d{1,4}[/.-]\d{1,4}$/)),
        (input) => {
          const result = parseDate(input);
          if (result.ok && result.value !== null) {
            expect(result.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(parseDate(result.value)).toEqual(result);
          }
        },
      ),
    );
  });
});

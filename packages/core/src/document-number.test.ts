import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isoDate } from './dates.ts';
import {
  DOCUMENT_TYPE_BY_NAME,
  DOCUMENT_TYPES,
  findCitations,
  ISSUERS,
  numberKey,
  parseDocumentNumber,
  parseLeadingDocumentNumber,
  parseNumberQuery,
  parseWrittenDate,
  typeCodeFromName,
} from './document-number.ts';
import { fold } from './text.ts';

const numberOf = (s: string) => parseDocumentNumber(s)?.number ?? null;
const citedNumbers = (text: string) => findCitations(text).map((c) => c.number.number);

describe('tables', () => {
  it('has the usual type codes and issuers', () => {
    for (const code of [
      'NQ',
      'QĐ',
      'CT',
      'KL',
      'QC',
      'HD',
      'KH',
      'CTr',
      'TB',
      'BC',
      'TTr',
      'ĐA',
      'CV',
      'BB',
      'GM',
      'TT',
    ]) {
      expect(DOCUMENT_TYPES[code], code).toBeTruthy();
    }
    for (const code of [
      'TW',
      'VPTW',
      'BTCTW',
      'BTGDVTW',
      'BTGTW',
      'UBKTTW',
      'TU',
      'ThU',
      'VPTU',
      'BTCTU',
      'HU',
      'QU',
    ]) {
      expect(ISSUERS[code], code).toBeTruthy();
    }
    for (const code of ['ĐU', 'ĐUK', 'CB', 'BCĐ']) expect(ISSUERS[code], code).toBeTruthy();
  });

  it('maps every folded type name to a known code', () => {
    for (const [name, code] of Object.entries(DOCUMENT_TYPE_BY_NAME)) {
      expect(fold(name)).toBe(name);
      expect(DOCUMENT_TYPES[code], name).toBeTruthy();
    }
    expect(DOCUMENT_TYPE_BY_NAME['quy dinh']).toBe('QĐ');
    expect(DOCUMENT_TYPE_BY_NAME['quyet dinh']).toBe('QĐ');
    expect(DOCUMENT_TYPE_BY_NAME['chuong trinh']).toBe('CTr');
    expect(DOCUMENT_TYPE_BY_NAME['cong van']).toBe('CV');
  });

  it('reads type names in any spelling', () => {
    expect(typeCodeFromName('Kế hoạch')).toBe('KH');
    expect(typeCodeFromName('NGHỊ  QUYẾT')).toBe('NQ');
    expect(typeCodeFromName('Đề án'.normalize('NFD'))).toBe('ĐA');
    expect(typeCodeFromName('Danh sách')).toBeNull();
  });
});

describe('parseDocumentNumber', () => {
  it('gives one canonical number for every spelling', () => {
    for (const s of [
      '18 - kh/du',
      '18-KH/DU',
      'số18-KH/ĐU',
      '18-KH/ĐU',
      'Số 18 - KH/ĐU',
      'Số: 18-KH/ĐU',
      'SỐ 018-KH/đu.',
    ]) {
      expect(parseDocumentNumber(s), s).toEqual({
        serial: '18',
        type: 'KH',
        issuer: 'ĐU',
        number: '18-KH/ĐU',
      });
    }
  });

  it('restores canonical case and Đ in codes', () => {
    expect(numberOf('339-qd/tw')).toBe('339-QĐ/TW');
    expect(numberOf('05-ctr/thu')).toBe('5-CTr/ThU');
    expect(numberOf('2-TTR/HU')).toBe('2-TTr/HU');
    expect(numberOf('7-DA/DUK')).toBe('7-ĐA/ĐUK');
    expect(numberOf('168-kh/vptw')).toBe('168-KH/VPTW');
    expect(numberOf('8-QĐi/TW')).toBe('8-QĐi/TW');
  });

  it('reads TƯ (a scan error) as TU', () => {
    expect(numberOf('26-NQ/TƯ')).toBe('26-NQ/TU');
    expect(numberOf('26-NQ/TƯ'.normalize('NFD'))).toBe('26-NQ/TU');
  });

  it('accepts issuers it does not know', () => {
    expect(numberOf('3-KH/BTGDVTU')).toBe('3-KH/BTGDVTU');
    expect(numberOf('4-TB/ĐUP')).toBe('4-TB/ĐUP');
    expect(numberOf('4-TB/dup')).toBe('4-TB/ĐUP');
    expect(numberOf('9-KL/UBKTĐU')).toBe('9-KL/UBKTĐU');
    expect(numberOf('12-KH/BCD35')).toBe('12-KH/BCĐ35');
  });

  it('accepts NFD input, dashes and line breaks', () => {
    expect(numberOf('Số 18-KH/ĐU'.normalize('NFD'))).toBe('18-KH/ĐU');
    expect(numberOf('18 – KH / ĐU')).toBe('18-KH/ĐU');
    expect(numberOf('18-\nKH/ĐU')).toBe('18-KH/ĐU');
    expect(numberOf('0-KH/ĐU')).toBe('0-KH/ĐU');
  });

  it('rejects what is not one number', () => {
    for (const s of [
      '',
      'Số',
      '12/9/2025',
      '4/2026',
      'b/c',
      'T/M',
      'V/v',
      '18-XY/ĐU',
      '18/KH-ĐU',
      '30/2020/NĐ-CP',
      'Kế hoạch số 18-KH/ĐU',
      'Ngày 18-KH/ĐU',
      '18-KH/ĐU và 19-KH/ĐU',
      '123456-KH/ĐU',
      '18-KH/',
    ]) {
      expect(parseDocumentNumber(s), s).toBeNull();
    }
  });

  it('reads a number at the start of a header line', () => {
    expect(parseLeadingDocumentNumber('Số 18-KH/ĐU Quy Nhơn, ngày 15 tháng 10 năm 2025')?.number).toBe(
      '18-KH/ĐU',
    );
    expect(parseLeadingDocumentNumber('Thực hiện Kế hoạch số 18-KH/ĐU')).toBeNull();
  });
});

describe('numberKey', () => {
  it('is equal for all spellings of a number', () => {
    const keys = ['18 - kh/du', 'Số 18-KH/ĐU', '18-KH/DU'].map((s) => numberKey(s));
    expect(new Set(keys)).toEqual(new Set(['18-kh/du']));
    expect(numberKey(parseDocumentNumber('339-QĐ/TW')!)).toBe('339-qd/tw');
  });

  it('tells different numbers apart', () => {
    expect(numberKey('18-KH/TU')).not.toBe(numberKey('18-KH/ThU'));
    expect(numberKey('18-KH/ĐU')).not.toBe(numberKey('18-NQ/ĐU'));
    expect(numberKey('18-KH/ĐU')).not.toBe(numberKey('181-KH/ĐU'));
  });

  it('folds text that is not a number', () => {
    expect(numberKey(' Số 18 / ĐU ')).toBe('so18/du');
  });
});

describe('parseWrittenDate', () => {
  it('reads both written forms', () => {
    expect(parseWrittenDate('ngày 09 tháng 02 năm 2026')).toBe('2026-02-09');
    expect(parseWrittenDate('Ngày 22/4/2026 của')).toBe('2026-04-22');
    expect(parseWrittenDate('ngày 1-12-2025')).toBe('2025-12-01');
    expect(parseWrittenDate('ngày 31/02/2026')).toBeNull();
    expect(parseWrittenDate('ngày 12/9')).toBeNull();
    expect(parseWrittenDate('12/9/2025')).toBeNull();
  });
});

describe('findCitations', () => {
  it('reads type name, date and issuing body', () => {
    const text =
      'Thực hiện Kế hoạch số 24-KH/TU, ngày 12/9/2025 của Ban Thường vụ Tỉnh uỷ Gia Lai về việc triển khai; ' +
      'theo Quy định số 339-QĐ/TW, ngày 10/7/2025 của Ban Bí thư và Kế hoạch số 168-KH/VPTW, ngày 21/8/2025 ' +
      'của Văn phòng Trung ương Đảng; Hướng dẫn số 21-HD/BTCTW của Ban Tổ chức Trung ương về quản lý.';
    const found = findCitations(text).map(({ number, typeName, issuedOn, issuingOrg }) => ({
      number: number.number,
      typeName,
      issuedOn,
      issuingOrg,
    }));
    expect(found).toEqual([
      {
        number: '24-KH/TU',
        typeName: 'Kế hoạch',
        issuedOn: '2025-09-12',
        issuingOrg: 'Ban Thường vụ Tỉnh uỷ Gia Lai',
      },
      { number: '339-QĐ/TW', typeName: 'Quy định', issuedOn: '2025-07-10', issuingOrg: 'Ban Bí thư' },
      {
        number: '168-KH/VPTW',
        typeName: 'Kế hoạch',
        issuedOn: '2025-08-21',
        issuingOrg: 'Văn phòng Trung ương Đảng',
      },
      { number: '21-HD/BTCTW', typeName: 'Hướng dẫn', issuedOn: null, issuingOrg: 'Ban Tổ chức Trung ương' },
    ]);
  });

  it('gives the offset and the text as written', () => {
    const text = 'ĐẢNG ỦY XÃ\n*\nSố 18 - KH/ĐU\n\nKẾ HOẠCH';
    const [c] = findCitations(text);
    expect(c).toMatchObject({ index: text.indexOf('18 - KH'), raw: '18 - KH/ĐU', typeName: null });
    expect(c?.number.number).toBe('18-KH/ĐU');
  });

  it('finds numbers wrapped across lines and written dates', () => {
    const text =
      'Thực hiện Nghị quyết\nsố 26-\nNQ/TU, ngày 18 tháng 11 năm 2025 của Ban Chấp\nhành Đảng bộ tỉnh về chuyển đổi số';
    expect(findCitations(text)).toMatchObject([
      {
        typeName: 'Nghị quyết',
        issuedOn: '2025-11-18',
        issuingOrg: 'Ban Chấp hành Đảng bộ tỉnh',
        raw: '26-\nNQ/TU',
      },
    ]);
  });

  it('keeps names that look like stop words', () => {
    const [c] = findCitations('theo Chỉ thị số 5-CT/ThU của Thành ủy Đà Nẵng về việc; Quyết định số 2-QĐ/TW');
    expect(c?.issuingOrg).toBe('Thành ủy Đà Nẵng');
  });

  it('stops the issuing body at punctuation and at a blank line', () => {
    const text =
      '(Kèm theo Kế hoạch số 142-KH/ĐU, ngày 22/4/2026 của Đảng ủy xã)\n- Lưu. Xem 3-TB/ĐU của Chi bộ\n\nTổ 1';
    expect(findCitations(text).map((c) => c.issuingOrg)).toEqual(['Đảng ủy xã', 'Chi bộ']);
  });

  it('returns every occurrence in order', () => {
    expect(citedNumbers('Kế hoạch 24-KH/TU; Kế hoạch 24-KH/TU và Quy định 339-QĐ/TW')).toEqual([
      '24-KH/TU',
      '24-KH/TU',
      '339-QĐ/TW',
    ]);
  });

  it('ignores dates, fractions, abbreviations and phone numbers', () => {
    const text =
      'ngày 12/9/2025, tháng 4/2026, 1/2 số đảng viên, Huyện ủy (b/c), T/M BAN THƯỜNG VỤ, T/L ĐẢNG ỦY, V/v tổng hợp, ' +
      "các đ/c, SĐT: 0909698567, 11h30', giai đoạn 2025 – 2030, Nghị định 30/2020/NĐ-CP, 10-15/10/2025, 18-XY/ĐU.";
    expect(findCitations(text)).toEqual([]);
  });

  it('reads NFD text', () => {
    const text = 'Thực hiện Kế hoạch số 24-KH/TƯ, ngày 12/9/2025 của Ban Thường vụ Tỉnh ủy'.normalize('NFD');
    expect(findCitations(text)).toMatchObject([
      {
        typeName: 'Kế hoạch',
        issuedOn: '2025-09-12',
        issuingOrg: 'Ban Thường vụ Tỉnh ủy',
        raw: '24-KH/TƯ'.normalize('NFD'),
      },
    ]);
  });

  it('leaves an impossible date out', () => {
    expect(findCitations('Kế hoạch số 2-KH/ĐU, ngày 31/02/2026')[0]?.issuedOn).toBeNull();
  });
});

describe('parseNumberQuery', () => {
  const cases: Array<[string, ReturnType<typeof parseNumberQuery>]> = [
    ['57-KH/ĐU', { serial: '57', type: 'KH', issuer: 'ĐU' }],
    ['57 kh du', { serial: '57', type: 'KH', issuer: 'ĐU' }],
    ['57 KH', { serial: '57', type: 'KH', issuer: null }],
    ['kh 57', { serial: '57', type: 'KH', issuer: null }],
    ['ke hoach 57', { serial: '57', type: 'KH', issuer: null }],
    ['ke hoach so 57', { serial: '57', type: 'KH', issuer: null }],
    ['Kế hoạch số 57', { serial: '57', type: 'KH', issuer: null }],
    ['nghị quyết 26', { serial: '26', type: 'NQ', issuer: null }],
    ['26 nq tu', { serial: '26', type: 'NQ', issuer: 'TU' }],
    ['quy dinh 339 tw', { serial: '339', type: 'QĐ', issuer: 'TW' }],
    ['339-qd', { serial: '339', type: 'QĐ', issuer: null }],
    ['số57', { serial: '57', type: null, issuer: null }],
    ['57', { serial: '57', type: null, issuer: null }],
    ['057', { serial: '57', type: null, issuer: null }],
    ['KH/ĐU', { serial: null, type: 'KH', issuer: 'ĐU' }],
    ['hoi truong thon khe cat', null],
    ['chuyen doi so', null],
    ['ke hoach', null],
    ['kh', null],
    ['57 nguyen van a', null],
    ['57 58', null],
    ['0909698567', null],
    ['57 tu', null],
    ['57 中文', null],
    ['', null],
    ['   ', null],
  ];
  it.each(cases)('%j', (q, expected) => {
    expect(parseNumberQuery(q)).toEqual(expected);
  });
});

// --- Property tests -------------------------------------------------------------------------------

const typeCode = fc.constantFrom(...Object.keys(DOCUMENT_TYPES));
const issuerCode = fc.constantFrom(...Object.keys(ISSUERS));
const serialNumber = fc.integer({ min: 0, max: 9999 });
const spacing = fc.constantFrom('', ' ', '  ', '\n', ' \n');
const prefix = fc.constantFrom('', 'Số ', 'số ', 'Số: ', 'số:', 'SỐ ', 'số', 'so ');

interface Rendered {
  text: string;
  canonical: string;
}

function changeCase(ch: string, how: string): string {
  if (how === 'keep') return ch;
  return how === 'upper' ? ch.toUpperCase() : ch.toLowerCase();
}

/** A number spelled the way real texts do: leading zeros, spaces, any case, D for Đ, TƯ, NFD. */
const renderedNumber = fc
  .record({
    serial: serialNumber,
    zeros: fc.constantFrom('', '0', '00'),
    type: typeCode,
    issuer: issuerCode,
    aroundDash: fc.tuple(spacing, spacing),
    aroundSlash: fc.tuple(spacing, spacing),
    cases: fc.array(fc.constantFrom('upper', 'lower', 'keep'), { minLength: 24, maxLength: 24 }),
    plainD: fc.boolean(),
    hornedU: fc.boolean(),
    nfd: fc.boolean(),
  })
  .map((r): Rendered => {
    const issuer = r.hornedU ? r.issuer.replace(/U$/, 'Ư') : r.issuer;
    let text = `${r.zeros}${r.serial}${r.aroundDash[0]}-${r.aroundDash[1]}${r.type}${r.aroundSlash[0]}/${r.aroundSlash[1]}${issuer}`;
    text = [...text].map((ch, i) => changeCase(ch, r.cases[i % 24]!)).join('');
    if (r.plainD) text = text.replace(/Đ/g, 'D').replace(/đ/g, 'd');
    if (r.nfd) text = text.normalize('NFD');
    return { text, canonical: `${r.serial}-${r.type}/${r.issuer}` };
  });

const VI_WORDS = [
  'đảng',
  'viên',
  'chi',
  'bộ',
  'thôn',
  'Khe',
  'Cát',
  'sinh',
  'hoạt',
  'về',
  'việc',
  'ứng',
  'dụng',
  'năm',
];
const filler = fc.array(fc.constantFrom(...VI_WORDS), { maxLength: 12 }).map((w) => w.join(' '));
const validDate = fc
  .record({
    y: fc.integer({ min: 1930, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));
const writtenDate = fc
  .tuple(validDate, fc.constantFrom('/', '-', '.', 'words'), fc.boolean())
  .map(([{ y, m, d }, sep, pad]) => {
    const [dd, mm] = [d, m].map((n) => (pad ? String(n).padStart(2, '0') : String(n)));
    const text = sep === 'words' ? `${dd} tháng ${mm} năm ${y}` : `${dd}${sep}${mm}${sep}${y}`;
    return { text, iso: isoDate(y, m, d) };
  });

describe('document numbers (properties)', () => {
  it('parse to the canonical number whatever the spelling', () => {
    fc.assert(
      fc.property(prefix, renderedNumber, (p, n) => {
        expect(parseDocumentNumber(p + n.text)?.number).toBe(n.canonical);
        expect(numberKey(p + n.text)).toBe(fold(n.canonical));
        expect(numberKey(parseDocumentNumber(n.text)!)).toBe(numberKey(n.canonical));
      }),
    );
  });

  it('canonical numbers parse to themselves', () => {
    fc.assert(
      fc.property(renderedNumber, (n) => {
        expect(numberOf(n.canonical)).toBe(n.canonical);
      }),
    );
  });

  it('are found in running text with their date and issuing body', () => {
    fc.assert(
      fc.property(filler, renderedNumber, writtenDate, filler, (before, n, date, after) => {
        const text = `${before} Kế hoạch số ${n.text}, ngày ${date.text} của Ban Thường vụ Đảng ủy về ${after}.`;
        const found = findCitations(text);
        expect(found).toHaveLength(1);
        const [c] = found;
        expect(c?.number.number).toBe(n.canonical);
        expect(c?.typeName).toBe('Kế hoạch');
        expect(c?.issuedOn).toBe(date.iso);
        expect(c?.issuingOrg).toBe('Ban Thường vụ Đảng ủy');
        expect(text.slice(c!.index, c!.index + c!.raw.length)).toBe(c?.raw);
      }),
    );
  });

  it('dates, fractions and phone numbers are never citations', () => {
    const notNumber = fc.oneof(
      writtenDate.map((d) => d.text),
      writtenDate.map((d) => `ngày ${d.text}`),
      fc.tuple(fc.nat(99), fc.nat(9999)).map(([a, b]) => `${a}/${b}`),
      fc.stringMatching(/^0\d{9}$/),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(filler, notNumber)), (parts) => {
        const text = parts.map(([f, x]) => `${f} ${x}`).join(', ');
        expect(findCitations(text)).toEqual([]);
      }),
    );
  });

  it('every citation found in any text is its raw slice and parses alone', () => {
    const messy = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 6 }),
          renderedNumber.map((n) => n.text),
          fc.constantFrom(' số ', '-', '/', 'KH', 'ĐU', '\n'),
        ),
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(messy, (text) => {
        for (const c of findCitations(text)) {
          expect(text.slice(c.index, c.index + c.raw.length)).toBe(c.raw);
          expect(numberOf(c.raw)).toBe(c.number.number);
        }
      }),
    );
  });
});

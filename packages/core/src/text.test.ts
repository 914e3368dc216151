import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  collapseWhitespace,
  fold,
  foldedTokens,
  headerKey,
  nameKey,
  normalizeTonePlacement,
  sameNameKeepingDiacritics,
} from './text.ts';

/** Every Vietnamese letter (lower and upper case, NFC), plus ASCII letters. */
const VI_LETTERS = [
  ...'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz',
];
const viChar = fc.constantFrom(...VI_LETTERS, ...VI_LETTERS.map((c) => c.toUpperCase()));
const spaceChar = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\r\n');
const punctChar = fc.constantFrom('.', ',', '-', '(', ')', '"', '/', '_', ':', '0', '7');
/** Vietnamese-looking text with messy whitespace and punctuation. */
const viText = fc
  .array(fc.oneof({ weight: 6, arbitrary: viChar }, spaceChar, punctChar))
  .map((a) => a.join(''));
/** Arbitrary Unicode, including lone combining marks and astral characters. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const bothTexts = fc.oneof(viText, anyText);

describe('fold', () => {
  it('folds the examples', () => {
    expect(fold('Bàn Văn Quầy')).toBe('ban van quay');
    expect(fold('ĐẢNG ỦY')).toBe('dang uy');
    expect(fold('  Chi bộ\u00a0thôn\tNà\nHẩu ')).toBe('chi bo thon na hau');
    expect(fold('Nguyễn Thị Thu Hương')).toBe('nguyen thi thu huong');
    expect(fold('đường Ưng Văn Khiêm')).toBe('duong ung van khiem');
    expect(fold('')).toBe('');
  });

  it('treats NFD input like NFC input', () => {
    const nfc = 'Đảng ủy xã Sín Chải';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(fold(nfd)).toBe(fold(nfc));
    expect(fold(nfd)).toBe('dang uy xa sin chai');
  });

  it('maps the look-alike Ð (U+00D0) from legacy converters to d', () => {
    expect(fold('\u00d0ẢNG VIÊN')).toBe('dang vien');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(bothTexts, (s) => fold(fold(s)) === fold(s)));
  });

  it('gives the same result for NFC and NFD', () => {
    fc.assert(fc.property(bothTexts, (s) => fold(s.normalize('NFD')) === fold(s.normalize('NFC'))));
  });

  it('never outputs combining marks, đ, upper case or untidy whitespace', () => {
    fc.assert(
      fc.property(bothTexts, (s) => {
        const f = fold(s);
        expect(f).not.toMatch(/[\u0300-\u036fđĐ]/);
        expect(f).toBe(f.toLowerCase());
        expect(f).toBe(f.trim());
        expect(f).not.toMatch(/\s\s|[^\S ]/);
      }),
    );
  });

  it('turns Vietnamese text into plain ASCII', () => {
    fc.assert(fc.property(viText, (s) => /^[\x20-\x7e]*$/.test(fold(s))));
  });

  it('ignores case', () => {
    fc.assert(fc.property(viText, (s) => fold(s.toUpperCase()) === fold(s)));
  });
});

describe('cleanText', () => {
  it('normalises to NFC and tidies whitespace, keeping case and diacritics', () => {
    expect(cleanText('  Chi bộ\u00a0 thôn\n\tNà Hẩu  ')).toBe('Chi bộ thôn Nà Hẩu');
    expect(cleanText('Hẩu'.normalize('NFD'))).toBe('Hẩu'.normalize('NFC'));
  });

  it('is idempotent and NFC', () => {
    fc.assert(
      fc.property(bothTexts, (s) => {
        const c = cleanText(s);
        expect(cleanText(c)).toBe(c);
        expect(c).toBe(c.normalize('NFC'));
      }),
    );
  });

  it('keeps the same folded form', () => {
    fc.assert(fc.property(viText, (s) => fold(cleanText(s)) === fold(s)));
  });
});

describe('collapseWhitespace', () => {
  it('collapses all kinds of whitespace', () => {
    expect(collapseWhitespace('\u00a0a \t\r\n b\u2003c ')).toBe('a b c');
  });
});

describe('nameKey / sameNameKeepingDiacritics', () => {
  it('ignores case and spacing', () => {
    expect(sameNameKeepingDiacritics('Chi bộ thôn Nà Hẩu  ', 'chi bộ thôn nà hẩu')).toBe(true);
    expect(sameNameKeepingDiacritics('ĐẢNG ỦY  XÃ', 'đảng ủy xã')).toBe(true);
    expect(nameKey(' Chi  Bộ\u00a0Số 1 ')).toBe('chi bộ số 1');
  });

  it('keeps diacritics significant', () => {
    expect(sameNameKeepingDiacritics('bản Sín Chải', 'bản Sin Chải')).toBe(false);
    expect(sameNameKeepingDiacritics('Nà Hẩu', 'Nà Hậu')).toBe(false);
    expect(sameNameKeepingDiacritics('Đông', 'Dông')).toBe(false);
  });

  it('treats NFD and NFC as the same name', () => {
    expect(sameNameKeepingDiacritics('Nà Hẩu'.normalize('NFD'), 'NÀ HẨU')).toBe(true);
    fc.assert(fc.property(bothTexts, (s) => nameKey(s.normalize('NFD')) === nameKey(s.normalize('NFC'))));
  });

  it('is an equivalence consistent with nameKey', () => {
    fc.assert(
      fc.property(viText, viText, (a, b) => {
        expect(sameNameKeepingDiacritics(a, a)).toBe(true);
        expect(sameNameKeepingDiacritics(a, b)).toBe(sameNameKeepingDiacritics(b, a));
        expect(sameNameKeepingDiacritics(a, b)).toBe(nameKey(a) === nameKey(b));
      }),
    );
  });

  it('is idempotent, and names with the same key also fold equal', () => {
    fc.assert(
      fc.property(bothTexts, (s) => {
        expect(nameKey(nameKey(s))).toBe(nameKey(s));
        expect(fold(nameKey(s))).toBe(fold(s));
      }),
    );
  });

  it('matches regardless of case and spacing changes', () => {
    fc.assert(
      fc.property(viText, (s) => {
        const messy = ` ${s.toUpperCase().replace(/ /g, ' \u00a0\t')}\n`;
        return sameNameKeepingDiacritics(messy, s);
      }),
    );
  });
});

describe('headerKey', () => {
  it('reduces headers to [a-z0-9]', () => {
    expect(headerKey('Họ và  tên')).toBe('hovaten');
    expect(headerKey('SO THE DANG VIEN')).toBe('sothedangvien');
    expect(headerKey('"Chi bộ "')).toBe('chibo');
    expect(headerKey('Số CCCD/CMND')).toBe('socccdcmnd');
    expect(headerKey('Ngày vào Đảng (chính thức)')).toBe('ngayvaodangchinhthuc');
    expect(headerKey('Số thẻ Đảng viên').normalize('NFD')).toBe('sothedangvien');
  });

  it('only outputs [a-z0-9] and is idempotent', () => {
    fc.assert(
      fc.property(bothTexts, (s) => {
        const k = headerKey(s);
        expect(k).toMatch(/^[a-z0-9]*$/);
        expect(headerKey(k)).toBe(k);
      }),
    );
  });
});

describe('foldedTokens', () => {
  it('splits on spaces and punctuation', () => {
    expect(foldedTokens('  Nguyễn   Văn-An, (Chi bộ 3) ')).toEqual(['nguyen', 'van', 'an', 'chi', 'bo', '3']);
    expect(foldedTokens('ĐẢNG ỦY.xã')).toEqual(['dang', 'uy', 'xa']);
    expect(foldedTokens('  ,.- ')).toEqual([]);
    expect(foldedTokens('')).toEqual([]);
  });

  it('gives non-empty folded tokens without separators', () => {
    fc.assert(
      fc.property(bothTexts, (s) => {
        for (const t of foldedTokens(s)) {
          expect(t.length).toBeGreaterThan(0);
          expect(t).not.toMatch(/[\s.,\-()"/:_]/);
          expect(fold(t)).toBe(t);
        }
      }),
    );
  });

  it('keeps every letter and digit of the folded text', () => {
    fc.assert(fc.property(viText, (s) => foldedTokens(s).join('') === fold(s).replace(/[^a-z0-9]/g, '')));
  });
});

describe('tone placement (Hòa/Hoà)', () => {
  it('treats old and new tone placement in oa, oe, uy as the same name', () => {
    expect(nameKey('Xã Hòa Mẫu')).toBe(nameKey('xã hoà mẫu'));
    expect(nameKey('Thủy')).toBe(nameKey('thuỷ'));
    expect(nameKey('Khỏe')).toBe(nameKey('khoẻ'));
    expect(sameNameKeepingDiacritics('Chi bộ Hòa Bình', 'chi bộ hoà bình')).toBe(true);
  });
  it('leaves closed syllables and qu alone, and still tells diacritics apart', () => {
    expect(normalizeTonePlacement('hoàng quý')).toBe('hoàng quý');
    expect(nameKey('Hòa')).not.toBe(nameKey('Hoa'));
    expect(sameNameKeepingDiacritics('bản Sín Chải', 'bản Sin Chải')).toBe(false);
  });
});

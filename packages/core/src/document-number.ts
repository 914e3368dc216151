import { daysInMonth, isoDate, MAX_YEAR, MIN_YEAR } from './dates.ts';
import { collapseWhitespace, fold } from './text.ts';

/**
 * Type codes of Party documents (Hướng dẫn 36-HD/VPTW) → type name. Quy định uses QĐ today; QĐi is the
 * code older quy định carried (e.g. 08-QĐi/TW of 2018).
 */
export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  QĐi: 'Quy định',
  CT: 'Chỉ thị',
  KL: 'Kết luận',
  QC: 'Quy chế',
  HD: 'Hướng dẫn',
  KH: 'Kế hoạch',
  CTr: 'Chương trình',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  TTr: 'Tờ trình',
  ĐA: 'Đề án',
  CV: 'Công văn',
  BB: 'Biên bản',
  GM: 'Giấy mời',
  TT: 'Thông tri',
};

/** Folded type name → type code. Both quyết định and quy định are numbered QĐ. */
export const DOCUMENT_TYPE_BY_NAME: Readonly<Record<string, string>> = {
  'nghi quyet': 'NQ',
  'quyet dinh': 'QĐ',
  'quy dinh': 'QĐ',
  'chi thi': 'CT',
  'ket luan': 'KL',
  'quy che': 'QC',
  'huong dan': 'HD',
  'ke hoach': 'KH',
  'chuong trinh': 'CTr',
  'thong bao': 'TB',
  'bao cao': 'BC',
  'to trinh': 'TTr',
  'de an': 'ĐA',
  'cong van': 'CV',
  'bien ban': 'BB',
  'giay moi': 'GM',
  'thong tri': 'TT',
};

/** Common issuer codes → issuing body. Codes not listed here still parse. */
export const ISSUERS: Readonly<Record<string, string>> = {
  TW: 'Trung ương',
  VPTW: 'Văn phòng Trung ương Đảng',
  BTCTW: 'Ban Tổ chức Trung ương',
  BTGDVTW: 'Ban Tuyên giáo và Dân vận Trung ương',
  BTGTW: 'Ban Tuyên giáo Trung ương',
  BDVTW: 'Ban Dân vận Trung ương',
  BNCTW: 'Ban Nội chính Trung ương',
  BĐNTW: 'Ban Đối ngoại Trung ương',
  UBKTTW: 'Ủy ban Kiểm tra Trung ương',
  BCSĐ: 'Ban cán sự đảng',
  ĐĐ: 'Đảng đoàn',
  TU: 'Tỉnh ủy',
  ThU: 'Thành ủy',
  VPTU: 'Văn phòng Tỉnh ủy',
  BTCTU: 'Ban Tổ chức Tỉnh ủy',
  BTGTU: 'Ban Tuyên giáo Tỉnh ủy',
  BTGDVTU: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  BDVTU: 'Ban Dân vận Tỉnh ủy',
  UBKTTU: 'Ủy ban Kiểm tra Tỉnh ủy',
  HU: 'Huyện ủy',
  QU: 'Quận ủy',
  VPHU: 'Văn phòng Huyện ủy',
  BTCHU: 'Ban Tổ chức Huyện ủy',
  UBKTHU: 'Ủy ban Kiểm tra Huyện ủy',
  ĐU: 'Đảng ủy',
  ĐUK: 'Đảng ủy khối',
  VPĐU: 'Văn phòng Đảng ủy',
  UBKT: 'Ủy ban Kiểm tra',
  CB: 'Chi bộ',
  BCĐ: 'Ban Chỉ đạo',
  ĐH: 'Đại hội',
};

export interface DocumentNumber {
  serial: string;
  /** Type code as in DOCUMENT_TYPES ("KH", "QĐ", "CTr"). */
  type: string;
  /** Issuer code, canonical when known ("ĐU", "ThU"), else upper case as written. */
  issuer: string;
  /** `${serial}-${type}/${issuer}` */
  number: string;
}

export interface Citation {
  number: DocumentNumber;
  /** The type name written before "số", e.g. "Kế hoạch". */
  typeName: string | null;
  /** YYYY-MM-DD from a following "ngày 12/9/2025" or "ngày 12 tháng 9 năm 2025". */
  issuedOn: string | null;
  /** The body after "của", e.g. "Ban Thường vụ Tỉnh uỷ Gia Lai". */
  issuingOrg: string | null;
  /** Offset of `raw` in the searched text. */
  index: number;
  /** The number as written, e.g. "18 - KH/ĐU". */
  raw: string;
}

export interface NumberQuery {
  serial: string | null;
  type: string | null;
  issuer: string | null;
}

/** Upper-case ASCII key of a code: "QĐ" and "qd" → "QD", "TƯ" → "TU". */
function codeKey(code: string): string {
  return fold(code).replace(/\s+/g, '').toUpperCase();
}

function keyedByCode(codes: readonly string[]): ReadonlyMap<string, string> {
  return new Map(codes.map((code) => [codeKey(code), code]));
}

const TYPE_BY_KEY = keyedByCode(Object.keys(DOCUMENT_TYPES));
const ISSUER_BY_KEY = keyedByCode(Object.keys(ISSUERS));

/** Type code for a type name in any spelling ("Kế hoạch", "ke hoach", "QUY ĐỊNH"), else null. */
export function typeCodeFromName(name: string): string | null {
  return DOCUMENT_TYPE_BY_NAME[fold(name)] ?? null;
}

function canonicalIssuer(written: string): string {
  const [, letters = '', digits = ''] = /^(\D*)(\d*)$/u.exec(written.normalize('NFC')) ?? [];
  const known = ISSUER_BY_KEY.get(codeKey(letters));
  if (known) return known + digits;
  // Unknown code: upper case, Ư (scan error) → U, and a leading DU is Đảng ủy (DUP → ĐUP).
  const upper = letters.toUpperCase().replace(/Ư/g, 'U').replace(/Ð/g, 'Đ').replace(/^DU/, 'ĐU');
  return upper + digits;
}

/** "05" → "5"; "0" stays. */
function trimSerial(serial: string): string {
  return serial.replace(/^0+(?=\d)/, '');
}

function toDocumentNumber(serial: string, type: string, issuer: string): DocumentNumber | null {
  const typeCode = TYPE_BY_KEY.get(codeKey(type));
  if (!typeCode) return null;
  const canonical = { serial: trimSerial(serial), type: typeCode, issuer: canonicalIssuer(issuer) };
  return { ...canonical, number: `${canonical.serial}-${canonical.type}/${canonical.issuer}` };
}

/** Serials run to the thousands; longer digit runs are phone numbers and the like. */
const MAX_SERIAL_DIGITS = 5;
const LETTER = String.raw`[\p{L}\p{M}]`;
const DASH = String.raw`\s*[-\u2010-\u2015\u2212]\s*`;
/** serial - type / issuer (issuer may end in digits, e.g. BCĐ35); groups 1–3. */
const NUMBER_PARTS = String.raw`(0*\d{1,${MAX_SERIAL_DIGITS}})${DASH}(${LETTER}{1,4})\s*\/\s*(${LETTER}{1,12}\d{0,3})(?![\p{L}\p{M}\d])`;
/** Not inside a longer number or after a slash ("2020/12-…"). */
const NUMBER_START = String.raw`(?<![\d/])`;
const CITATION = new RegExp(NUMBER_START + NUMBER_PARTS, 'gu');
/** Optional word before the number ("Số", "số:", glued "số18"), then the number. */
const PREFIXED_NUMBER = new RegExp(
  String.raw`^\s*(?:(${LETTER}+)\s*:?\s*)?${NUMBER_START}${NUMBER_PARTS}`,
  'u',
);

function matchPrefixedNumber(s: string): { number: DocumentNumber; length: number } | null {
  const m = PREFIXED_NUMBER.exec(s.normalize('NFC'));
  if (!m || (m[1] !== undefined && fold(m[1]) !== 'so')) return null;
  const number = toDocumentNumber(m[2]!, m[3]!, m[4]!);
  return number && { number, length: m[0].length };
}

/**
 * Reads a text that is one document number, optionally after "Số"/"Số:": "Số 18 - KH/ĐU",
 * "số18-kh/du", "18-KH/DU." all give 18-KH/ĐU. Null when the type code is unknown or the text
 * holds more than the number.
 */
export function parseDocumentNumber(s: string): DocumentNumber | null {
  const trimmed = s.normalize('NFC').trim();
  const found = matchPrefixedNumber(trimmed);
  if (!found || !/^[\s.,;]*$/.test(trimmed.slice(found.length))) return null;
  return found.number;
}

/** A number (after an optional "Số") at the start of a line, ignoring what follows. */
export function parseLeadingDocumentNumber(line: string): DocumentNumber | null {
  return matchPrefixedNumber(line)?.number ?? null;
}

/** Matching key, equal for every spelling of a number: "Số 18 - KH/DU" → "18-kh/du". */
export function numberKey(n: DocumentNumber | string): string {
  if (typeof n !== 'string') return fold(n.number);
  const parsed = parseDocumentNumber(n);
  return parsed ? fold(parsed.number) : fold(n).replace(/\s+/g, '');
}

function isoOrNull(day: string, month: string, year: string): string | null {
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return isoDate(y, m, d);
}

const LEADING_DATE =
  /^(?:ban hành\s+)?ngày\s+(?:(?<d>\d{1,2})\s*(?<sep>[/.-])\s*(?<m>\d{1,2})\s*\k<sep>\s*(?<y>\d{4})|(?<dw>\d{1,2})\s+tháng\s+(?<mw>\d{1,2})\s+năm\s+(?<yw>\d{4}))(?!\d)/iu;

function matchLeadingDate(s: string): { iso: string | null; length: number } | null {
  const m = LEADING_DATE.exec(s);
  if (!m?.groups) return null;
  const { d, m: month, y, dw, mw, yw } = m.groups;
  const iso = d ? isoOrNull(d, month!, y!) : isoOrNull(dw!, mw!, yw!);
  return { iso, length: m[0].length };
}

/**
 * "ngày 09 tháng 02 năm 2026" or "ngày 22/4/2026" at the start of `s` → "2026-02-09"; null when
 * absent or the day does not exist.
 */
export function parseWrittenDate(s: string): string | null {
  return matchLeadingDate(s.normalize('NFC').trim())?.iso ?? null;
}

/** How far back and ahead of a number its type name, date and issuing body are looked for. */
const HEAD_CHARS = 60;
const TAIL_CHARS = 240;
const MAX_ORG_WORDS = 12;
/** Words (lower case, with diacritics: "Đà Nẵng" is a name) that end an issuing body: "của Ban Bí thư về …". */
const ORG_STOP_WORDS = new Set(['về', 'v/v', 'nhằm', 'đã', 'trong', 'tại', 'theo']);

/** Up to five words ending where the number starts ("… Kế hoạch số **"). */
const WORDS_BEFORE_NUMBER = new RegExp(String.raw`((?:${LETTER}+\s+){0,4}${LETTER}+)[\s*_:]*$`, 'u');

/** The type name directly before "số" (or before the number): "Thực hiện Kế hoạch số" → "Kế hoạch". */
function typeNameBefore(head: string): string | null {
  const m = WORDS_BEFORE_NUMBER.exec(head.normalize('NFC'));
  if (!m || /\n\s*\n/.test(m[1]!)) return null;
  const words = m[1]!.split(/\s+/);
  if (fold(words.at(-1)!) === 'so') words.pop();
  for (let i = words.length - 2; i >= 0; i--) {
    if (typeCodeFromName(`${words[i]} ${words[i + 1]}`)) return words.slice(i).join(' ');
  }
  return null;
}

/** "Ban Bí thư và Kế hoạch số …" → "Ban Bí thư"; "Ban Tổ chức Trung ương về quản lý" → "Ban Tổ chức Trung ương". */
function cutIssuingOrg(written: string): string | null {
  const words = collapseWhitespace(written).split(' ');
  const kept: string[] = [];
  for (const [i, word] of words.entries()) {
    const lower = word.toLowerCase();
    const nextIsType = typeCodeFromName(`${words[i + 1]} ${words[i + 2]}`) !== null;
    const banHanh = lower === 'ban' && words[i + 1]?.toLowerCase() === 'hành';
    if (ORG_STOP_WORDS.has(lower) || /^\d/.test(lower) || (lower === 'và' && nextIsType) || banHanh) break;
    kept.push(word);
    if (kept.length === MAX_ORG_WORDS) break;
  }
  return kept.length > 0 ? kept.join(' ') : null;
}

/** Date and issuing body following a number: ", ngày 12/9/2025 của Ban Thường vụ Tỉnh ủy". */
function readTail(tail: string): Pick<Citation, 'issuedOn' | 'issuingOrg'> {
  let rest = tail.normalize('NFC').replace(/^[\s*_]*(?:[,(][\s*_]*)?/u, '');
  const date = matchLeadingDate(rest);
  if (date) rest = rest.slice(date.length).replace(/^[\s*_)]*,?[\s*_]*/u, '');
  const org = /^của\s+([^;,.:()“”"\n]+(?:\n(?![^\S\n]*\n)[^;,.:()“”"\n]+)*)/iu.exec(rest);
  return { issuedOn: date?.iso ?? null, issuingOrg: org ? cutIssuingOrg(org[1]!) : null };
}

/**
 * Every Party document number in free text, in order, with what surrounds it: "Kế hoạch số
 * 24-KH/TU, ngày 12/9/2025 của Ban Thường vụ Tỉnh uỷ Gia Lai". Numbers may wrap across lines;
 * dates, fractions and "b/c", "V/v" never match (a known type code is required). Not deduplicated:
 * compare with numberKey.
 */
export function findCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  for (const m of text.matchAll(CITATION)) {
    const number = toDocumentNumber(m[1]!, m[2]!, m[3]!);
    if (!number) continue;
    const end = m.index + m[0].length;
    citations.push({
      number,
      typeName: typeNameBefore(text.slice(Math.max(0, m.index - HEAD_CHARS), m.index)),
      ...readTail(text.slice(end, end + TAIL_CHARS)),
      index: m.index,
      raw: m[0],
    });
  }
  return citations;
}

/** Folded query → tokens, digits split from letters ("so57" → "so", "57"); null on other characters. */
function queryTokens(q: string): string[] | null {
  const words = fold(q)
    .split(/[\s\-/.,:;]+/)
    .filter((w) => w.length > 0);
  if (!words.every((w) => /^[a-z0-9]+$/.test(w))) return null;
  return words.flatMap((w) => w.match(/[a-z]+|\d+/g) ?? []);
}

/** Reads query tokens in order: a serial, a type (code or name), an issuer after the type, "số" before the serial. */
function readQueryTokens(tokens: readonly string[]): NumberQuery | null {
  const query: NumberQuery = { serial: null, type: null, issuer: null };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1] ?? '';
    const typeByName = typeCodeFromName(`${token} ${next}`);
    const typeByCode = TYPE_BY_KEY.get(token.toUpperCase());
    const issuer = ISSUER_BY_KEY.get(token.toUpperCase());
    if (token === 'so' && /^\d/.test(next)) continue; // "số 57"
    if (/^\d+$/.test(token) && !query.serial && trimSerial(token).length <= MAX_SERIAL_DIGITS) {
      query.serial = trimSerial(token);
    } else if (typeByName && !query.type) {
      query.type = typeByName;
      i++;
    } else if (typeByCode && !query.type) {
      query.type = typeByCode;
    } else if (issuer && query.type && !query.issuer) {
      query.issuer = issuer;
    } else {
      return null;
    }
  }
  return query;
}

/**
 * Reads a search-box query as a document number, in part or whole: "57-KH/ĐU", "57 kh du", "kh 57",
 * "ke hoach so 57", "nghị quyết 26", "57". Null when the query is not shaped like a number (any
 * word that is not a serial, type or issuer), or has neither a serial nor both type and issuer.
 */
export function parseNumberQuery(q: string): NumberQuery | null {
  const whole = parseDocumentNumber(q);
  if (whole) return { serial: whole.serial, type: whole.type, issuer: whole.issuer };
  const tokens = queryTokens(q);
  const query = tokens && tokens.length > 0 ? readQueryTokens(tokens) : null;
  if (!query || (!query.serial && !(query.type && query.issuer))) return null;
  return query;
}

import {
  type Citation,
  DOCUMENT_TYPE_BY_NAME,
  type DocumentNumber,
  findCitations,
  numberKey,
  parseLeadingDocumentNumber,
  parseWrittenDate,
} from './document-number.ts';
import { collapseWhitespace, fold } from './text.ts';

export interface DetectedDocumentMeta {
  /** The document's own number: the "Số …" line of the header, else the annex's "Kèm theo … số …". */
  number: DocumentNumber | null;
  numberSource: 'header' | 'annex' | null;
  /** Type code: from the number, else from the type heading ("KẾ HOẠCH"), else CV for a "V/v" line. */
  type: string | null;
  /** Issuer code from the number. */
  issuer: string | null;
  /** Issuing body from the header lines above the "*", e.g. "Đảng ủy xã Hòa Mẫu". */
  issuingBody: string | null;
  /** Place of the date line, e.g. "Hòa Mẫu". */
  place: string | null;
  /** YYYY-MM-DD from the header date line, else from the annex line. */
  issuedOn: string | null;
  /** Trích yếu: the lines under the type heading, or a công văn's "V/v …" line. */
  title: string | null;
  /** Every citation in the text except the document's own number. */
  citations: Citation[];
}

/** How much of the text counts as the first page. */
const FIRST_PAGE_CHARS = 2500;
const FIRST_PAGE_LINES = 40;
const MAX_TITLE_LINES = 5;
const MAX_HEADING_WORDS = 6;
/** Folded first words of a body paragraph (the trích yếu starts in lower case, the body does not). */
const BODY_OPENERS = [
  'thuc hien',
  'can cu',
  'kinh gui',
  'tren co so',
  'theo de nghi',
  'xet de nghi',
  'hom nay',
  'vao hoi',
  'vao luc',
  'de',
  'nham',
  'qua',
  'sau khi',
];
/** Section headings ("I-", "II.", "1.", "a)", "Điều 1") and the "-----" rule under the title. */
const BODY_HEADING = /^(?:[IVXLC]+\s*[-.–]|\d+\s*[.)]\s|[a-zđ]\)\s|Điều\s+\d)|^[-–—_=.·]{3,}$/u;
const MOTTO = 'dang cong san viet nam';

/** Markdown emphasis, escapes and heading marks removed; a lone "*" (the header star) kept. */
function cleanLine(line: string): string {
  const s = line
    .replace(/\\([*_#\-.[\]()])/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/^\s*#{1,6}\s+/, '');
  return collapseWhitespace(/^\s*\*+\s*$/.test(s) ? '*' : s.replace(/\*/g, ''));
}

/**
 * Non-empty lines of the first page. Tabs and wide gaps separate the columns of the header (the
 * issuer on the left, motto and date on the right), so they split lines too.
 */
function firstPageLines(text: string): string[] {
  return text
    .normalize('NFC')
    .slice(0, FIRST_PAGE_CHARS)
    .split(/\r?\n|\t| {3,}/)
    .map(cleanLine)
    .filter((line) => line.length > 0)
    .slice(0, FIRST_PAGE_LINES);
}

const startsUpperCase = (line: string) => /^\p{Lu}/u.test(line);
const startsLowerCase = (line: string) => /^\p{Ll}/u.test(line);
const isUpperCaseLine = (line: string) => /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
const isStar = (line: string) => line === '*';
const isMotto = (line: string) => fold(line) === MOTTO;
const isVv = (line: string) => fold(line).startsWith('v/v');

function isBodyStart(line: string): boolean {
  if (BODY_HEADING.test(line)) return true;
  const folded = `${fold(line)} `;
  return startsUpperCase(line) && BODY_OPENERS.some((opener) => folded.startsWith(`${opener} `));
}

/** "KẾ HOẠCH", "QUY ĐỊNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG" → type code. */
function headingType(line: string): string | null {
  if (!isUpperCaseLine(line) || line.split(' ').length > MAX_HEADING_WORDS) return null;
  const folded = fold(line);
  const name = Object.keys(DOCUMENT_TYPE_BY_NAME).find((n) => folded === n || folded.startsWith(`${n} `));
  return name ? DOCUMENT_TYPE_BY_NAME[name]! : null;
}

/** A header line holding the date, possibly after the number: "Số 18-KH/ĐU Quy Nhơn, ngày …". */
const DATE_LINE = /^(.*?)[\s,]*(?<!\p{L})(ngày\s.*)$/iu;

/** "Hòa Mẫu, ngày 09 tháng 02 năm 2026" → place and date. */
function readDateLine(line: string): { place: string | null; issuedOn: string } | null {
  const m = DATE_LINE.exec(line);
  const issuedOn = m ? parseWrittenDate(m[2]!) : null;
  if (!m || !issuedOn) return null;
  // Place names hold no digits: drop a number or star written before the place.
  const place = m[1]!.replace(/^.*\d\S*\s*|^[*\s]+/u, '').trim();
  return { place: place || null, issuedOn };
}

interface FirstPage {
  lines: string[];
  /** Index of the type heading, or -1. */
  heading: number;
  /** Index of the first body line, or lines.length. */
  body: number;
  /** Lines above the type heading (or above the body when there is none). */
  header: string[];
}

function readFirstPage(text: string): FirstPage {
  const lines = firstPageLines(text);
  const bodyAt = lines.findIndex(isBodyStart);
  const body = bodyAt < 0 ? lines.length : bodyAt;
  const heading = lines.slice(0, body).findIndex((line) => headingType(line) !== null);
  return { lines, heading, body, header: lines.slice(0, heading < 0 ? body : heading) };
}

/** The trích yếu under the heading, up to the body; continuation lines of a "V/v" line start in lower case. */
function readTitle(page: FirstPage): string | null {
  const skipped = (line: string) => isMotto(line) || isStar(line) || readDateLine(line) !== null;
  if (page.heading >= 0) {
    const lines = page.lines.slice(page.heading + 1, page.body).filter((line) => !skipped(line));
    if (lines.length > 0) return lines.slice(0, MAX_TITLE_LINES).join(' ');
  }
  const vv = page.header.findIndex(isVv);
  if (vv < 0) return null;
  const lines = [page.header[vv]!];
  for (const line of page.header.slice(vv + 1)) {
    if (!startsLowerCase(line)) break;
    lines.push(line);
  }
  return lines.join(' ');
}

/** Levels whose following words are a proper name ("xã Hòa Mẫu", "thôn Khe Cát"), longest first. */
const LEVELS = [
  'tổ dân phố',
  'thành phố',
  'thị trấn',
  'thị xã',
  'đặc khu',
  'khu phố',
  'phường',
  'huyện',
  'quận',
  'tỉnh',
  'thôn',
  'bản',
  'buôn',
  'làng',
  'xã',
  'ấp',
].map((level) => level.split(' '));
/** First words of "Tỉnh ủy", "Thành uỷ", …, which the name also follows ("Tỉnh ủy Gia Lai"). */
const COMMITTEES = new Set(['tỉnh', 'thành', 'huyện', 'quận', 'thị']);
const isUy = (word: string | undefined) => word === 'ủy' || word === 'uỷ';
const isCommittee = (words: readonly string[], i: number) => COMMITTEES.has(words[i]!) && isUy(words[i + 1]);
/** "Ban …" or "Ủy ban …" starts at word i. */
const isOrgan = (words: readonly string[], i: number) =>
  (words[i] === 'ban' && !isUy(words[i - 1])) || (isUy(words[i]) && words[i + 1] === 'ban');

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Index of the first word of the proper name (after the last level word or "tỉnh ủy"); null without one. */
function nameStart(words: readonly string[]): number | null {
  let start: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const level = LEVELS.find((l) => l.every((w, j) => words[i + j] === w));
    if (isCommittee(words, i)) start = i + 2;
    else if (level) start = i + level.length;
  }
  return start;
}

/** Capitalised inside a name: Đảng, Trung ương, Tỉnh ủy, Ban and the word after it (Ban Thường vụ, Ủy ban Kiểm tra). */
function isCapitalized(words: readonly string[], i: number): boolean {
  const word = words[i];
  if (word === 'đảng' || (word === 'trung' && words[i + 1] === 'ương')) return true;
  if (isCommittee(words, i) || isOrgan(words, i)) return true;
  return words[i - 1] === 'ban' && (isOrgan(words, i - 1) || isUy(words[i - 2]));
}

/** "ĐẢNG ỦY XÃ HÒA MẪU" → "Đảng ủy xã Hòa Mẫu"; "BAN THƯỜNG VỤ TỈNH ỦY" → "Ban Thường vụ Tỉnh ủy". */
function sentenceCase(upper: string): string {
  const words = upper.toLowerCase().split(' ');
  const start = nameStart(words) ?? words.length;
  return words
    .map((w, i) => (i === 0 || i >= start || isCapitalized(words, i) ? capitalize(w) : w))
    .join(' ');
}

/** The proper name at the end of a parent line: "ĐẢNG BỘ XÃ HÒA MẪU" → "HÒA MẪU". */
function placeName(parent: string): string | null {
  const words = parent.split(' ');
  const start = nameStart(words.map((w) => w.toLowerCase()));
  return start !== null && start < words.length ? words.slice(start).join(' ') : null;
}

/** A body line ending in a level, naming no place of its own: "ĐẢNG ỦY XÃ", "TỈNH ỦY". */
function lacksPlaceName(body: string): boolean {
  const words = body.toLowerCase().split(' ');
  return nameStart(words) === words.length;
}

/** Issuing body from the upper-case lines above the "*" (or above the number): parent line + body line. */
function readIssuingBody(page: FirstPage): string | null {
  const star = page.header.findIndex(isStar);
  const numberLine = page.header.findIndex((line) => parseLeadingDocumentNumber(line) !== null);
  const end = [star, numberLine].find((i) => i >= 0) ?? page.header.length;
  const orgLines = page.header
    .slice(0, end)
    .filter((line) => isUpperCaseLine(line) && !isMotto(line) && !isStar(line));
  const body = orgLines.at(-1);
  if (!body) return null;
  const parent = orgLines.at(-2);
  const name = parent && lacksPlaceName(body) ? placeName(parent) : null;
  return sentenceCase(name ? `${body} ${name}` : body);
}

/** Whether the citation is introduced by "Kèm theo" (the typo "Kèo theo" too): an annex naming its document. */
function isAnnexReference(text: string, citation: Citation): boolean {
  const before = fold(text.slice(Math.max(0, citation.index - 80), citation.index));
  return /\bke[mo] theo(?: [a-z]+){1,5}:?$/.test(before);
}

function findAnnexCitation(
  text: string,
  citations: readonly Citation[],
  headerNumber: DocumentNumber | null,
  headingCode: string | null,
): Citation | null {
  // With a header number, only its own annex; without, an annex of the heading's type.
  const matches = (c: Citation) =>
    headerNumber
      ? numberKey(c.number) === numberKey(headerNumber)
      : headingCode === null || c.number.type === headingCode;
  return citations.find((c) => matches(c) && isAnnexReference(text, c)) ?? null;
}

/**
 * Reads the metadata of a Party document from its extracted text (PDF, DOCX or markdown): the
 * header columns (issuing body, "*", "Số …", motto, place and date), the type heading and trích
 * yếu, and the numbers cited anywhere in the text. A number cited in the body is never taken for
 * the document's own.
 */
export function detectDocumentMeta(text: string): DetectedDocumentMeta {
  const page = readFirstPage(text);
  const headerNumber = page.header.map(parseLeadingDocumentNumber).find((n) => n !== null) ?? null;
  const headingCode = page.heading >= 0 ? headingType(page.lines[page.heading]!) : null;
  const dateLine = page.header.map(readDateLine).find((d) => d !== null) ?? null;
  const allCitations = findCitations(text);
  const annex = findAnnexCitation(text, allCitations, headerNumber, headingCode);
  const number = headerNumber ?? annex?.number ?? null;
  const title = readTitle(page);
  const ownKey = number ? numberKey(number) : null;
  return {
    number,
    numberSource: headerNumber ? 'header' : annex ? 'annex' : null,
    type: number?.type ?? headingCode ?? (title && isVv(title) ? 'CV' : null),
    issuer: number?.issuer ?? null,
    issuingBody: readIssuingBody(page),
    place: dateLine?.place ?? null,
    issuedOn: dateLine?.issuedOn ?? annex?.issuedOn ?? null,
    title,
    citations: allCitations.filter((c) => numberKey(c.number) !== ownKey),
  };
}

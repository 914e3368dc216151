/** Any run of whitespace (JS `\s` covers NBSP, tabs, newlines and the Unicode space separators). */
const WHITESPACE = /\s+/g;
/** Combining diacritical marks, i.e. Vietnamese tone and vowel marks once decomposed (NFD). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/**
 * Lower-case đ, plus ð (U+00F0): legacy Vietnamese fonts/converters often produce Ð (U+00D0,
 * Icelandic eth) instead of Đ, and the two look identical on screen.
 */
const D_STROKE = /[đð]/g;

export function collapseWhitespace(s: string): string {
  return s.replace(WHITESPACE, ' ').trim();
}

/**
 * Vietnamese folding for search and matching: drops every tone/vowel mark, maps đ → d,
 * lower-cases and collapses whitespace. NFC and NFD input fold to the same string.
 */
export function fold(s: string): string {
  const stripped = s.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd');
  return collapseWhitespace(stripped);
}

/** NFC + collapsed whitespace; keeps diacritics and case. */
export function cleanText(s: string): string {
  return collapseWhitespace(s.normalize('NFC'));
}

/** The five tone marks once decomposed: grave, acute, tilde, hook above, dot below. */
const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
/**
 * Open syllables oa, oe, uy carry their tone on either vowel depending on the writer's habit
 * ("Hòa"/"Hoà", "Thủy"/"Thuỷ"); both spell the same name. Moves it to the second vowel. "qu" is a
 * consonant, so "quý" is left alone.
 */
const OLD_STYLE_TONE = new RegExp(`(^|[^q])([ou])(${TONE})([aey])(?=$|[^\\p{L}\\p{M}])`, 'gu');

export function normalizeTonePlacement(s: string): string {
  return s.normalize('NFD').replace(OLD_STYLE_TONE, '$1$2$4$3').normalize('NFC');
}

/**
 * Comparison key for names where diacritics matter but case, spacing and the placement of the tone
 * mark ("Hòa"/"Hoà") do not.
 */
export function nameKey(s: string): string {
  return collapseWhitespace(normalizeTonePlacement(s.normalize('NFC').toLowerCase()));
}

/** "Chi bộ thôn Nà Hẩu  " equals "chi bộ thôn nà hẩu", but "bản Sín Chải" ≠ "bản Sin Chải". */
export function sameNameKeepingDiacritics(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Key for matching spreadsheet column headers: folded, then only [a-z0-9] kept. */
export function headerKey(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, '');
}

/** Folded search tokens: split on whitespace and punctuation, empties dropped. */
export function foldedTokens(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((t) => t.length > 0);
}

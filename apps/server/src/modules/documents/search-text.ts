import { DOCUMENT_TYPES, fold } from '@sotay/core';

/** tsvector is limited to 1 MB; the folded body is cut well below it. */
const MAX_BODY = 600_000;

/** Folded search tokens: runs of [a-z0-9] (so "73-KH/ĐU" gives 73, kh, du). */
export function searchTokens(s: string): string[] {
  return fold(s).match(/[a-z0-9]+/g) ?? [];
}

const joinTokens = (s: string | null | undefined) => (s ? searchTokens(s).join(' ') : '');

/** What weight A holds: the number in every form people type, the type's name, trích yếu and issuer. */
export function searchHead(d: {
  number: string | null;
  type: string | null;
  title: string;
  issuingBody: string | null;
  category?: string | null;
}): string {
  const typeName = d.type ? (DOCUMENT_TYPES as Record<string, string>)[d.type] : null;
  return [d.number, typeName, d.title, d.issuingBody, d.category].map(joinTokens).filter(Boolean).join(' ');
}

export function searchBody(text: string): string {
  return joinTokens(text.slice(0, MAX_BODY * 2)).slice(0, MAX_BODY);
}

/**
 * A prefix-matching AND query for `to_tsquery('simple', …)`: every word must occur, the last one may
 * still be being typed. Tokens are [a-z0-9] only, so nothing in them is tsquery syntax.
 */
export function tsQuery(q: string): string | null {
  const tokens = searchTokens(q);
  if (!tokens.length) return null;
  // a number is typed whole ("18" must not find 180); a last word may be half typed
  return tokens.map((t, i) => (i === tokens.length - 1 && !/^\d+$/.test(t) ? `${t}:*` : t)).join(' & ');
}

/** The words as a tsquery phrase ("a <-> b <-> c"), for queries of three or more words. */
export function phraseQuery(q: string): string | null {
  const tokens = searchTokens(q);
  if (tokens.length < 3) return null;
  return tokens.map((t, i) => (i === tokens.length - 1 && !/^\d+$/.test(t) ? `${t}:*` : t)).join(' <-> ');
}

export interface Snippet {
  text: string;
  /** [start, end) offsets into `text` of the words that matched. */
  highlights: [number, number][];
}

/** Start of the window of `width` characters holding the most distinct matched words. */
function densest(hits: [number, number][], folded: string, width: number): number {
  let best = hits[0]![0];
  let bestCount = 0;
  for (const [start] of hits.slice(0, 300)) {
    const words = new Set(
      hits.filter(([a, b]) => a >= start && b <= start + width).map(([a, b]) => folded.slice(a, b)),
    );
    if (words.size > bestCount) [best, bestCount] = [start, words.size];
  }
  return best;
}

/**
 * A short passage of `body` around the first place the query's words occur, with those words marked.
 * Matching is on folded text; offsets are mapped back to the original, diacritics and all.
 */
export function snippet(body: string, q: string, width = 220): Snippet | null {
  const tokens = [...new Set(searchTokens(q))].filter((t) => t.length > 1 || /\d/.test(t));
  if (!tokens.length || !body) return null;
  // fold one character at a time: every Vietnamese letter folds to exactly one character
  const chars = [...body.slice(0, 200_000)];
  const folded = chars.map((c) => fold(c).charAt(0) || ' ').join('');
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  const hits: [number, number][] = [];
  tokens.forEach((t, i) => {
    // every word must match whole, except the last one, which may still be being typed
    const re = new RegExp(`(?<![a-z0-9])${t}${i === tokens.length - 1 ? '' : '(?![a-z0-9])'}`, 'g');
    for (const m of folded.matchAll(re)) {
      let end = m.index + t.length;
      while (end < folded.length && /[a-z0-9]/.test(folded[end]!)) end++;
      hits.push([m.index, end]);
    }
  });
  if (!hits.length) return null;
  hits.sort((a, b) => a[0] - b[0]);
  const first = densest(hits, folded, width);
  let start = Math.max(0, first - Math.floor(width / 3));
  while (start > 0 && folded[start - 1] !== ' ') start--;
  let end = Math.min(chars.length, start + width);
  while (end < chars.length && folded[end] !== ' ') end++;
  const text = body.slice(offsets[start], offsets[end]).replace(/\s+/g, ' ');
  const raw = body.slice(offsets[start], offsets[end]);
  // whitespace collapsing shifts offsets: recompute them on the collapsed text
  const shift = (i: number) => raw.slice(0, i).replace(/\s+/g, ' ').length;
  const highlights = hits
    .filter(([a, b]) => a >= start && b <= end)
    .map(([a, b]): [number, number] => [
      shift(offsets[a]! - offsets[start]!),
      shift(offsets[b]! - offsets[start]!),
    ]);
  return {
    text: `${start > 0 ? '…' : ''}${text}${end < chars.length ? '…' : ''}`,
    highlights: highlights.map(([a, b]) => [a + (start > 0 ? 1 : 0), b + (start > 0 ? 1 : 0)]),
  };
}

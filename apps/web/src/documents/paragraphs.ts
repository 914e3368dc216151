/** A page of a document's text, as paragraphs to show and to read aloud one at a time. */
export interface TextPage {
  /** 1-based, as printed on the page. */
  number: number;
  paragraphs: string[];
}

/** Ends a sentence, a heading or a list item: the next line starts a new paragraph. */
const ENDS_BLOCK = /[.:;!?…”")\]]$/u;
/** Words at the start of a line that go on the previous line's sentence. */
const CONTINUES = /^[\p{Ll}“"(]/u;
/** A line that starts something of its own: a list item, a numbered heading ("1.", "a)", "II-"). */
const STARTS_ITEM = /^([-–•+*]|\d+[.)]|[IVXLC]+\s*[-.)]|\p{Ll}\))\s/u;
const upperOnly = (s: string) => /\p{L}/u.test(s) && s === s.toLocaleUpperCase('vi');
/** A line this close to the page's longest one was broken by the page width, not by the author. */
const FULL_LINE = 0.8;

/**
 * The plain text of a document (pages separated by form feeds) as pages of paragraphs. Text taken from a
 * PDF breaks lines where the printed page did ("…của Ban Chấp" / "hành Đảng bộ tỉnh…"): a line that does
 * not end a sentence and is followed by one starting in lower case is joined to it. Headings (upper case)
 * and blank lines always end a paragraph; a Word file already has one paragraph per line.
 */
export function toPages(text: string): TextPage[] {
  const pages = text.replace(/\r\n?/g, '\n').split('\f');
  return pages
    .map((page, i) => {
      const lines = page.split('\n').map((raw) => raw.replace(/\s+/g, ' ').trim());
      const widest = Math.max(0, ...lines.map((l) => l.length));
      const paragraphs: string[] = [];
      let current = '';
      let last = '';
      for (const line of lines) {
        if (!line) {
          if (current) paragraphs.push(current);
          current = '';
          continue;
        }
        const open = current && !ENDS_BLOCK.test(current) && !upperOnly(last);
        // "…trong công tác xây dựng" / "Đảng; Hướng dẫn…": a full line goes on even before a capital
        const wrapped =
          last.length >= widest * FULL_LINE && !upperOnly(line) && !STARTS_ITEM.test(line) && widest > 40;
        if (open && (CONTINUES.test(line) || wrapped)) {
          current = `${current} ${line}`;
        } else {
          if (current) paragraphs.push(current);
          current = line;
        }
        last = line;
      }
      if (current) paragraphs.push(current);
      return { number: i + 1, paragraphs };
    })
    .filter((p) => p.paragraphs.length > 0);
}

/**
 * Pieces short enough for speech synthesis (some engines stop after ~15 s of one utterance): a long
 * paragraph is cut after sentences, then after commas, never inside a word.
 */
export function speechChunks(paragraph: string, max = 220): string[] {
  if (paragraph.length <= max) return [paragraph];
  const out: string[] = [];
  let rest = paragraph;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut =
      lastMatch(window, /[.!?;:…]\s/g) ?? lastMatch(window, /,\s/g) ?? lastMatch(window, /\s/g) ?? max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

function lastMatch(s: string, re: RegExp): number | null {
  let at: number | null = null;
  for (const m of s.matchAll(re)) if (m.index > s.length / 3) at = m.index + 1;
  return at;
}

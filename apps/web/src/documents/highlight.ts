export interface Piece {
  text: string;
  mark: boolean;
}

/**
 * A search snippet split into plain and matched pieces from the server's [start, end) offsets, so the
 * matches are shown in <mark> without ever putting the text into HTML. Offsets out of range or
 * overlapping are clipped rather than trusted.
 */
export function highlightPieces(text: string, highlights: readonly (readonly number[])[]): Piece[] {
  const ranges = highlights
    .map(
      ([a = 0, b = 0]) =>
        [Math.max(0, Math.min(a, text.length)), Math.max(0, Math.min(b, text.length))] as const,
    )
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const pieces: Piece[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    const start = Math.max(a, at);
    if (b <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), mark: false });
    pieces.push({ text: text.slice(start, b), mark: true });
    at = b;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}

/** Outcome of parsing one user-supplied value (e.g. a spreadsheet cell). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string): ParseResult<T> {
  return { ok: false, message };
}

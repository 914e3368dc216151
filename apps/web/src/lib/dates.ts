/** A date typed as three numbers (day, month, year), as people here write it. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

export function partsOf(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : emptyDate;
}

export type DateProblem = 'missing' | 'year' | 'invalid';

/** YYYY-MM-DD for a real calendar date (31/2 is refused), or what is wrong with it. */
export function isoOf(p: DateParts): { iso: string } | { problem: DateProblem } {
  if (!p.day || !p.month || !p.year) return { problem: 'missing' };
  if (!/^\d{4}$/.test(p.year) || Number(p.year) < 1900) return { problem: 'year' };
  const [d, m, y] = [Number(p.day), Number(p.month), Number(p.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!d || !m || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { problem: 'invalid' };
  return { iso: `${p.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Digits only, for fields where people type spaces or dots between groups ("0912 345 678"). */
export const digits = (s: string) => s.replace(/\D/g, '');

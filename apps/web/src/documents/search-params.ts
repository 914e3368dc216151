/** Search params of the document screens, kept in the address so Back and a reload keep them. */
export type LibraryView = 'all' | 'unread' | 'bookmarked';
export const DOCUMENT_STATUSES = ['draft', 'published', 'withdrawn', 'replaced'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface LibrarySearch {
  q?: string;
  view?: Exclude<LibraryView, 'all'>;
  type?: string;
  year?: number;
  status?: DocumentStatus;
  page?: number;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const page = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 1 ? n : undefined;
};

export function validateLibrarySearch(s: Record<string, unknown>): LibrarySearch {
  const year = Number(s.year);
  return {
    q: str(s.q),
    view: s.view === 'unread' || s.view === 'bookmarked' ? s.view : undefined,
    type: str(s.type)?.slice(0, 10),
    year: Number.isInteger(year) && year >= 1930 && year <= 2100 ? year : undefined,
    status: DOCUMENT_STATUSES.includes(s.status as DocumentStatus) ? (s.status as DocumentStatus) : undefined,
    page: page(s.page),
  };
}

export interface StatsSearch {
  orgId?: string;
  page?: number;
}

export function validateStatsSearch(s: Record<string, unknown>): StatsSearch {
  return { orgId: str(s.orgId), page: page(s.page) };
}

/** `replaces`: the document a new version is uploaded for. */
export function validateUploadSearch(s: Record<string, unknown>): { replaces?: string } {
  return { replaces: str(s.replaces) };
}

/** The completion screen's address: unit, filter and page survive Back and reload (kept out of the screen's chunk). */
export interface CompletionSearch {
  orgId?: string;
  show?: 'all' | 'done' | 'todo';
  page?: number;
}

export function validateCompletionSearch(s: Record<string, unknown>): CompletionSearch {
  const page = Number(s.page);
  return {
    orgId: typeof s.orgId === 'string' && /^[0-9a-f-]{36}$/i.test(s.orgId) ? s.orgId : undefined,
    show: s.show === 'done' || s.show === 'todo' ? s.show : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

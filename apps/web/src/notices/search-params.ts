/** Search params of the notice and feedback screens, kept in the address so Back and a reload keep them. */
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const page = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 1 ? n : undefined;
};

export const pageSearch = (s: Record<string, unknown>): { page?: number } => ({ page: page(s.page) });

export interface NoticeStatsSearch {
  orgId?: string;
  page?: number;
}
export const validateNoticeStatsSearch = (s: Record<string, unknown>): NoticeStatsSearch => ({
  orgId: str(s.orgId),
  page: page(s.page),
});

export const FEEDBACK_STATUSES = ['moi', 'dang_xu_ly', 'da_tra_loi', 'da_dong'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export interface FeedbackInboxSearch {
  status?: FeedbackStatus;
  overdue?: boolean;
}
export const validateFeedbackInboxSearch = (s: Record<string, unknown>): FeedbackInboxSearch => ({
  status: FEEDBACK_STATUSES.includes(s.status as FeedbackStatus) ? (s.status as FeedbackStatus) : undefined,
  overdue: s.overdue === true || s.overdue === 'true' ? true : undefined,
});

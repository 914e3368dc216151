import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/** The member's own questions (the home tile counts those with an answer not yet seen). */
export const myFeedbackQuery = queryOptions({
  queryKey: ['feedback', 'mine'],
  queryFn: () => data(api.GET('/api/me/feedback')),
});

/** Questions addressed to the committee's units that nobody has taken up yet (the committee tile). */
export const waitingFeedbackQuery = queryOptions({
  queryKey: ['feedback', 'inbox', { status: 'moi' }],
  queryFn: () => data(api.GET('/api/feedback', { params: { query: { status: 'moi' } } })),
});

const SEEN_KEY = 'sotay.feedbackSeen';

/** The last answer seen of each thread, kept on the device: thread id → time of that answer. */
function seen(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function markAnswerSeen(id: string, answeredAt: string | null): void {
  if (!answeredAt) return;
  const all = seen();
  if (all[id] === answeredAt) return;
  all[id] = answeredAt;
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify(all));
  } catch {
    // private mode: counted again next time
  }
}

export const hasNewAnswer = (f: { id: string; answeredAt: string | null }, map = seen()) =>
  !!f.answeredAt && (map[f.id] ?? '') < f.answeredAt;

export function countNewAnswers(items: readonly { id: string; answeredAt: string | null }[]): number {
  const map = seen();
  return items.filter((f) => hasNewAnswer(f, map)).length;
}

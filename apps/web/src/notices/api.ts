import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import type { paths } from '../api/schema.gen.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type Inbox = Ok<paths['/api/me/inbox']['get']>;
export type InboxItem = Inbox['items'][number];
export type SentNotice = Ok<paths['/api/notices/{id}']['get']>['notice'];
export type NoticeStatus = SentNotice['status'];
export type NoticeLink = SentNotice['links'][number];
export type Priority = SentNotice['priority'];
export type NoticeInput = NonNullable<
  paths['/api/notices']['post']['requestBody']
>['content']['application/json'];
export type NoticeUpdate = NonNullable<
  paths['/api/notices/{id}']['patch']['requestBody']
>['content']['application/json'];
export type NoticeStats = Ok<paths['/api/notices/{id}/stats']['get']>;

export const INBOX_PAGE_SIZE = 20;
export const SENT_PAGE_SIZE = 20;
export const UNREAD_PAGE_SIZE = 50;

export const inboxQuery = (page: number) =>
  queryOptions({
    queryKey: ['notices', 'inbox', page],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/me/inbox', { params: { query: { page, pageSize: INBOX_PAGE_SIZE } } })),
  });

/**
 * One notice of the member's inbox. There is no single-notice route for members: the inbox is read
 * (newest first) until the notice is found, which is almost always on the first page.
 */
export const inboxItemQuery = (id: string) =>
  queryOptions({
    queryKey: ['notices', 'item', id],
    staleTime: 0,
    queryFn: async (): Promise<InboxItem | null> => {
      const pageSize = 100;
      for (let page = 1; page <= 20; page++) {
        const r = await data(api.GET('/api/me/inbox', { params: { query: { page, pageSize } } }));
        const found = r.items.find((n) => n.id === id);
        if (found) return found;
        if (page * pageSize >= r.total) break;
      }
      return null;
    },
  });

export const sentListQuery = (page: number) =>
  queryOptions({
    queryKey: ['notices', 'sent', page],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/notices', { params: { query: { page, pageSize: SENT_PAGE_SIZE } } })),
  });

export const sentNoticeQuery = (id: string) =>
  queryOptions({
    queryKey: ['notices', 'sent', 'one', id],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/notices/{id}', { params: { path: { id } } })).then((r) => r.notice),
  });

export const noticeStatsQuery = (id: string, orgId: string | undefined) =>
  queryOptions({
    queryKey: ['notices', 'stats', id, orgId ?? null],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/notices/{id}/stats', { params: { path: { id }, query: { orgId } } })),
  });

export const noticeUnreadQuery = (id: string, page: number) =>
  queryOptions({
    queryKey: ['notices', 'unread-members', id, page],
    staleTime: 0,
    queryFn: () =>
      data(
        api.GET('/api/notices/{id}/unread', {
          params: { path: { id }, query: { page, pageSize: UNREAD_PAGE_SIZE } },
        }),
      ),
  });

/** A meeting a notice links to (its title and time for the link's words). */
export const linkedMeetingQuery = (id: string) =>
  queryOptions({
    queryKey: ['notices', 'linked-meeting', id],
    queryFn: () => data(api.GET('/api/meetings/{id}', { params: { path: { id } } })).then((r) => r.meeting),
    staleTime: 5 * 60_000,
  });

/** After any change: the inbox, the sender's lists and statistics, the home tile's count. */
export const refreshNotices = () => queryClient.invalidateQueries({ queryKey: ['notices'] });

/** Marks a notice read and lowers the count at once (the stream only reports new notices). */
export async function markRead(id: string): Promise<void> {
  await api.POST('/api/me/inbox/{id}/read', { params: { path: { id } } });
  queryClient.setQueryData<number>(['notices', 'unread'], (n) => (n ? n - 1 : n));
  await refreshNotices();
}

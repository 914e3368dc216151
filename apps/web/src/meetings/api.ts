import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import type { paths } from '../api/schema.gen.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type Meeting = Ok<paths['/api/meetings/{id}']['get']>['meeting'];
export type MeetingKind = Meeting['kind'];
export type NewMeeting = NonNullable<
  paths['/api/meetings']['post']['requestBody']
>['content']['application/json'];
export type Attendance = Ok<paths['/api/meetings/{id}/attendance']['get']>;
export type AttendanceRow = Attendance['items'][number];
export type Minutes = Ok<paths['/api/meetings/{id}/minutes']['get']>;
export type MinutesFields = Minutes['fields'];
export type UnitStats = Ok<paths['/api/meetings/stats']['get']>;
export type MemberStats = Ok<paths['/api/meetings/stats/members']['get']>['items'][number];
export type FrequentAbsence = Ok<paths['/api/meetings/stats/frequent-absences']['get']>['items'][number];

export const MEETING_KINDS: MeetingKind[] = ['dinh_ky', 'chuyen_de', 'bat_thuong', 'hoi_nghi'];
/** Set by the service worker on an answer taken from this device's copy because the network failed. */
export const SAVED_COPY_HEADER = 'x-sotay-saved-copy';

/**
 * The meetings of the signed-in person (invited, and managed): one page of the newest is enough for a
 * chi bộ (a meeting a month). Tried even when the browser says it is offline: the service worker keeps
 * the last answer so the list opens with no signal (docs/decisions/0027).
 */
export const meetingsQuery = queryOptions({
  queryKey: ['meetings', 'list'],
  queryFn: async () => {
    const r = await api.GET('/api/meetings', { params: { query: { pageSize: 100 } } });
    return { ...r.data!, savedCopy: r.response.headers.get(SAVED_COPY_HEADER) === '1' };
  },
  networkMode: 'offlineFirst',
  staleTime: 0,
});

export const meetingQuery = (id: string) =>
  queryOptions({
    queryKey: ['meetings', 'detail', id],
    queryFn: async () => {
      const r = await api.GET('/api/meetings/{id}', { params: { path: { id } } });
      return { meeting: r.data!.meeting, savedCopy: r.response.headers.get(SAVED_COPY_HEADER) === '1' };
    },
    networkMode: 'offlineFirst',
    staleTime: 0,
  });

export const attendanceQuery = (id: string) =>
  queryOptions({
    queryKey: ['meetings', 'attendance', id],
    queryFn: () => data(api.GET('/api/meetings/{id}/attendance', { params: { path: { id } } })),
    staleTime: 0,
  });

export const minutesQuery = (id: string) =>
  queryOptions({
    queryKey: ['meetings', 'minutes', id],
    queryFn: () => data(api.GET('/api/meetings/{id}/minutes', { params: { path: { id } } })),
  });

export interface Period {
  orgId?: string;
  from: string;
  to: string;
}

export const unitStatsQuery = (p: Period) =>
  queryOptions({
    queryKey: ['meetings', 'stats', 'units', p],
    queryFn: () => data(api.GET('/api/meetings/stats', { params: { query: p } })),
  });
export const memberStatsQuery = (p: Period) =>
  queryOptions({
    queryKey: ['meetings', 'stats', 'members', p],
    queryFn: () => data(api.GET('/api/meetings/stats/members', { params: { query: p } })),
  });
export const frequentAbsencesQuery = (p: Period) =>
  queryOptions({
    queryKey: ['meetings', 'stats', 'frequent', p],
    queryFn: () => data(api.GET('/api/meetings/stats/frequent-absences', { params: { query: p } })),
  });

/** After a change: lists, the meeting, the home tile. */
export const refreshMeetings = () => queryClient.invalidateQueries({ queryKey: ['meetings'] });

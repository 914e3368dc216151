import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/**
 * The member's own topics: the home tile counts those not completed. Always fetched anew on opening a
 * screen (staleTime 0): reading a document in the library changes "đã đọc" here.
 */
export const myStudyQuery = queryOptions({
  queryKey: ['me', 'study'],
  staleTime: 0,
  queryFn: () => data(api.GET('/api/me/study', { params: { query: { pageSize: 200 } } })),
});

export const myTopicQuery = (id: string) =>
  queryOptions({
    queryKey: ['me', 'study', id],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/me/study/{id}', { params: { path: { id } } })).then((r) => r.topic),
  });

export const studyTopicsQuery = queryOptions({
  queryKey: ['study', 'topics'],
  queryFn: () => data(api.GET('/api/study/topics', { params: { query: { pageSize: 200 } } })),
});

export const studyTopicQuery = (id: string) =>
  queryOptions({
    queryKey: ['study', 'topics', id],
    queryFn: () => data(api.GET('/api/study/topics/{id}', { params: { path: { id } } })).then((r) => r.topic),
  });

export const completionQuery = (id: string, orgId: string | undefined) =>
  queryOptions({
    queryKey: ['study', 'topics', id, 'completion', orgId ?? null],
    queryFn: () =>
      data(api.GET('/api/study/topics/{id}/completion', { params: { path: { id }, query: { orgId } } })),
  });

export const memberReviewQuery = (id: string, memberId: string) =>
  queryOptions({
    queryKey: ['study', 'topics', id, 'member', memberId],
    queryFn: () =>
      data(api.GET('/api/study/topics/{id}/members/{memberId}', { params: { path: { id, memberId } } })),
  });

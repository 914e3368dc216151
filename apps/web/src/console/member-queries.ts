import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/** The account and the VNeID/device facts beside a member's record (the detail page loads all three at once). */
export const accountQuery = (memberId: string) =>
  queryOptions({
    queryKey: ['member', memberId, 'account'],
    queryFn: () => data(api.GET('/api/members/{id}/account', { params: { path: { id: memberId } } })),
  });

export const deviceQuery = (memberId: string) =>
  queryOptions({
    queryKey: ['member', memberId, 'device'],
    queryFn: () => data(api.GET('/api/members/{id}/device', { params: { path: { id: memberId } } })),
  });

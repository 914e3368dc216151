import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/** What waits for the committee: shown on the home tiles and on the two review screens. */
export const pendingRegistrationsQuery = queryOptions({
  queryKey: ['registrations', 'pending'],
  queryFn: () => data(api.GET('/api/registrations', { params: { query: { status: 'pending' } } })),
});

export const pendingCorrectionsQuery = queryOptions({
  queryKey: ['corrections', 'pending'],
  queryFn: () => data(api.GET('/api/corrections', { params: { query: { status: 'pending' } } })),
});

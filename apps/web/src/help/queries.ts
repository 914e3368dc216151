import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { paths } from '../api/schema.gen.ts';

/** Who to call for help: the member's chi bộ first, then each level above. */
export const supportContactsQuery = queryOptions({
  queryKey: ['support-contacts', 'mine'],
  queryFn: () => data(api.GET('/api/support-contacts')),
  staleTime: 5 * 60_000,
});

export const unitContactsQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['support-contacts', 'unit', orgId],
    queryFn: () => data(api.GET('/api/orgs/{id}/support-contacts', { params: { path: { id: orgId } } })),
    staleTime: 0,
  });

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
export type SupportContact = Ok<paths['/api/support-contacts']['get']>['items'][number];

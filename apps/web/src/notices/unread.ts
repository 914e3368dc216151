import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/** How many notices the member has not read (the home tile's number); kept live by the event stream. */
export const noticesUnreadQuery = queryOptions({
  queryKey: ['notices', 'unread'],
  queryFn: () =>
    data(api.GET('/api/me/inbox', { params: { query: { page: 1, pageSize: 1 } } })).then((r) => r.unread),
});

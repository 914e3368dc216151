import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { syncSavedDocuments } from './offline.ts';

/**
 * How many published documents the person has not read (the home tile's number). A committee member
 * also sees drafts in the library, so the count asks for published ones only. Each time it is fetched
 * the service worker is asked to refresh the documents saved for offline reading (it skips the work
 * when it did it recently).
 */
export const unreadCountQuery = (committee: boolean) =>
  queryOptions({
    queryKey: ['documents', 'unread-count', committee],
    queryFn: async () => {
      const r = await data(
        api.GET('/api/documents', {
          params: {
            query: { unread: 'true', status: committee ? 'published' : undefined, page: 1, pageSize: 1 },
          },
        }),
      );
      void syncSavedDocuments();
      return r.total;
    },
  });

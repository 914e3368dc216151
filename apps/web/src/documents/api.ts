import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, data } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import type { paths } from '../api/schema.gen.ts';
import { meQuery } from '../auth/session.ts';
import { i18n } from '../i18n/index.ts';
import { SAVED_COPY_HEADER } from './offline.ts';
import type { LibrarySearch } from './search-params.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
type Created<Op> = Op extends { responses: { 201: infer R } } ? Json<R> : never;

export type DocumentDetail = Ok<paths['/api/documents/{id}']['get']>['document'];
export type DocumentFile = DocumentDetail['files'][number];
export type Uploaded = Created<paths['/api/documents']['post']>;
export type Detected = Uploaded['detected'];
export type DocumentUpdate = NonNullable<
  paths['/api/documents/{id}']['patch']['requestBody']
>['content']['application/json'];
export type DocumentStats = Ok<paths['/api/documents/{id}/stats']['get']>;
export type UnreadMembers = Ok<paths['/api/documents/{id}/unread']['get']>;
export type AttachedFile = Created<paths['/api/documents/{id}/attachments']['post']>['file'];

export const LIBRARY_PAGE_SIZE = 20;
export const UNREAD_PAGE_SIZE = 50;

function fetchLibrary(search: LibrarySearch, committee: boolean) {
  return data(
    api.GET('/api/documents', {
      params: {
        query: {
          q: search.q,
          type: search.type,
          year: search.year,
          // the status filter is for committees only (the server refuses it from members)
          status: committee ? search.status : undefined,
          unread: search.view === 'unread' ? 'true' : undefined,
          bookmarked: search.view === 'bookmarked' ? 'true' : undefined,
          page: search.page ?? 1,
          pageSize: LIBRARY_PAGE_SIZE,
        },
      },
    }),
  );
}
export type DocumentList = Awaited<ReturnType<typeof fetchLibrary>>;
export type ListedDocument = DocumentList['items'][number];

export const libraryQuery = (search: LibrarySearch, committee: boolean) =>
  queryOptions({
    queryKey: ['documents', 'list', search, committee],
    queryFn: () => fetchLibrary(search, committee),
  });

/** `savedCopy`: the service worker answered from this device's saved copy (no network). */
export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: ['documents', 'detail', id],
    queryFn: async () => {
      const r = await api.GET('/api/documents/{id}', { params: { path: { id } } });
      return { document: r.data!.document, savedCopy: r.response.headers.get(SAVED_COPY_HEADER) === '1' };
    },
    // tried even when the browser says it is offline: the service worker may have the document saved
    networkMode: 'offlineFirst',
  });

export const statsQuery = (id: string, orgId: string | undefined) =>
  queryOptions({
    queryKey: ['documents', 'stats', id, orgId ?? null],
    queryFn: () => data(api.GET('/api/documents/{id}/stats', { params: { path: { id }, query: { orgId } } })),
  });

export const unreadQuery = (id: string, orgId: string | undefined, page: number) =>
  queryOptions({
    queryKey: ['documents', 'unread', id, orgId ?? null, page],
    queryFn: () =>
      data(
        api.GET('/api/documents/{id}/unread', {
          params: { path: { id }, query: { orgId, page, pageSize: UNREAD_PAGE_SIZE } },
        }),
      ),
  });

/** After any change: lists, the reader, the home tile's count. */
export const refreshDocuments = () => queryClient.invalidateQueries({ queryKey: ['documents'] });

export const documentLabel = (d: { number: string | null; title: string }) => d.number ?? d.title;

/**
 * A multipart upload with progress (fetch cannot report the bytes sent): large files on a weak signal
 * take minutes, and a bar that moves is the difference between waiting and giving up.
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = queryClient.getQueryData(meQuery.queryKey)?.csrfToken;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.response as T);
        return;
      }
      const body = xhr.response as { error?: { code?: string; message?: string } } | null;
      reject(
        new ApiError(
          xhr.status,
          body?.error?.code ?? `http_${xhr.status}`,
          body?.error?.message ?? i18n.t('errors.generic'),
          body,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.send(form);
  });
}

/** "12,5 MB" in the words of the language shown. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: u ? 1 : 0 });
  return `${fmt.format(n)} ${units[u]}`;
}

/**
 * Documents kept for reading without a network (docs/decisions/0024). The service worker keeps the
 * detail and the main file of every bookmarked document (and of assigned study topics) in one cache,
 * reconciled with the server when asked; the page only reads that cache and asks for a sync.
 */
export const SAVED_DOCUMENTS_CACHE = 'sotay-documents';
/** Set by the service worker on an answer taken from that cache because the network failed. */
export const SAVED_COPY_HEADER = 'x-sotay-saved-copy';

const hasCaches = () => typeof caches !== 'undefined';

/** Asks the service worker to bring the saved documents in line with the bookmarks; true once done. */
export async function syncSavedDocuments(force = false): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const reg = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  const worker = reg?.active;
  if (!worker) return false;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(() => resolve(false), 120_000);
    channel.port1.onmessage = (e: MessageEvent<{ ok?: boolean }>) => {
      window.clearTimeout(timer);
      resolve(e.data?.ok === true);
    };
    worker.postMessage({ type: 'documents:sync', force }, [channel.port2]);
  });
}

export async function isSavedOffline(id: string): Promise<boolean> {
  if (!hasCaches()) return false;
  return !!(await caches.match(`/api/documents/${id}`, { cacheName: SAVED_DOCUMENTS_CACHE }));
}

export interface SavedDocument {
  id: string;
  number: string | null;
  title: string;
  typeName: string | null;
}

/** What is saved on this device, read from the cached details (works offline). */
export async function savedDocuments(): Promise<SavedDocument[]> {
  if (!hasCaches() || !(await caches.has(SAVED_DOCUMENTS_CACHE))) return [];
  const cache = await caches.open(SAVED_DOCUMENTS_CACHE);
  const details = (await cache.keys()).filter((r) =>
    /^\/api\/documents\/[^/]+$/.test(new URL(r.url).pathname),
  );
  const docs = await Promise.all(
    details.map(async (r) => {
      const body = (await (await cache.match(r))?.json().catch(() => null)) as {
        document?: SavedDocument;
      } | null;
      const d = body?.document;
      return d ? { id: d.id, number: d.number, title: d.title, typeName: d.typeName ?? null } : null;
    }),
  );
  return docs.filter((d): d is SavedDocument => d !== null);
}

/** On sign-out: the next person on this phone must not find the last one's documents. */
export async function clearSavedDocuments(): Promise<void> {
  if (hasCaches()) await caches.delete(SAVED_DOCUMENTS_CACHE).catch(() => false);
}

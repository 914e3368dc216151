// Service worker of Sổ tay đảng viên điện tử, written by hand (docs/decisions/0011).
// The build (plugins/service-worker.ts) replaces the placeholders below with the app shell's files, the
// files kept only once a document is saved for offline reading (the PDF viewer), and a hash of their
// contents, so every release installs as a new worker that waits for the user.
const VERSION = '__SW_VERSION__';
const PRECACHE = __SW_PRECACHE__;
const ON_DEMAND = __SW_ON_DEMAND__;
const CACHE = `sotay-shell-${VERSION}`;
const SHELL = '/index.html';
const OFFLINE = '/offline.html';
/** On a weak signal, a navigation that has not answered by then is served from the cached shell. */
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((n) => n.startsWith('sotay-') && n !== CACHE && n !== DOCUMENTS && n !== MEETINGS)
          .map((n) => caches.delete(n)),
      );
      await self.clients.claim();
      // refresh the saved documents (and fetch the PDF viewer of this release) without holding up
      // activation: fetches wait for it
      syncDocuments(true).catch(() => {});
    })(),
  );
});

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === 'SKIP_WAITING') self.skipWaiting();
  if (type === 'documents:sync') {
    const reply = event.ports[0];
    event.waitUntil(
      syncDocuments(event.data.force === true).then(
        () => reply?.postMessage({ ok: true }),
        () => reply?.postMessage({ ok: false }),
      ),
    );
  }
});

// ---- Documents saved for offline reading (docs/decisions/0024) ----
// Bookmarked documents ("xem sau") and those of study topics still to be done: the detail JSON and the
// main file, in a cache of their own that outlives releases. The page asks for a sync (app start, a
// bookmark changed); the list comes from the server, so removing a bookmark removes the copy.
const DOCUMENTS = 'sotay-documents';
const SAVED_COPY_HEADER = 'x-sotay-saved-copy';
const MAX_DOCUMENTS = 40;
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_TOTAL_BYTES = 150 * 1024 * 1024;
/** A sync that is not forced is skipped when the last one is this recent. */
const SYNC_INTERVAL_MS = 10 * 60 * 1000;
/** A saved document whose network answer is slower than this is shown from the copy. */
const DOCUMENT_TIMEOUT_MS = 6000;
const DETAIL_PATH = /^\/api\/documents\/[0-9a-f-]{36}$/;
const FILE_PATH = /^\/api\/documents\/[0-9a-f-]{36}\/files\/[0-9a-f-]{36}$/;

let lastSync = 0;
let syncing = Promise.resolve();

async function getJson(path) {
  const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401) throw Object.assign(new Error('signed out'), { signedOut: true });
  return res.ok ? res.json() : null;
}

/** Ids of assigned study topics' documents not yet read; none when the study module does not answer. */
async function studyDocumentIds() {
  try {
    const list = await getJson('/api/me/study?pageSize=20');
    const topics = (list?.items || []).filter((t) => t.status === 'assigned' && !t.progress?.completed);
    const ids = [];
    for (const t of topics.slice(0, 5)) {
      const one = await getJson(`/api/me/study/${t.id}`);
      for (const d of one?.topic?.documents || []) if (!d.read) ids.push(d.id);
    }
    return ids;
  } catch (e) {
    if (e.signedOut) throw e;
    return [];
  }
}

async function reconcileDocuments() {
  const cache = await caches.open(DOCUMENTS);
  let wanted;
  try {
    const bookmarked = await getJson(`/api/documents?bookmarked=true&pageSize=${MAX_DOCUMENTS}`);
    if (!bookmarked) return; // the server is unwell: keep what is saved
    wanted = [...new Set([...bookmarked.items.map((d) => d.id), ...(await studyDocumentIds())])];
  } catch (e) {
    if (e.signedOut) await caches.delete(DOCUMENTS);
    if (e.signedOut) return;
    throw e; // offline: keep what is saved
  }
  const keep = new Set();
  let total = 0;
  for (const id of wanted.slice(0, MAX_DOCUMENTS)) {
    const path = `/api/documents/${id}`;
    const res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) continue;
    const { document } = await res.clone().json();
    await cache.put(path, res);
    keep.add(path);
    const main = document.files.find((f) => f.role === 'main');
    if (!main || main.size > MAX_FILE_BYTES || total + main.size > MAX_TOTAL_BYTES) continue;
    total += main.size;
    if (!(await cache.match(main.url))) {
      const file = await fetch(main.url, { credentials: 'same-origin' });
      if (file.status !== 200) continue;
      await cache.put(main.url, file);
    }
    keep.add(main.url);
  }
  for (const request of await cache.keys()) {
    if (!keep.has(new URL(request.url).pathname)) await cache.delete(request);
  }
  // the PDF viewer, left out of the precache, must be here too once something can be read offline
  if (keep.size) {
    const shell = await caches.open(CACHE);
    for (const file of ON_DEMAND) if (!(await shell.match(file))) await shell.add(file).catch(() => {});
  }
}

function syncDocuments(force) {
  if (!force && Date.now() - lastSync < SYNC_INTERVAL_MS) return syncing;
  lastSync = Date.now();
  syncing = syncing.catch(() => {}).then(reconcileDocuments);
  return syncing;
}

function savedCopy(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_COPY_HEADER, '1');
  return new Response(response.body, { status: response.status, headers });
}

/** A saved document: the network's answer when it comes in time (and the copy refreshed), else the copy. */
async function documentDetail(request, path) {
  const cache = await caches.open(DOCUMENTS);
  const saved = await cache.match(path);
  const network = fetch(request).then(async (res) => {
    if (saved && res.ok) await cache.put(path, res.clone());
    // withdrawn, no longer visible, or signed out: the copy goes too
    if (saved && [401, 403, 404].includes(res.status)) await cache.delete(path);
    return res;
  });
  if (!saved) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), DOCUMENT_TIMEOUT_MS));
  // offline (the fetch fails) or too slow: the copy
  const first = await Promise.race([network.catch(() => null), timeout]);
  return first || savedCopy(saved);
}

/** A document's file never changes under its id: the saved one is used as it is. */
async function documentFile(request, path) {
  const saved = await (await caches.open(DOCUMENTS)).match(path);
  return saved || fetch(request);
}

// ---- Meetings opened with no signal (docs/decisions/0027) ----
// The meeting list and each meeting the person opened: the network's answer when there is one (and the
// copy refreshed), else the last copy, so a member in a village hall with no signal can still open the
// meeting and its check-in screen. Deleted on sign-out and on 401/403/404.
const MEETINGS = 'sotay-meetings';
const MEETING_PATH = /^\/api\/meetings(\/[0-9a-f-]{36})?$/;

async function meetingAnswer(request, url) {
  const cache = await caches.open(MEETINGS);
  const key = url.pathname + url.search;
  const network = fetch(request).then(async (res) => {
    if (res.ok) await cache.put(key, res.clone());
    if ([401, 403, 404].includes(res.status)) await cache.delete(key);
    return res;
  });
  const saved = await cache.match(key);
  if (!saved) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), DOCUMENT_TIMEOUT_MS));
  const first = await Promise.race([network.catch(() => null), timeout]);
  return first || savedCopy(saved);
}

async function fromCache(path) {
  const cache = await caches.open(CACHE);
  return cache.match(path, { ignoreSearch: true });
}

/** Network first; the cached shell when the network fails or is too slow; the offline page as a last resort. */
async function navigate(request) {
  const network = fetch(request);
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    const shell = await fromCache(SHELL);
    return shell || (await network);
  } catch {
    return (await fromCache(SHELL)) || (await fromCache(OFFLINE)) || Response.error();
  }
}

/** Cache first for the build's files (hashed names never change); anything else new is kept too. */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // API answers are not cached here (they are personal and must be current), except the documents a
  // person saved for offline reading; byte ranges (video, seeking) always go to the network.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    if (MEETING_PATH.test(url.pathname)) event.respondWith(meetingAnswer(request, url));
    else if (DETAIL_PATH.test(url.pathname)) event.respondWith(documentDetail(request, url.pathname));
    else if (FILE_PATH.test(url.pathname) && !request.headers.has('range'))
      event.respondWith(documentFile(request, url.pathname));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith(asset(request));
});

// ---- Web push (docs/decisions/0026) ----
// The server sends {title, body, url, tag}: a new notice, or an answer to the member's question.
self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : '' };
  }
  const url = typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/';
  event.waitUntil(
    self.registration.showNotification(message.title || 'Sổ tay đảng viên', {
      body: message.body || '',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      lang: 'vi',
      tag: message.tag,
      data: { url },
    }),
  );
});

/** A tap on the notification: the open app is brought forward at that page, or the app is opened there. */
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data?.url || '/';
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((c) => new URL(c.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        if (new URL(focused.url).href !== target) await focused.navigate(target).catch(() => null);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});

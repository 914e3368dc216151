// Service worker of Sổ tay đảng viên điện tử, written by hand (docs/decisions/0011).
// The build (plugins/service-worker.ts) replaces the two placeholders below with the app shell's files
// and a hash of their contents, so every release installs as a new worker that waits for the user.
const VERSION = '__SW_VERSION__';
const PRECACHE = __SW_PRECACHE__;
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
        names.filter((n) => n.startsWith('sotay-') && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

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
  // API answers are never cached here: they are personal and must be current.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith(asset(request));
});

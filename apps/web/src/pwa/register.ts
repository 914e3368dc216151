import { useSyncExternalStore } from 'react';

/** A new service worker installed and waiting: the app offers "Cập nhật" instead of switching on its own. */
let waiting: ServiceWorker | null = null;
/** Set when the person pressed "Cập nhật": only then does a change of worker reload the page. */
let updating = false;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

function watch(reg: ServiceWorkerRegistration) {
  const track = (sw: ServiceWorker | null) => {
    if (!sw) return;
    const check = () => {
      if (sw.state === 'installed' && navigator.serviceWorker.controller) {
        waiting = sw;
        notify();
      }
    };
    sw.addEventListener('statechange', check);
    check();
  };
  track(reg.waiting);
  reg.addEventListener('updatefound', () => track(reg.installing));
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // the first install also changes the controller (clients.claim): no reload for that one
    if (!updating) return;
    updating = false;
    window.location.reload();
  });
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then((reg) => {
        watch(reg);
        // look for a new release when the app comes back to the foreground
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') void reg.update().catch(() => undefined);
        });
      })
      .catch(() => undefined);
  });
}

export function applyUpdate(): void {
  if (!waiting) return;
  updating = true;
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

export function useUpdateWaiting(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => waiting !== null,
  );
}

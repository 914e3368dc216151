import { useSyncExternalStore } from 'react';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const DISMISSED_KEY = 'sotay.installHintDismissed';
let deferred: BeforeInstallPromptEvent | null = null;
let dismissed = (() => {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
})();
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

window.addEventListener('beforeinstallprompt', (e) => {
  e.preventDefault();
  deferred = e as BeforeInstallPromptEvent;
  notify();
});
window.addEventListener('appinstalled', () => {
  deferred = null;
  notify();
});

export const standalone = () =>
  window.matchMedia('(display-mode: standalone)').matches ||
  (navigator as Navigator & { standalone?: boolean }).standalone === true;
/** iPhone/iPad Safari has no install prompt: people add the app through the Share menu. */
export const isIos = () =>
  /iphone|ipad|ipod/i.test(navigator.userAgent) ||
  (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);

export type InstallHint = 'android' | 'ios' | null;

function current(): InstallHint {
  if (dismissed || standalone()) return null;
  if (deferred) return 'android';
  return isIos() ? 'ios' : null;
}

let snapshot = current();
listeners.add(() => {
  snapshot = current();
});

export function useInstallHint(): InstallHint {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}

export async function promptInstall(): Promise<void> {
  if (!deferred) return;
  await deferred.prompt();
  await deferred.userChoice.catch(() => undefined);
  deferred = null;
  notify();
}

export function dismissInstallHint(): void {
  dismissed = true;
  try {
    localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // private mode: hidden for this visit
  }
  notify();
}

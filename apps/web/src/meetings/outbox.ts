import { useSyncExternalStore } from 'react';

/**
 * Check-ins made with no network, kept on this device until they are sent (docs/decisions/0027): the code
 * with the time it was entered, which the server checks against that moment. Also the outcome once sent,
 * until the member has seen it. Small and dependency-free: the app frame reads it on every start.
 */
export interface QueuedCheckIn {
  meetingId: string;
  code: string;
  via: 'qr' | 'code';
  scannedAt: string;
  /** The account that checked in; another account signed in later does not send it. */
  userId: string | null;
  title: string | null;
  status: 'waiting' | 'accepted' | 'rejected';
  checkedInAt?: string;
  message?: string;
}

const KEY = 'sotay.checkInOutbox';
const listeners = new Set<() => void>();
let snapshot: QueuedCheckIn[] | null = null;

function load(): QueuedCheckIn[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as QueuedCheckIn[]) : [];
  } catch {
    return [];
  }
}

export function readOutbox(): QueuedCheckIn[] {
  snapshot ??= load();
  return snapshot;
}

function write(items: QueuedCheckIn[]) {
  snapshot = items;
  try {
    if (items.length) localStorage.setItem(KEY, JSON.stringify(items));
    else localStorage.removeItem(KEY);
  } catch {
    // storage full or private mode: kept in memory for this visit
  }
  for (const l of listeners) l();
}

/** Adds or replaces the entry of a meeting (one check-in per meeting). */
export function putCheckIn(item: QueuedCheckIn): void {
  write([...readOutbox().filter((x) => x.meetingId !== item.meetingId), item]);
}

export function updateCheckIn(meetingId: string, change: Partial<QueuedCheckIn>): void {
  write(readOutbox().map((x) => (x.meetingId === meetingId ? { ...x, ...change } : x)));
}

export function dropCheckIn(meetingId: string): void {
  write(readOutbox().filter((x) => x.meetingId !== meetingId));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const other = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    snapshot = null; // another tab changed it
    listener();
  };
  window.addEventListener('storage', other);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', other);
  };
}

export function useOutbox(): QueuedCheckIn[] {
  return useSyncExternalStore(subscribe, readOutbox);
}

/** On sign-out: the copies of meetings the service worker kept for opening offline go too. */
export async function clearSavedMeetings(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete('sotay-meetings').catch(() => false);
}

import { api, data } from '../api/client.ts';
import { isIos, standalone } from '../pwa/install.ts';

/**
 * Web push on this device. `ios-install`: Safari on an iPhone delivers web push only to the app added to
 * the home screen (iOS 16.4+), so there is nothing to switch on in the browser tab.
 */
export type PushState = 'unsupported' | 'ios-install' | 'denied' | 'on' | 'off';
export type PushProblem = 'denied' | 'dismissed' | 'not-ready' | 'failed';

export class PushError extends Error {
  constructor(
    readonly problem: PushProblem,
    message: string = problem,
  ) {
    super(message);
  }
}

const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The service worker's registration; on the very first visit it may still be installing. */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  const reg = await navigator.serviceWorker.getRegistration();
  if (reg?.active) return reg;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 8000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

async function register(sub: PushSubscription): Promise<void> {
  const keys = sub.toJSON().keys ?? {};
  await api.POST('/api/me/push-subscriptions', {
    body: { endpoint: sub.endpoint, keys: { p256dh: keys.p256dh ?? '', auth: keys.auth ?? '' } },
  });
}

export async function currentPushState(): Promise<PushState> {
  if (isIos() && !standalone()) return 'ios-install';
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub || Notification.permission !== 'granted') return 'off';
  // keep the server in step with the device (it forgets subscriptions the push service calls gone)
  await register(sub).catch(() => undefined);
  return 'on';
}

/** Asks the person, subscribes with the server's VAPID key and hands the subscription to the server. */
export async function enablePush(): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') throw new PushError('denied');
  if (permission !== 'granted') throw new PushError('dismissed');
  const reg = await registration();
  if (!reg) throw new PushError('not-ready');
  const { publicKey } = await data(api.GET('/api/push/public-key'));
  const key = keyBytes(publicKey);
  let sub: PushSubscription;
  try {
    const existing = await reg.pushManager.getSubscription();
    // made with another key (the server's keys were replaced): subscribe again
    if (existing && !sameKey(existing.options.applicationServerKey, key)) await existing.unsubscribe();
    sub =
      existing && sameKey(existing.options.applicationServerKey, key)
        ? existing
        : await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (e) {
    throw new PushError('failed', e instanceof Error ? e.message : String(e));
  }
  await register(sub);
}

export async function disablePush(): Promise<void> {
  const reg = await registration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub) return;
  await api.DELETE('/api/me/push-subscriptions', { body: { endpoint: sub.endpoint } });
  await sub.unsubscribe();
}

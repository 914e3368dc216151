import type https from 'node:https';
import { type Executor, pushSubscriptions, settings } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import webpush from 'web-push';
import type { Deps } from '../../deps.ts';
import { rows } from '../documents/repo.ts';

/**
 * Web push: VAPID keys made on first use and kept in `settings`; one subscription per device; a
 * notice's pushes go out as a background job with a bounded number in flight, retried on 429/5xx,
 * and subscriptions the push service calls gone (404/410) are deleted.
 */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const CONCURRENCY = 20;
const RETRIES = 3;

export async function vapidKeys(db: Executor): Promise<VapidKeys> {
  const [found] = await db.select().from(settings).where(eq(settings.key, 'vapid'));
  if (found) return found.value as VapidKeys;
  const keys = webpush.generateVAPIDKeys();
  // two nodes starting at once: the first write wins, both use it
  await db.insert(settings).values({ key: 'vapid', value: keys }).onConflictDoNothing();
  const [stored] = await db.select().from(settings).where(eq(settings.key, 'vapid'));
  return stored!.value as VapidKeys;
}

export async function subscribe(
  deps: Deps,
  userId: string,
  s: { endpoint: string; keys: { p256dh: string; auth: string } },
  userAgent: string | null,
) {
  await deps.database.db
    .insert(pushSubscriptions)
    .values({ userId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, userAgent })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId, p256dh: s.keys.p256dh, auth: s.keys.auth, userAgent, failures: 0 },
    });
}

export async function unsubscribe(deps: Deps, userId: string, endpoint: string) {
  await deps.database.db
    .delete(pushSubscriptions)
    .where(sql`${pushSubscriptions.endpoint} = ${endpoint} and ${pushSubscriptions.userId} = ${userId}`);
}

export interface PushReport {
  subscriptions: number;
  sent: number;
  removed: number;
  failed: number;
  retried: number;
}

interface Target {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pushes a sent notice to every subscribed device of its recipients. */
export async function pushNotice(
  deps: Deps,
  noticeId: string,
  /** `agent`: tests and benchmarks reach a local push service whose certificate they made. */
  opts: { retryDelayMs?: number; agent?: https.Agent } = {},
): Promise<PushReport> {
  const db = deps.database.db;
  const [notice] = await rows<{ title: string; body: string; priority: string }>(
    db,
    sql`select title, body, priority from notices where id = ${noticeId} and status = 'sent'`,
  );
  const report: PushReport = { subscriptions: 0, sent: 0, removed: 0, failed: 0, retried: 0 };
  if (!notice) return report;
  const targets = await rows<Target>(
    db,
    sql`select s.id, s.endpoint, s.p256dh, s.auth from notice_recipients r
      join users u on u.member_id = r.member_id join push_subscriptions s on s.user_id = u.id
      where r.notice_id = ${noticeId}`,
  );
  report.subscriptions = targets.length;
  if (!targets.length) return report;
  const keys = await vapidKeys(db);
  const payload = JSON.stringify({
    title: notice.priority === 'khan' ? `[Khẩn] ${notice.title}` : notice.title,
    body: notice.body.length > 140 ? `${notice.body.slice(0, 137)}…` : notice.body,
    url: `/notices/${noticeId}`,
    tag: `notice-${noticeId}`,
  });
  const options = {
    vapidDetails: {
      subject: deps.publicUrl.startsWith('https:') ? deps.publicUrl : 'mailto:admin@localhost',
      ...keys,
    },
    TTL: 24 * 3600,
    urgency: notice.priority === 'khan' ? ('high' as const) : ('normal' as const),
    ...(opts.agent ? { agent: opts.agent } : {}),
  };
  const delay = opts.retryDelayMs ?? 500;
  const one = async (t: Target) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await webpush.sendNotification(
          { endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } },
          payload,
          options,
        );
        report.sent++;
        await db
          .update(pushSubscriptions)
          .set({ lastSuccessAt: deps.now(), failures: 0 })
          .where(eq(pushSubscriptions.id, t.id));
        return;
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode ?? 0;
        if (status === 404 || status === 410) {
          report.removed++;
          await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, t.id));
          return;
        }
        const transient = status === 429 || status >= 500 || status === 0;
        if (transient && attempt < RETRIES) {
          report.retried++;
          await sleep(delay * 2 ** attempt);
          continue;
        }
        report.failed++;
        await db
          .update(pushSubscriptions)
          .set({ failures: sql`${pushSubscriptions.failures} + 1` })
          .where(eq(pushSubscriptions.id, t.id));
        return;
      }
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, targets.length) }, async () => {
      while (next < targets.length) await one(targets[next++]!);
    }),
  );
  return report;
}

/** Pushes one message to every device of one user (a reply to their question). */
export async function pushToUser(
  deps: Deps,
  userId: string,
  message: { title: string; body: string; url: string; tag: string },
  opts: { agent?: https.Agent } = {},
): Promise<number> {
  const db = deps.database.db;
  const targets = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  if (!targets.length) return 0;
  const keys = await vapidKeys(db);
  let sent = 0;
  for (const t of targets) {
    try {
      await webpush.sendNotification(
        { endpoint: t.endpoint, keys: { p256dh: t.p256dh, auth: t.auth } },
        JSON.stringify(message),
        {
          vapidDetails: {
            subject: deps.publicUrl.startsWith('https:') ? deps.publicUrl : 'mailto:admin@localhost',
            ...keys,
          },
          TTL: 24 * 3600,
          ...(opts.agent ? { agent: opts.agent } : {}),
        },
      );
      sent++;
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode ?? 0;
      if (status === 404 || status === 410)
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, t.id));
    }
  }
  return sent;
}

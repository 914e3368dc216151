import { ApiError, api, data, isApiError, setCsrfToken } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import { meQuery } from '../auth/session.ts';
import { refreshMeetings } from './api.ts';
import { type QueuedCheckIn, readOutbox, updateCheckIn } from './outbox.ts';

/** One check-in sent to the server as the member made it: the code with the time it was entered. */
export async function sendCheckIn(item: Pick<QueuedCheckIn, 'meetingId' | 'code' | 'via' | 'scannedAt'>) {
  const r = await api.POST('/api/meetings/{id}/check-ins', {
    params: { path: { id: item.meetingId } },
    body: { code: item.code, via: item.via, scannedAt: item.scannedAt },
  });
  return { checkIn: r.data!.checkIn, created: r.response.status === 201 };
}

/**
 * The session answer (and with it the CSRF token every POST needs): a page opened with no network has
 * none yet. Throws the network error while still offline.
 */
export async function ensureSession() {
  const known = queryClient.getQueryData(meQuery.queryKey);
  if (known) return known;
  // asked outside the query cache: refetching the failed `me` query would put the whole app back on its
  // loading screen (and, offline, keep it there)
  const me = await data(api.GET('/api/me'));
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQuery.queryKey, me);
  return me;
}

let running: Promise<void> | null = null;

async function flush(): Promise<void> {
  const waiting = readOutbox().filter((x) => x.status === 'waiting');
  if (!waiting.length) return;
  const me = await ensureSession();
  let sent = 0;
  for (const item of waiting) {
    if (item.userId && item.userId !== me.user.id) continue;
    try {
      const { checkIn } = await sendCheckIn(item);
      updateCheckIn(item.meetingId, { status: 'accepted', checkedInAt: checkIn.checkedInAt });
      sent++;
    } catch (e) {
      if (isApiError(e, 'network')) return; // still offline: the next `online` tries again
      if (e instanceof ApiError && e.status === 401) return; // signed out: sent after the next sign-in
      updateCheckIn(item.meetingId, {
        status: 'rejected',
        message: e instanceof Error ? e.message : String(e),
      });
      sent++;
    }
  }
  if (sent) void refreshMeetings();
}

/** Sends what is waiting; one run at a time (an `online` event and the app start may come together). */
export function flushOutbox(): Promise<void> {
  running ??= flush()
    .catch(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}

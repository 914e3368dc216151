/** What `GET /api/me/events` sends (Server-Sent Events, one JSON object per message). */
export type LiveEvent =
  | { type: 'unread'; unread: number }
  | { type: 'notice'; id: string; title: string; priority: string; unread: number }
  | { type: 'feedback-reply'; feedbackId: string; title: string };

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/**
 * Keeps one event stream open while the app is. The browser reconnects a dropped stream by itself; a
 * stream it gives up on (the server refused it or is restarting) is opened again here, waiting longer
 * each time, and at once when the network or the app comes back. The server sends the unread count
 * first on every connection, so nothing missed while away stays wrong.
 */
export function connectLive(onEvent: (e: LiveEvent) => void): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;

  const open = () => {
    if (stopped || source) return;
    const es = new EventSource('/api/me/events');
    source = es;
    es.onopen = () => {
      failures = 0;
    };
    es.onmessage = (m) => {
      try {
        onEvent(JSON.parse(m.data) as LiveEvent);
      } catch {
        // not one of ours: ignored
      }
    };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return; // the browser is retrying
      es.close();
      source = null;
      clearTimeout(timer);
      timer = setTimeout(open, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++));
    };
  };
  const wake = () => {
    if (document.visibilityState !== 'visible' || source) return;
    clearTimeout(timer);
    failures = 0;
    open();
  };
  window.addEventListener('online', wake);
  document.addEventListener('visibilitychange', wake);
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    source = null;
    window.removeEventListener('online', wake);
    document.removeEventListener('visibilitychange', wake);
  };
}

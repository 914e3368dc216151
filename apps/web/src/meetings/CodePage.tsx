import { Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChecklist } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { meetingQuery } from './api.ts';
import { checkInUrl } from './check-in-url.ts';
import { meetingWhen, timeOf } from './format.ts';

const WINDOW_S = 30;

/** The current code, with the server's clock (from the Date header) so a phone set wrong counts down right. */
const codeQuery = (id: string) => ({
  queryKey: ['meetings', 'code', id],
  queryFn: async () => {
    const r = await api.GET('/api/meetings/{id}/check-in-code', { params: { path: { id } } });
    const server = Date.parse(r.response.headers.get('date') ?? '');
    return {
      ...r.data!,
      offset: Number.isNaN(server) ? 0 : server - Date.now(),
    };
  },
  staleTime: Number.POSITIVE_INFINITY,
});

interface Counts {
  invited: number;
  present: number;
  excused: number;
  absent: number;
}
interface Arrival {
  memberId: string;
  fullName: string | null;
  checkedInAt: string;
}

/** Counts and the latest names, from the live stream (Server-Sent Events; it reconnects by itself). */
function useLive(id: string, initial: Counts | undefined) {
  const [counts, setCounts] = useState<Counts | undefined>(initial);
  const [latest, setLatest] = useState<Arrival[]>([]);
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const source = new EventSource(`/api/meetings/${id}/live`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (e: MessageEvent<string>) => {
      setConnected(true);
      const ev = JSON.parse(e.data) as ({ type: 'counts' } & Counts) | ({ type: 'check-in' } & Arrival);
      if (ev.type === 'counts') {
        setCounts({ invited: ev.invited, present: ev.present, excused: ev.excused, absent: ev.absent });
      } else if (ev.type === 'check-in') {
        setLatest((prev) => [ev, ...prev.filter((x) => x.memberId !== ev.memberId)].slice(0, 6));
      }
    };
    return () => source.close();
  }, [id]);
  return { counts: counts ?? initial, latest, connected };
}

/** Keeps the screen on while the code is shown (where the browser allows it). */
function useWakeLock() {
  useEffect(() => {
    type Sentinel = { release(): Promise<void> };
    const wl = (navigator as unknown as { wakeLock?: { request(t: 'screen'): Promise<Sentinel> } }).wakeLock;
    if (!wl) return;
    let sentinel: Sentinel | null = null;
    let gone = false;
    const take = () => {
      if (document.visibilityState !== 'visible') return;
      void wl
        .request('screen')
        .then((s) => {
          if (gone) void s.release();
          else sentinel = s;
        })
        .catch(() => undefined);
    };
    take();
    document.addEventListener('visibilitychange', take);
    return () => {
      gone = true;
      document.removeEventListener('visibilitychange', take);
      void sentinel?.release().catch(() => undefined);
    };
  }, []);
}

function useQrImage(text: string | undefined) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    void import('qrcode').then(({ default: QRCode }) =>
      QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

/**
 * Chiếu mã điểm danh: the six digits very large, their QR, a countdown to the next code (fetched as the
 * window turns; the previous code is still accepted meanwhile), and who has arrived, live.
 */
export function CodePage() {
  const { t, i18n } = useTranslation('meetings');
  const { id } = useParams({ from: '/meetings/$id/code' });
  const meeting = useQuery(meetingQuery(id));
  const m = meeting.data?.meeting;
  const code = useQuery({ ...codeQuery(id), enabled: !!m && m.status !== 'cancelled' });
  const live = useLive(
    id,
    m ? { invited: m.invited, present: m.present, excused: m.excused, absent: m.absent } : undefined,
  );
  const [now, setNow] = useState(() => Date.now());
  const screen = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useWakeLock();

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    const onFull = () => setFull(document.fullscreenElement === screen.current);
    document.addEventListener('fullscreenchange', onFull);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('fullscreenchange', onFull);
    };
  }, []);

  // the next code as soon as the window turns (a little after, so the server has moved on too)
  const data = code.data;
  useEffect(() => {
    if (!data) return;
    const left = Date.parse(data.expiresAt) - (Date.now() + data.offset);
    const timer = window.setTimeout(
      () => void code.refetch(),
      Math.min(Math.max(left + 300, 1000), WINDOW_S * 1000),
    );
    return () => window.clearTimeout(timer);
  }, [data, code.refetch]);

  const qr = useQrImage(data ? checkInUrl(window.location.origin, id, data.code) : undefined);
  const seconds = data
    ? Math.min(WINDOW_S, Math.max(0, Math.ceil((Date.parse(data.expiresAt) - (now + data.offset)) / 1000)))
    : 0;
  const counts = live.counts;

  return (
    <Page title={t('code.title')} wide>
      <ErrorAlert error={meeting.error ?? code.error} />
      {meeting.isPending && <Skeleton h={400} />}
      {m?.status === 'cancelled' && <Text size="lg">{t('code.cancelled')}</Text>}
      {m && m.status !== 'cancelled' && (
        <>
          <Group gap="sm" justify="space-between">
            <Stack gap={2}>
              <Text size="lg" fw={700}>
                {m.title}
              </Text>
              <Text>{meetingWhen(m.startsAt, i18n.language)}</Text>
            </Stack>
            <Group gap="sm">
              {document.fullscreenEnabled && (
                <Button
                  variant="default"
                  onClick={() =>
                    void (full ? document.exitFullscreen() : screen.current?.requestFullscreen())?.catch(
                      () => undefined,
                    )
                  }
                >
                  {full ? t('code.exitFullscreen') : t('code.fullscreen')}
                </Button>
              )}
              <Button
                variant="default"
                leftSection={<IconChecklist />}
                renderRoot={(p) => <Link {...p} to="/meetings/$id/attendance" params={{ id }} />}
              >
                {t('code.attendance')}
              </Button>
            </Group>
          </Group>
          <div ref={screen} className="sotay-code-screen">
            <Stack gap="md">
              {full && (
                <Text size="xl" fw={700} ta="center">
                  {m.title}
                </Text>
              )}
              <Title order={2} className="sotay-visually-hidden">
                {t('code.codeLabel')}
              </Title>
              <div className="sotay-code-digits-box">
                {data ? (
                  <p className="sotay-code-digits" data-code={data.code}>
                    {`${data.code.slice(0, 3)} ${data.code.slice(3)}`}
                  </p>
                ) : (
                  <Skeleton h="8rem" />
                )}
              </div>
              <div className="sotay-code-timer" aria-hidden="true">
                <span style={{ width: `${(100 * seconds) / WINDOW_S}%` }} />
              </div>
              <Text size="xl" ta="center" fw={700}>
                {t('code.newIn', { seconds })}
              </Text>
              <Text size="lg" ta="center">
                {t('code.howTo')}
              </Text>
            </Stack>
            <Stack gap="md" align="center">
              {qr ? (
                <img src={qr} alt={t('code.qrLabel')} className="sotay-code-qr" />
              ) : (
                <Skeleton className="sotay-code-qr" />
              )}
              {counts && (
                <p className="sotay-code-count" role="status">
                  {t('code.presentLabel')} <b>{`${counts.present}/${counts.invited}`}</b>
                </p>
              )}
              {counts && counts.excused > 0 && (
                <Text size="lg">{t('code.excused', { count: counts.excused })}</Text>
              )}
              <Text c="dimmed" size="sm">
                {live.connected ? t('code.live') : t('code.reconnecting')}
              </Text>
              <Stack gap="xs" component="section" aria-labelledby="code-latest" w="100%">
                <Title order={2} id="code-latest" size="h3">
                  {t('code.latest')}
                </Title>
                {live.latest.length === 0 ? (
                  <Text>{t('code.nobodyYet')}</Text>
                ) : (
                  <Stack component="ul" gap={4} className="sotay-plain-list">
                    {live.latest.map((a) => (
                      <li key={a.memberId}>
                        <Text size="xl">
                          <b>{a.fullName}</b> — {timeOf(a.checkedInAt)}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                )}
              </Stack>
            </Stack>
          </div>
        </>
      )}
    </Page>
  );
}

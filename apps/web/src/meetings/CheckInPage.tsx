import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { isApiError } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import { meQuery } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconCheck } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { meetingQuery, refreshMeetings } from './api.ts';
import { parseScanned } from './check-in-url.ts';
import { meetingWhen, timeOf } from './format.ts';
import { dropCheckIn, putCheckIn, useOutbox } from './outbox.ts';
import { ensureSession, sendCheckIn } from './outbox-sync.ts';
import type { ScanProblem } from './QrScanner.tsx';

// the camera code and the QR decoder come only when the member presses "Quét mã QR"
const QrScanner = lazy(() => import('./QrScanner.tsx'));

type Outcome = { kind: 'done'; at: string; again: boolean } | { kind: 'rejected'; message: string };

function Done({ at, again, meetingId }: { at: string; again: boolean; meetingId: string }) {
  const { t } = useTranslation('meetings');
  return (
    <Stack gap="lg">
      <Paper
        withBorder
        p="lg"
        radius="md"
        role="status"
        style={{ borderColor: 'var(--sotay-success)', borderWidth: 3 }}
      >
        <Stack gap="sm" align="center">
          <IconCheck size="3.5rem" color="var(--sotay-success)" />
          <p className="sotay-checkin-done" style={{ textAlign: 'center' }}>
            {t('checkIn.done', { time: timeOf(at) })}
          </p>
          {again && <Text size="lg">{t('checkIn.doneAlready')}</Text>}
        </Stack>
      </Paper>
      <Button
        variant="default"
        renderRoot={(p) => <Link {...p} to="/meetings/$id" params={{ id: meetingId }} />}
      >
        {t('common.backToMeeting')}
      </Button>
    </Stack>
  );
}

/**
 * Điểm danh: scan the QR on the chi ủy's screen or type its six digits. With no network the code is kept
 * on the phone with the time it was entered and sent when the network is back (the outbox).
 */
export function CheckInPage() {
  const { t, i18n } = useTranslation('meetings');
  const { id } = useParams({ from: '/meetings/$id/check-in' });
  const search = useSearch({ from: '/meetings/$id/check-in' });
  const navigate = useNavigate();
  // tried offline too (the saved copy); the screen works without it
  const meeting = useQuery(meetingQuery(id)).data?.meeting;
  const queued = useOutbox().find((x) => x.meetingId === id);
  const [code, setCode] = useState(search.code ?? '');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanProblem, setScanProblem] = useState<ScanProblem | 'foreign' | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // a check-in kept offline has been sent meanwhile: say how it went here, in large text, once
  useEffect(() => {
    if (!queued || queued.status === 'waiting') return;
    setOutcome(
      queued.status === 'accepted'
        ? { kind: 'done', at: queued.checkedInAt ?? queued.scannedAt, again: false }
        : { kind: 'rejected', message: queued.message ?? '' },
    );
    dropCheckIn(id);
  }, [queued, id]);

  async function submit(value: string, via: 'qr' | 'code') {
    if (!/^\d{6}$/.test(value)) {
      setCodeError(t('checkIn.codeInvalid'));
      input.current?.focus();
      return;
    }
    const scannedAt = new Date().toISOString();
    setSending(true);
    setError(null);
    try {
      await ensureSession();
      const { checkIn, created } = await sendCheckIn({ meetingId: id, code: value, via, scannedAt });
      setOutcome({ kind: 'done', at: checkIn.checkedInAt, again: !created });
      void refreshMeetings();
    } catch (e) {
      if (isApiError(e, 'network')) {
        putCheckIn({
          meetingId: id,
          code: value,
          via,
          scannedAt,
          userId: queryClient.getQueryData(meQuery.queryKey)?.user.id ?? null,
          title: meeting?.title ?? null,
          status: 'waiting',
        });
      } else {
        setError(e);
        input.current?.focus();
      }
    } finally {
      setSending(false);
    }
  }

  // opened from the QR by the phone's own camera app: the code is in the address
  const auto = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the code the page was opened with
  useEffect(() => {
    if (auto.current || !search.code) return;
    auto.current = true;
    void submit(search.code, 'qr');
  }, [search.code]);

  function onScanned(text: string): boolean {
    const found = parseScanned(text);
    if (!found) {
      setScanProblem('foreign');
      return false;
    }
    setScanning(false);
    setScanProblem(null);
    if (found.meetingId && found.meetingId !== id) {
      void navigate({
        to: '/meetings/$id/check-in',
        params: { id: found.meetingId },
        search: { code: found.code },
      });
    } else {
      setCode(found.code);
      void submit(found.code, 'qr');
    }
    return true;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit(code, 'code');
  }

  const already = meeting?.myInvitation?.checkedInAt;
  const waiting = queued?.status === 'waiting';
  let body: React.ReactNode;
  if (outcome?.kind === 'done') body = <Done at={outcome.at} again={outcome.again} meetingId={id} />;
  else if (already && !outcome) body = <Done at={already} again meetingId={id} />;
  else if (waiting)
    body = (
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" role="status" style={{ borderWidth: 3 }}>
          <Stack gap="sm">
            <p className="sotay-checkin-done">{t('checkIn.queued')}</p>
            <Text size="lg">{t('checkIn.queuedHelp', { time: timeOf(queued.scannedAt) })}</Text>
          </Stack>
        </Paper>
      </Stack>
    );
  else
    body = (
      <Stack gap="lg">
        {outcome?.kind === 'rejected' && (
          <Alert
            color="red"
            variant="outline"
            icon={<IconAlert />}
            title={t('checkIn.rejected')}
            role="alert"
          >
            {outcome.message}
          </Alert>
        )}
        <ErrorAlert error={error} title={t('checkIn.rejected')} />
        <Stack gap="sm">
          {scanning ? (
            <>
              <Text>{t('checkIn.scanHelp')}</Text>
              <Suspense fallback={null}>
                <QrScanner
                  label={t('checkIn.cameraLabel')}
                  onText={onScanned}
                  onProblem={(p) => {
                    setScanProblem(p);
                    setScanning(false);
                  }}
                />
              </Suspense>
              <Button variant="default" onClick={() => setScanning(false)}>
                {t('checkIn.stopScan')}
              </Button>
            </>
          ) : (
            <Button
              size="xl"
              onClick={() => {
                setScanProblem(null);
                setScanning(true);
              }}
            >
              {t('checkIn.scan')}
            </Button>
          )}
          {scanProblem && (
            <Alert color="red" variant="outline" icon={<IconAlert />} role="alert">
              {t(
                scanProblem === 'denied'
                  ? 'checkIn.cameraDenied'
                  : scanProblem === 'foreign'
                    ? 'checkIn.notOurCode'
                    : 'checkIn.cameraNone',
              )}
            </Alert>
          )}
        </Stack>
        <form onSubmit={onSubmit} noValidate aria-labelledby="checkin-type">
          <Stack gap="sm">
            <Title order={2} id="checkin-type">
              {t('checkIn.typeTitle')}
            </Title>
            <TextInput
              ref={input}
              label={t('checkIn.code')}
              description={t('checkIn.codeHelp')}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6));
                setCodeError(null);
              }}
              error={codeError}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={6}
              size="xl"
              className="sotay-checkin-code"
            />
            <Button type="submit" size="xl" loading={sending} leftSection={<IconCheck />}>
              {t('checkIn.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    );

  return (
    <Page title={t('checkIn.title')}>
      {meeting && (
        <Stack gap={2} mt={-8}>
          <Text size="lg" fw={700}>
            {meeting.title}
          </Text>
          <Text>{meetingWhen(meeting.startsAt, i18n.language)}</Text>
        </Stack>
      )}
      {body}
    </Page>
  );
}

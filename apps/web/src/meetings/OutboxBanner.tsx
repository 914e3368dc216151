import { Alert, Button, Container, Group, Stack, Text } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import { IconAlert, IconCheck } from '../components/icons.tsx';
import { timeOf } from './format.ts';
import { dropCheckIn, useOutbox } from './outbox.ts';
import { flushOutbox } from './outbox-sync.ts';

const RETRY_MS = 30_000;

/**
 * Sends the check-ins saved with no network — at start, when the network comes back, and every 30 s
 * meanwhile (a phone can be "online" on a Wi-Fi with no Internet) — and tells the member how each went.
 * The check-in screen of that meeting says it in large text itself, so it is left out here.
 */
export default function OutboxBanner() {
  const { t } = useTranslation('meetings');
  const items = useOutbox();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const waiting = items.filter((x) => x.status === 'waiting').length;
  useEffect(() => {
    if (!waiting) return;
    void flushOutbox();
    const online = () => void flushOutbox();
    window.addEventListener('online', online);
    const timer = window.setInterval(online, RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [waiting]);
  const shown = items.filter((x) => path !== `/meetings/${x.meetingId}/check-in`);
  const done = shown.filter((x) => x.status !== 'waiting');
  const nWaiting = shown.length - done.length;
  if (!shown.length) return null;
  return (
    <Container size="var(--sotay-page-max)" px={{ base: 'md', sm: 'lg' }} pt="md">
      <Stack gap="sm">
        {nWaiting > 0 && (
          <Alert color="blue" variant="outline" role="status" icon={<IconAlert />}>
            <Text>{t('outbox.waiting', { count: nWaiting })}</Text>
          </Alert>
        )}
        {done.map((x) => {
          const title = x.title ?? t('outbox.untitled');
          return (
            <Alert
              key={x.meetingId}
              variant="outline"
              color={x.status === 'accepted' ? 'var(--sotay-success)' : 'red'}
              icon={x.status === 'accepted' ? <IconCheck /> : <IconAlert />}
              role={x.status === 'accepted' ? 'status' : 'alert'}
            >
              <Group justify="space-between" gap="sm">
                <Text style={{ flex: '1 1 14rem' }}>
                  {x.status === 'accepted'
                    ? t('outbox.accepted', { title, time: timeOf(x.checkedInAt ?? x.scannedAt) })
                    : t('outbox.rejected', { title, message: x.message ?? '' })}
                </Text>
                <Button variant="default" onClick={() => dropCheckIn(x.meetingId)}>
                  {t('outbox.dismiss')}
                </Button>
              </Group>
            </Alert>
          );
        })}
      </Stack>
    </Container>
  );
}

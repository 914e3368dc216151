import { Button, Group, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconList } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import { inboxItemQuery, markRead } from './api.ts';
import { NoticeBody, NoticeLinks, UrgentBadge } from './parts.tsx';

/** One notice, marked read as it opens; its documents and meetings one tap away. */
export function NoticePage() {
  const { t } = useTranslation('notices');
  const { id } = useParams({ from: '/notices/$id' });
  const item = useQuery(inboxItemQuery(id));
  const marking = useRef(false);
  const n = item.data;
  useEffect(() => {
    if (!n || n.readAt || marking.current) return;
    marking.current = true;
    markRead(n.id).catch(() => {
      marking.current = false;
    });
  }, [n]);

  const back = (
    <Button
      variant="default"
      leftSection={<IconList />}
      w="fit-content"
      renderRoot={(props) => <Link {...props} to="/notices" />}
    >
      {t('notice.toInbox')}
    </Button>
  );
  if (!n) {
    return (
      <Page title={t('inbox.title')}>
        {item.isPending && <Skeleton h={200} />}
        <ErrorAlert error={item.error} />
        {item.data === null && <Text size="lg">{t('notice.notFound')}</Text>}
        {back}
      </Page>
    );
  }
  return (
    <Page title={n.title}>
      {n.priority === 'khan' && (
        <Group gap="xs">
          <UrgentBadge />
          <Text fw={700}>{t('notice.urgent')}</Text>
        </Group>
      )}
      <Text c="dimmed" mt={-8}>
        {t('notice.meta', { sender: n.sender, when: formatInstant(n.sentAt) })}
      </Text>
      <NoticeBody body={n.body} />
      <NoticeLinks links={n.links} />
      {n.readAt && (
        <Text size="sm" c="dimmed">
          {t('notice.readAt', { when: formatInstant(n.readAt) })}
        </Text>
      )}
      {back}
    </Page>
  );
}

import { Anchor, Group, Skeleton, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import { INBOX_PAGE_SIZE, type InboxItem, inboxQuery } from './api.ts';
import { UnreadBadge, UrgentBadge } from './parts.tsx';

const snippet = (body: string) => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 137)}…` : flat;
};

function Row({ n }: { n: InboxItem }) {
  const unread = !n.readAt;
  return (
    <Link
      to="/notices/$id"
      params={{ id: n.id }}
      className="sotay-list-row"
      data-unread={unread || undefined}
    >
      <Stack gap={6}>
        {(unread || n.priority === 'khan') && (
          <Group gap={6} component="span">
            {n.priority === 'khan' && <UrgentBadge />}
            {unread && <UnreadBadge />}
          </Group>
        )}
        <Text component="span" size="lg" fw={unread ? 800 : 500} lh={1.4} lang="vi">
          {n.title}
        </Text>
        <Text component="span" c="dimmed" lang="vi">
          {snippet(n.body)}
        </Text>
        <Text component="span" size="sm" c="dimmed">
          {n.sender} · {formatInstant(n.sentAt)}
        </Text>
      </Stack>
    </Link>
  );
}

/** The member's notices, newest first; unread ones bold, with a bar and the words "Chưa đọc". */
export function InboxPage() {
  const { t } = useTranslation('notices');
  const { t: tApp } = useTranslation();
  const search = useSearch({ from: '/notices' });
  const navigate = useNavigate({ from: '/notices' });
  const page = search.page ?? 1;
  const inbox = useQuery({ ...inboxQuery(page), placeholderData: keepPreviousData });
  const data = inbox.data;
  return (
    <Page title={t('inbox.title')}>
      <ErrorAlert error={inbox.error} />
      {!inbox.isError && (
        <Text fw={700} size="lg" role="status">
          {!data
            ? tApp('app.loading')
            : data.unread
              ? t('inbox.unread', { count: data.unread })
              : data.total
                ? t('inbox.allRead')
                : t('inbox.none')}
        </Text>
      )}
      {inbox.isPending && <Skeleton h={240} />}
      {!!data?.items.length && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.items.map((n) => (
            <li key={n.id}>
              <Row n={n} />
            </li>
          ))}
        </Stack>
      )}
      {data && (
        <Pager
          page={page}
          total={data.total}
          pageSize={INBOX_PAGE_SIZE}
          onChange={(p) => {
            void navigate({ search: { page: p > 1 ? p : undefined } });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
      <Text>
        {t('inbox.pushHint')}{' '}
        <Anchor renderRoot={(props) => <Link {...props} to="/settings" hash="push" />}>
          {t('inbox.pushLink')}
        </Anchor>
      </Text>
    </Page>
  );
}

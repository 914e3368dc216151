import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconEdit } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { useOrgOptions } from '../console/orgs.ts';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import { SENT_PAGE_SIZE, type SentNotice, sentListQuery } from './api.ts';
import { StatusBadge, UrgentBadge } from './parts.tsx';

function when(n: SentNotice, t: TFunction<'notices'>): string {
  if (n.status === 'scheduled') return t('sent.scheduledFor', { when: formatInstant(n.scheduledAt) });
  if (n.status === 'draft') return t('sent.draft');
  if (n.status === 'recalled') return t('sent.recalledAt', { when: formatInstant(n.recalledAt) });
  return t('sent.sentAt', { when: formatInstant(n.sentAt) });
}

/** A draft or a scheduled notice opens for editing; a sent one opens on who has read it. */
function Row({ n, unitName }: { n: SentNotice; unitName: (id: string) => string | undefined }) {
  const { t } = useTranslation('notices');
  const units = n.audienceOrgIds.map(unitName).filter(Boolean).join(', ');
  const editable = n.status === 'draft' || n.status === 'scheduled';
  const content = (
    <Stack gap={6}>
      <Group gap={6} component="span">
        <StatusBadge status={n.status} />
        {n.priority === 'khan' && <UrgentBadge />}
      </Group>
      <Text component="span" size="lg" fw={700} lh={1.4} lang="vi">
        {n.title}
      </Text>
      <Text component="span" c="dimmed">
        {[when(n, t), units && t('sent.to', { units })].filter(Boolean).join(' · ')}
      </Text>
      {(n.status === 'sent' || n.status === 'recalled') && (
        <Text component="span" fw={700}>
          {t('sent.readOf', { read: n.read, recipients: n.recipients })}
        </Text>
      )}
    </Stack>
  );
  return editable ? (
    <Link to="/notices/$id/edit" params={{ id: n.id }} className="sotay-list-row">
      {content}
    </Link>
  ) : (
    <Link to="/notices/$id/stats" params={{ id: n.id }} className="sotay-list-row">
      {content}
    </Link>
  );
}

function Sent() {
  const { t } = useTranslation('notices');
  const { t: tApp } = useTranslation();
  const search = useSearch({ from: '/notices/sent' });
  const navigate = useNavigate({ from: '/notices/sent' });
  const page = search.page ?? 1;
  const list = useQuery({ ...sentListQuery(page), placeholderData: keepPreviousData });
  const { byId } = useOrgOptions();
  return (
    <Stack gap="md">
      <Button
        leftSection={<IconEdit />}
        w="fit-content"
        renderRoot={(props) => <Link {...props} to="/notices/new" />}
      >
        {t('sent.compose')}
      </Button>
      <ErrorAlert error={list.error} />
      {!list.isError && (
        <Text fw={700} role="status">
          {list.data
            ? list.data.total
              ? t('sent.count', { count: list.data.total })
              : t('sent.none')
            : tApp('app.loading')}
        </Text>
      )}
      {list.isPending && <Skeleton h={240} />}
      {!!list.data?.items.length && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.items.map((n) => (
            <li key={n.id}>
              <Row n={n} unitName={(id) => byId.get(id)?.name} />
            </li>
          ))}
        </Stack>
      )}
      {list.data && (
        <Pager
          page={page}
          total={list.data.total}
          pageSize={SENT_PAGE_SIZE}
          onChange={(p) => {
            void navigate({ search: { page: p > 1 ? p : undefined } });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </Stack>
  );
}

export function SentPage() {
  const { t } = useTranslation('notices');
  return (
    <Page title={t('sent.title')} wide>
      <RequireRole allow={isCommittee}>
        <Sent />
      </RequireRole>
    </Page>
  );
}

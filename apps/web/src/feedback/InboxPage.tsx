import { Group, Select, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/feedback.ts';
import { FEEDBACK_STATUSES, type FeedbackInboxSearch } from '../notices/search-params.ts';
import { ThreadRow } from './parts.tsx';

/** Questions addressed to the committee's units, oldest first (the longest waiting on top). */
function Inbox() {
  const { t } = useTranslation('feedback');
  const { t: tApp } = useTranslation();
  const search = useSearch({ from: '/feedback/inbox' });
  const navigate = useNavigate({ from: '/feedback/inbox' });
  const set = (patch: Partial<FeedbackInboxSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const list = useQuery({
    queryKey: ['feedback', 'inbox', search],
    staleTime: 0,
    queryFn: () =>
      data(
        api.GET('/api/feedback', {
          params: { query: { status: search.status, overdue: search.overdue ? 'true' : undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group gap="lg" align="flex-end">
        <Select
          label={t('inbox.status')}
          value={search.status ?? 'all'}
          onChange={(v) => set({ status: FEEDBACK_STATUSES.find((s) => s === v) })}
          data={[
            { value: 'all', label: t('inbox.all') },
            ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
          w={{ base: '100%', sm: '16rem' }}
        />
        <Switch
          label={t('inbox.overdue')}
          description={t('inbox.overdueHelp')}
          checked={!!search.overdue}
          onChange={(e) => set({ overdue: e.currentTarget.checked || undefined })}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {!list.isError && (
        <Text fw={700} role="status">
          {!list.data
            ? tApp('app.loading')
            : items.length
              ? t('inbox.count', { count: items.length })
              : search.overdue
                ? t('inbox.noneOverdue')
                : t('inbox.none')}
        </Text>
      )}
      {list.isPending && <Skeleton h={240} />}
      {!!items.length && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((f) => (
            <li key={f.id}>
              <ThreadRow f={f} committee />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function FeedbackInboxPage() {
  const { t } = useTranslation('feedback');
  return (
    <Page title={t('inbox.title')} wide>
      <RequireRole allow={isCommittee}>
        <Inbox />
      </RequireRole>
    </Page>
  );
}

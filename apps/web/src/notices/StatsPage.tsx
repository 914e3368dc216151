import { Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { isCommittee } from '../auth/session.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronRight, IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import {
  noticeStatsQuery,
  noticeUnreadQuery,
  refreshNotices,
  type SentNotice,
  sentNoticeQuery,
  UNREAD_PAGE_SIZE,
} from './api.ts';
import { NoticeBody, NoticeLinks, StatusBadge, UrgentBadge } from './parts.tsx';

/** "40 %" in the language shown: a share is always written out, never a colour alone. */
function useRate() {
  const { i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  return (read: number, of: number) => (of ? fmt.format(read / of) : '—');
}

function Recall({ notice }: { notice: SentNotice }) {
  const { t } = useTranslation('notices');
  const { t: tApp } = useTranslation();
  const [open, setOpen] = useState(false);
  const recall = useMutation({
    mutationFn: () => api.POST('/api/notices/{id}/recall', { params: { path: { id: notice.id } } }),
    onSuccess: () => {
      setOpen(false);
      void refreshNotices();
    },
  });
  if (recall.isSuccess) return <SuccessAlert title={t('stats.recalled')} />;
  if (notice.status !== 'sent') return null;
  return (
    <>
      <Button variant="default" w="fit-content" onClick={() => setOpen(true)}>
        {t('stats.recall')}
      </Button>
      <ActionDialog
        open={open}
        title={t('stats.recallTitle', { title: notice.title })}
        text={t('stats.recallText')}
        confirmLabel={t('stats.recallConfirm')}
        cancelLabel={tApp('app.cancel')}
        onConfirm={() => recall.mutate()}
        onClose={() => {
          setOpen(false);
          recall.reset();
        }}
        busy={recall.isPending}
        error={recall.error}
      />
    </>
  );
}

function ReadTable({ id, orgId }: { id: string; orgId: string | undefined }) {
  const { t } = useTranslation('notices');
  const rate = useRate();
  const stats = useQuery({ ...noticeStatsQuery(id, orgId), placeholderData: keepPreviousData });
  if (stats.isPending) return <Skeleton h={200} />;
  if (stats.isError) return <ErrorAlert error={stats.error} />;
  const s = stats.data;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text fw={700} size="lg">
          {t('stats.unit', { name: s.org.name })}
        </Text>
        <Text size="xl" fw={700}>
          {t('stats.summary', { read: s.read, recipients: s.recipients, rate: rate(s.read, s.recipients) })}
        </Text>
      </Stack>
      <Group gap="sm">
        <Button
          component="a"
          href={`/api/notices/${id}/stats.xlsx`}
          download
          variant="default"
          leftSection={<IconDownload />}
        >
          {t('stats.xlsx')}
        </Button>
        {orgId && (
          <Button
            variant="default"
            renderRoot={(props) => <Link {...props} to="/notices/$id/stats" params={{ id }} search={{}} />}
          >
            {t('stats.whole')}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={340}>
        <Table striped withTableBorder verticalSpacing="sm" fz="md">
          <Table.Caption>{t('stats.table')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('stats.colUnit')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('stats.colRead')}
              </Table.Th>
              <Table.Th scope="col">{t('stats.colRate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.units.map((u) => (
              <Table.Tr key={u.orgId}>
                <Table.Th scope="row" fw={400}>
                  {u.orgId === s.org.id || !u.recipients ? (
                    u.name
                  ) : (
                    <Anchor
                      className="sotay-link-target"
                      aria-label={t('stats.viewUnit', { name: u.name })}
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/notices/$id/stats"
                          params={{ id }}
                          search={{ orgId: u.orgId }}
                        />
                      )}
                    >
                      {u.name}
                    </Anchor>
                  )}
                </Table.Th>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('stats.readOf', { read: u.read, recipients: u.recipients })}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text component="span" fw={700} miw="3.5em">
                      {rate(u.read, u.recipients)}
                    </Text>
                    <span className="sotay-rate-bar" aria-hidden="true" style={{ flex: 1 }}>
                      <span style={{ width: `${u.recipients ? (100 * u.read) / u.recipients : 0}%` }} />
                    </span>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function NotRead({ id, page }: { id: string; page: number }) {
  const { t } = useTranslation('notices');
  const navigate = useNavigate({ from: '/notices/$id/stats' });
  const unread = useQuery({ ...noticeUnreadQuery(id, page), placeholderData: keepPreviousData });
  return (
    <Section title={t('stats.unreadTitle')}>
      <ErrorAlert error={unread.error} />
      {unread.data && (
        <Text fw={700} role="status">
          {unread.data.total ? t('stats.unreadCount', { count: unread.data.total }) : t('stats.unreadNone')}
        </Text>
      )}
      {!!unread.data?.items.length && (
        <Table.ScrollContainer minWidth={300}>
          <Table striped withTableBorder verticalSpacing="xs" fz="md">
            <Table.Caption className="sotay-visually-hidden">{t('stats.unreadTitle')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('stats.colName')}</Table.Th>
                <Table.Th scope="col">{t('stats.colBranch')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {unread.data.items.map((m) => (
                <Table.Tr key={m.memberId}>
                  <Table.Td>
                    <Anchor
                      className="sotay-link-target"
                      renderRoot={(props) => (
                        <Link {...props} to="/members/$memberId" params={{ memberId: m.memberId }} />
                      )}
                    >
                      {m.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{m.orgName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {unread.data && (
        <Pager
          page={page}
          total={unread.data.total}
          pageSize={UNREAD_PAGE_SIZE}
          onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
        />
      )}
    </Section>
  );
}

function Stats() {
  const { t } = useTranslation('notices');
  const { id } = useParams({ from: '/notices/$id/stats' });
  const search = useSearch({ from: '/notices/$id/stats' });
  const notice = useQuery(sentNoticeQuery(id));
  if (notice.isPending) return <Skeleton h={300} />;
  if (notice.isError) return <ErrorAlert error={notice.error} />;
  const n = notice.data;
  const delivered = n.status === 'sent' || n.status === 'recalled';
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Group gap={6}>
          <StatusBadge status={n.status} />
          {n.priority === 'khan' && <UrgentBadge />}
        </Group>
        <Text size="xl" fw={700} lang="vi" component="p" m={0}>
          {n.title}
        </Text>
        <Text c="dimmed">
          {[
            t('stats.sentOn', { when: formatInstant(n.sentAt ?? n.scheduledAt) }),
            n.recalledAt ? t('stats.recalledOn', { when: formatInstant(n.recalledAt) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <details>
          <summary className="sotay-summary">
            <IconChevronRight size="1.2em" />
            {t('stats.content')}
          </summary>
          <Stack gap="sm" pt="xs">
            <NoticeBody body={n.body} />
            <NoticeLinks links={n.links} />
          </Stack>
        </details>
      </Stack>
      {delivered ? (
        <>
          <ReadTable id={id} orgId={search.orgId} />
          <NotRead id={id} page={search.page ?? 1} />
          <Recall notice={n} />
        </>
      ) : (
        <Text>{t('stats.notSent')}</Text>
      )}
    </Stack>
  );
}

export function NoticeStatsPage() {
  const { t } = useTranslation('notices');
  return (
    <Page title={t('stats.title')} wide>
      <RequireRole allow={isCommittee}>
        <Stats />
      </RequireRole>
    </Page>
  );
}

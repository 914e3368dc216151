import { Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { Section } from '../components/Section.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/documents.ts';
import { documentLabel, statsQuery, UNREAD_PAGE_SIZE, unreadQuery } from './api.ts';
import { documentTitle } from './parts.tsx';
import './documents.css';

/** "67 %" in the language shown; a share is always written out, never a colour alone. */
function useRate() {
  const { i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN', {
    style: 'percent',
    // 1 of 522 is "0,2 %", not "0 %"
    maximumFractionDigits: 1,
  });
  return (read: number, members: number) => (members ? fmt.format(read / members) : '—');
}

function Stats() {
  const { t } = useTranslation('documents');
  const rate = useRate();
  const { id } = useParams({ from: '/documents/$id/stats' });
  const search = useSearch({ from: '/documents/$id/stats' });
  const navigate = useNavigate({ from: '/documents/$id/stats' });
  const page = search.page ?? 1;
  const stats = useQuery({ ...statsQuery(id, search.orgId), placeholderData: keepPreviousData });
  const unread = useQuery({ ...unreadQuery(id, search.orgId, page), placeholderData: keepPreviousData });
  if (stats.isPending) return <Skeleton h={300} />;
  if (stats.isError) return <ErrorAlert error={stats.error} />;
  const s = stats.data;
  const xlsx = `/api/documents/${id}/stats.xlsx${search.orgId ? `?orgId=${encodeURIComponent(search.orgId)}` : ''}`;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor
          fw={700}
          className="sotay-link-target"
          renderRoot={(props) => <Link {...props} to="/documents/$id" params={{ id }} />}
        >
          {t('stats.of', { name: documentLabel(s.document) })}
        </Anchor>
        <Text lang="vi">{documentTitle({ title: s.document.title, typeName: null })}</Text>
      </Stack>
      <Stack gap={4}>
        <Text fw={700} size="lg">
          {t('stats.unit', { name: s.org.name })}
        </Text>
        <Text size="xl" fw={700}>
          {t('stats.summary', { read: s.read, members: s.members, rate: rate(s.read, s.members) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('stats.counted')}
        </Text>
      </Stack>
      <Group gap="sm">
        <Button component="a" href={xlsx} download variant="default" leftSection={<IconDownload />}>
          {t('stats.xlsx')}
        </Button>
        {search.orgId && (
          <Button
            variant="default"
            renderRoot={(props) => <Link {...props} to="/documents/$id/stats" params={{ id }} search={{}} />}
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
                {t('stats.colMembers')}
              </Table.Th>
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
                  {u.orgId === s.org.id ? (
                    u.name
                  ) : (
                    <Anchor
                      aria-label={t('stats.viewUnit', { name: u.name })}
                      className="sotay-link-target"
                      renderRoot={(props) => (
                        <Link
                          {...props}
                          to="/documents/$id/stats"
                          params={{ id }}
                          search={{ orgId: u.orgId }}
                        />
                      )}
                    >
                      {u.name}
                    </Anchor>
                  )}
                </Table.Th>
                <Table.Td ta="right">{u.members}</Table.Td>
                <Table.Td ta="right">{u.read}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text component="span" fw={700} miw="3.5em">
                      {rate(u.read, u.members)}
                    </Text>
                    <span className="sotay-rate-bar" aria-hidden="true" style={{ flex: 1 }}>
                      <span style={{ width: `${u.members ? (100 * u.read) / u.members : 0}%` }} />
                    </span>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
                        renderRoot={(props) => (
                          <Link {...props} to="/members/$memberId" params={{ memberId: m.memberId }} />
                        )}
                        className="sotay-link-target"
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
    </Stack>
  );
}

export function StatsPage() {
  const { t } = useTranslation('documents');
  return (
    <Page title={t('stats.title')} wide>
      <RequireRole allow={isCommittee}>
        <Stats />
      </RequireRole>
    </Page>
  );
}

import { Anchor, Button, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { frequentAbsencesQuery, memberStatsQuery, type Period, unitStatsQuery } from './api.ts';
import { rateFormat } from './format.ts';
import { STATS_PERIODS, type StatsPeriod } from './search-params.ts';

const MEMBERS_SHOWN = 30;

/** The period's bounds in Vietnam time (UTC+7): the last N months up to now, or a calendar year. */
export function periodOf(p: StatsPeriod, now = new Date()): { from: string; to: string } {
  const year = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now),
  );
  const jan1 = (y: number) => `${y}-01-01T00:00:00+07:00`;
  if (p === 'thisYear') return { from: jan1(year), to: now.toISOString() };
  if (p === 'lastYear') return { from: jan1(year - 1), to: jan1(year) };
  const months = p === 'months3' ? 3 : p === 'months6' ? 6 : 12;
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - months);
  return { from: from.toISOString(), to: now.toISOString() };
}

function Rate({
  part,
  whole,
  rate,
}: {
  part: number;
  whole: number;
  rate: (p: number, w: number) => string;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text component="span" fw={700} miw="4em">
        {rate(part, whole)}
      </Text>
      <span className="sotay-rate-bar" aria-hidden="true" style={{ flex: 1 }}>
        <span style={{ width: `${whole ? (100 * part) / whole : 0}%` }} />
      </span>
    </Group>
  );
}

function Stats() {
  const { t, i18n } = useTranslation('meetings');
  const rate = rateFormat(i18n.language);
  const search = useSearch({ from: '/meetings/stats' });
  const navigate = useNavigate({ from: '/meetings/stats' });
  const period = search.period ?? 'months12';
  const bounds = useMemo(() => periodOf(period), [period]);
  const p: Period = { ...bounds, orgId: search.orgId };
  const units = useQuery({ ...unitStatsQuery(p), placeholderData: keepPreviousData });
  const members = useQuery({ ...memberStatsQuery(p), placeholderData: keepPreviousData });
  const frequent = useQuery({ ...frequentAbsencesQuery(p), placeholderData: keepPreviousData });
  const [allMembers, setAllMembers] = useState(false);
  const xlsx = `/api/meetings/stats.xlsx?${new URLSearchParams({
    from: p.from,
    to: p.to,
    ...(p.orgId ? { orgId: p.orgId } : {}),
  })}`;
  const s = units.data;
  const memberRows = members.data?.items ?? [];
  const frequentRows = frequent.data?.items ?? [];
  // a chi bộ's own view: the branch column would repeat one name on every row
  const branches = new Set([...memberRows, ...frequentRows].map((r) => r.orgName)).size > 1;
  return (
    <Stack gap="lg">
      <Group gap="md" align="flex-end">
        <Select
          label={t('stats.period')}
          value={period}
          onChange={(v) => v && void navigate({ search: (prev) => ({ ...prev, period: v as StatsPeriod }) })}
          data={STATS_PERIODS.map((x) => ({ value: x, label: t(`stats.${x}`) }))}
          w="16rem"
        />
        <Button component="a" href={xlsx} download variant="default" leftSection={<IconDownload />}>
          {t('stats.xlsx')}
        </Button>
        {search.orgId && (
          <Button
            variant="default"
            renderRoot={(props) => (
              <Link {...props} to="/meetings/stats" search={{ period: search.period }} />
            )}
          >
            {t('stats.whole')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={units.error} />
      {units.isPending && <Skeleton h={240} />}
      {s && (
        <>
          <Stack gap={4}>
            <Text fw={700} size="lg">
              {t('stats.unit', { name: s.org.name })}
            </Text>
            <Text size="xl" fw={700} role="status">
              {t('stats.summary', {
                meetings: s.total.meetings,
                rate: rate(s.total.present, s.total.invitations),
                present: s.total.present,
                invitations: s.total.invitations,
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('stats.counted')}
            </Text>
          </Stack>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder verticalSpacing="sm" fz="md">
              <Table.Caption>{t('stats.byUnit')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stats.colUnit')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.colMeetings')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.colInvitations')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.colPresent')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('stats.colExcused')}
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
                              to="/meetings/stats"
                              search={{ orgId: u.orgId, period: search.period }}
                            />
                          )}
                        >
                          {u.name}
                        </Anchor>
                      )}
                    </Table.Th>
                    <Table.Td ta="right">{u.meetings}</Table.Td>
                    <Table.Td ta="right">{u.invitations}</Table.Td>
                    <Table.Td ta="right">{u.present}</Table.Td>
                    <Table.Td ta="right">{u.excused}</Table.Td>
                    <Table.Td>
                      <Rate part={u.present} whole={u.invitations} rate={rate} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Section title={t('stats.frequent')}>
        <Text>{t('stats.frequentHelp')}</Text>
        <ErrorAlert error={frequent.error} />
        {frequent.data?.items.length === 0 && <Text fw={700}>{t('stats.frequentNone')}</Text>}
        {!!frequent.data?.items.length && (
          <Table.ScrollContainer minWidth={branches ? 480 : 320}>
            <Table striped withTableBorder verticalSpacing="xs" fz="md">
              <Table.Caption className="sotay-visually-hidden">{t('stats.frequent')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stats.colName')}</Table.Th>
                  {branches && <Table.Th scope="col">{t('stats.colBranch')}</Table.Th>}
                  <Table.Th scope="col">{t('stats.colAbsences')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {frequent.data.items.map((f) => (
                  <Table.Tr key={f.memberId}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor
                        className="sotay-link-target"
                        renderRoot={(props) => (
                          <Link {...props} to="/members/$memberId" params={{ memberId: f.memberId }} />
                        )}
                      >
                        {f.fullName}
                      </Anchor>
                    </Table.Th>
                    {branches && <Table.Td>{f.orgName}</Table.Td>}
                    <Table.Td>
                      {[
                        t('stats.frequentRow', { absences: f.absences, last: f.lastMeetings }),
                        f.excused ? t('stats.frequentExcused', { count: f.excused }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title={t('stats.byMember')}>
        <ErrorAlert error={members.error} />
        {members.data && memberRows.length === 0 && <Text>{t('stats.noMembers')}</Text>}
        {memberRows.length > 0 && (
          <Table.ScrollContainer minWidth={branches ? 520 : 340}>
            <Table striped withTableBorder verticalSpacing="xs" fz="md">
              <Table.Caption className="sotay-visually-hidden">{t('stats.byMember')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stats.colName')}</Table.Th>
                  {branches && <Table.Th scope="col">{t('stats.colBranch')}</Table.Th>}
                  <Table.Th scope="col" ta="right">
                    {t('stats.colAttended')}
                  </Table.Th>
                  <Table.Th scope="col">{t('stats.colRate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(allMembers ? memberRows : memberRows.slice(0, MEMBERS_SHOWN)).map((r) => (
                  <Table.Tr key={r.memberId}>
                    <Table.Th scope="row" fw={400}>
                      {r.fullName}
                    </Table.Th>
                    {branches && <Table.Td>{r.orgName}</Table.Td>}
                    <Table.Td ta="right">
                      {r.present}/{r.invited}
                    </Table.Td>
                    <Table.Td>
                      <Rate part={r.present} whole={r.invited} rate={rate} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {!allMembers && memberRows.length > MEMBERS_SHOWN && (
          <Button variant="default" w="fit-content" onClick={() => setAllMembers(true)}>
            {t('stats.allMembers', { count: memberRows.length })}
          </Button>
        )}
      </Section>
    </Stack>
  );
}

/** Thống kê sinh hoạt: per unit below (rolled up), "vắng nhiều", per member lowest first, and the XLSX. */
export function MeetingStatsPage() {
  const { t } = useTranslation('meetings');
  return (
    <Page title={t('stats.title')} wide>
      <RequireRole allow={isCommittee}>
        <Stats />
      </RequireRole>
    </Page>
  );
}

import { Alert, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { isCommittee, meQuery } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconChecklist, IconEdit } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { type Meeting, meetingsQuery } from './api.ts';
import { endOf, meetingWhen } from './format.ts';
import { MeetingTags, myStateText } from './parts.tsx';

const PAST_SHOWN = 6;

function MeetingRow({ meeting: m, manage }: { meeting: Meeting; manage: boolean }) {
  const { t, i18n } = useTranslation('meetings');
  const state = manage ? t('common.counts', { present: m.present, invited: m.invited }) : myStateText(m, t);
  return (
    <li>
      <Link to="/meetings/$id" params={{ id: m.id }} className="sotay-list-row">
        <Stack gap={6}>
          <MeetingTags meeting={m} />
          <Text fw={700} size="xl" component="span" lh={1.35}>
            {m.title}
          </Text>
          <Text component="span" fw={700}>
            {meetingWhen(m.startsAt, i18n.language)}
          </Text>
          <Text component="span">
            {m.location ? t('list.place', { place: m.location }) : m.onlineUrl ? t('list.online') : m.orgName}
          </Text>
          {manage && <Text component="span">{m.orgName}</Text>}
          {state && (
            <Text component="span" c="dimmed">
              {state}
            </Text>
          )}
        </Stack>
      </Link>
    </li>
  );
}

/** Sinh hoạt chi bộ: upcoming meetings first (soonest first), then past ones (latest first). */
export function MeetingsPage() {
  const { t } = useTranslation('meetings');
  const { view } = useSearch({ from: '/meetings' });
  const manage = view === 'manage';
  // offline the session answer may be missing: the list still opens from the saved copy
  const me = useQuery(meQuery).data;
  const list = useQuery(meetingsQuery);
  const [allPast, setAllPast] = useState(false);
  const committee = (me && isCommittee(me)) || !!list.data?.items.some((m) => m.canManage);
  const items = (list.data?.items ?? []).filter((m) => (manage ? m.canManage : m.myInvitation));
  const now = Date.now();
  const upcoming = items.filter((m) => endOf(m) >= now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items.filter((m) => endOf(m) < now).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const pastShown = allPast ? past : past.slice(0, PAST_SHOWN);
  return (
    <Page title={manage ? t('list.manageTitle') : t('list.title')}>
      <Text>{manage ? t('list.manageIntro') : t('list.intro')}</Text>
      {committee && (
        <Group gap="sm">
          <Button leftSection={<IconEdit />} renderRoot={(p) => <Link {...p} to="/meetings/new" />}>
            {t('list.create')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconChecklist />}
            renderRoot={(p) => <Link {...p} to="/meetings/stats" />}
          >
            {t('list.stats')}
          </Button>
        </Group>
      )}
      {list.data?.savedCopy && (
        <Alert color="blue" variant="outline" icon={<IconAlert />} role="status">
          {t('common.savedCopy')}
        </Alert>
      )}
      <ErrorAlert error={list.error} />
      {list.isPending && <Skeleton h={200} />}
      {list.data && (
        <>
          <Stack gap="sm" component="section" aria-labelledby="meetings-upcoming">
            <Title order={2} id="meetings-upcoming">
              {t('list.upcoming')}
            </Title>
            {upcoming.length === 0 ? (
              <Text>{t('list.noneUpcoming')}</Text>
            ) : (
              <Stack gap="sm" component="ul" className="sotay-plain-list">
                {upcoming.map((m) => (
                  <MeetingRow key={m.id} meeting={m} manage={manage} />
                ))}
              </Stack>
            )}
          </Stack>
          {past.length > 0 && (
            <Stack gap="sm" component="section" aria-labelledby="meetings-past">
              <Title order={2} id="meetings-past">
                {t('list.past')}
              </Title>
              <Stack gap="sm" component="ul" className="sotay-plain-list">
                {pastShown.map((m) => (
                  <MeetingRow key={m.id} meeting={m} manage={manage} />
                ))}
              </Stack>
              {pastShown.length < past.length && (
                <Button variant="default" onClick={() => setAllPast(true)} w="fit-content">
                  {t('list.more')}
                </Button>
              )}
            </Stack>
          )}
        </>
      )}
    </Page>
  );
}

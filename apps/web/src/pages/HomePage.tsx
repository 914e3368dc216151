import { Button, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageRoles, canReadAudit, isCommittee, useLogout, useMe } from '../auth/session.ts';
import {
  IconBook,
  IconCheck,
  IconChecklist,
  IconEdit,
  IconKey,
  IconList,
  IconLogout,
  IconSettings,
  IconTree,
  IconUpload,
  IconUser,
  IconUsers,
} from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { pendingCorrectionsQuery, pendingRegistrationsQuery } from '../console/pending.ts';
import { IconDocument } from '../documents/icons.tsx';
import { unreadCountQuery } from '../documents/unread-count.ts';
import { countNewAnswers, myFeedbackQuery, waitingFeedbackQuery } from '../feedback/queries.ts';
import { InstallHint } from '../layout/InstallHint.tsx';
import { meetingsQuery } from '../meetings/api.ts';
import { isOver, isToday, meetingWhen, timeOf } from '../meetings/format.ts';
import { IconCalendar } from '../meetings/icons.tsx';
import { IconBell, IconHelp, IconQuestion, IconSend } from '../notices/icons.tsx';
import { noticesUnreadQuery } from '../notices/unread.ts';
import { funnelQuery, percent, topUnit } from '../rollout/api.ts';
import { IconFunnel } from '../rollout/icons.tsx';
import { myStudyQuery } from '../study/queries.ts';

interface TileProps {
  to: string;
  label: string;
  hint: string;
  icon: ComponentType<{ size?: string }>;
  /** Things waiting (the hint says how many in words). */
  count?: number;
  /** A word beside the label ("Hôm nay"): something happens today. */
  badge?: string;
  search?: Record<string, string>;
}

function Tile({ to, label, hint, icon: Icon, count, badge, search }: TileProps) {
  return (
    <Link to={to} search={search} className="sotay-tile">
      <span className="sotay-tile-icon">
        <Icon size="1.9rem" />
        {!!count && (
          <span className="sotay-tile-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </span>
      <span className="sotay-tile-text">
        <Text component="span" display="block" fw={700} size="xl" lh={1.3}>
          {label}
          {badge && (
            <Text
              component="span"
              size="md"
              fw={700}
              ml="xs"
              px={8}
              py={2}
              bg="var(--mantine-primary-color-filled)"
              c="var(--mantine-primary-color-contrast)"
              style={{ borderRadius: 6, whiteSpace: 'nowrap', verticalAlign: 'middle' }}
            >
              {badge}
            </Text>
          )}
        </Text>
        <Text component="span" display="block" c="dimmed">
          {hint}
        </Text>
      </span>
    </Link>
  );
}

/** Large tiles for what exists today; each later feature adds its own. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const name = me.member?.fullName;
  const committeeMember = isCommittee(me);
  const registrations = useQuery({ ...pendingRegistrationsQuery, enabled: committeeMember });
  const corrections = useQuery({ ...pendingCorrectionsQuery, enabled: committeeMember });
  const waiting = (
    n: number | undefined,
    hint: string,
    pending:
      | 'tiles.registrationsPending'
      | 'tiles.correctionsPending'
      | 'tiles.studyPending'
      | 'tiles.documentsUnread'
      | 'tiles.noticesUnread'
      | 'tiles.feedbackAnswered'
      | 'tiles.feedbackInboxWaiting',
  ) => (n ? t(pending, { count: n }) : hint);
  const nRegistrations = registrations.data?.items.length;
  const nCorrections = corrections.data?.items.length;
  const study = useQuery({ ...myStudyQuery, enabled: !!me.member });
  const nStudy = study.data?.notCompleted;
  const nDocuments = useQuery(unreadCountQuery(committeeMember)).data;
  const meetings = useQuery({ ...meetingsQuery, enabled: !!me.member });
  const nNotices = useQuery({ ...noticesUnreadQuery, enabled: !!me.member }).data;
  const myFeedback = useQuery({ ...myFeedbackQuery, enabled: !!me.member }).data;
  const nAnswers = myFeedback ? countNewAnswers(myFeedback.items) : undefined;
  const nWaiting = useQuery({ ...waitingFeedbackQuery, enabled: committeeMember }).data?.items.length;
  const rolloutUnit = committeeMember ? topUnit(me) : null;
  const rollout = useQuery({ ...funnelQuery(rolloutUnit?.id ?? ''), enabled: !!rolloutUnit }).data;
  const next = meetings.data?.items
    .filter((m) => m.myInvitation && m.status === 'scheduled' && !isOver(m))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const nextToday = !!next && isToday(next.startsAt);
  const mine: TileProps[] = [
    ...(me.member
      ? [
          {
            to: '/notices',
            label: t('tiles.notices'),
            hint: waiting(nNotices, t('tiles.noticesHint'), 'tiles.noticesUnread'),
            icon: IconBell,
            count: nNotices,
          },
        ]
      : []),
    {
      to: '/documents',
      label: t('tiles.documents'),
      hint: waiting(nDocuments, t('tiles.documentsHint'), 'tiles.documentsUnread'),
      icon: IconDocument,
      count: nDocuments,
    },
    ...(me.member
      ? [
          {
            to: '/meetings',
            label: t('tiles.meetings'),
            hint: next
              ? nextToday
                ? t('tiles.meetingsToday', { time: timeOf(next.startsAt), title: next.title })
                : t('tiles.meetingsNext', { when: meetingWhen(next.startsAt, i18n.language) })
              : t('tiles.meetingsHint'),
            icon: IconCalendar,
            badge: nextToday ? t('tiles.today') : undefined,
          },
          {
            to: '/study',
            label: t('tiles.study'),
            hint: waiting(nStudy, t('tiles.studyHint'), 'tiles.studyPending'),
            icon: IconBook,
            count: nStudy,
          },
          {
            to: '/feedback',
            label: t('tiles.feedback'),
            hint: waiting(nAnswers, t('tiles.feedbackHint'), 'tiles.feedbackAnswered'),
            icon: IconQuestion,
            count: nAnswers,
          },
          { to: '/profile', label: t('tiles.profile'), hint: t('tiles.profileHint'), icon: IconUser },
        ]
      : []),
    { to: '/settings', label: t('tiles.settings'), hint: t('tiles.settingsHint'), icon: IconSettings },
    { to: '/help', label: t('tiles.help'), hint: t('tiles.helpHint'), icon: IconHelp },
  ];
  const committee: TileProps[] = committeeMember
    ? [
        {
          to: '/registrations',
          label: t('tiles.registrations'),
          hint: waiting(nRegistrations, t('tiles.registrationsHint'), 'tiles.registrationsPending'),
          icon: IconCheck,
          count: nRegistrations,
        },
        {
          to: '/corrections',
          label: t('tiles.corrections'),
          hint: waiting(nCorrections, t('tiles.correctionsHint'), 'tiles.correctionsPending'),
          icon: IconEdit,
          count: nCorrections,
        },
        {
          to: '/meetings',
          search: { view: 'manage' },
          label: t('tiles.meetingsManage'),
          hint: t('tiles.meetingsManageHint'),
          icon: IconCalendar,
        },
        {
          to: '/notices/sent',
          label: t('tiles.noticesSend'),
          hint: t('tiles.noticesSendHint'),
          icon: IconSend,
        },
        {
          to: '/feedback/inbox',
          label: t('tiles.feedbackInbox'),
          hint: waiting(nWaiting, t('tiles.feedbackInboxHint'), 'tiles.feedbackInboxWaiting'),
          icon: IconQuestion,
          count: nWaiting,
        },
        {
          to: '/rollout',
          label: t('tiles.rollout'),
          hint: rollout?.eligible
            ? t('tiles.rolloutRate', {
                rate: percent(rollout.proficient, rollout.eligible, i18n.language),
                proficient: rollout.proficient,
                eligible: rollout.eligible,
              })
            : t('tiles.rolloutHint'),
          icon: IconFunnel,
        },
        { to: '/members', label: t('tiles.members'), hint: t('tiles.membersHint'), icon: IconUsers },
        {
          to: '/study-topics',
          label: t('tiles.studyTopics'),
          hint: t('tiles.studyTopicsHint'),
          icon: IconChecklist,
        },
        { to: '/import', label: t('tiles.import'), hint: t('tiles.importHint'), icon: IconUpload },
        { to: '/orgs', label: t('tiles.orgs'), hint: t('tiles.orgsHint'), icon: IconTree },
        ...(canManageRoles(me)
          ? [{ to: '/roles', label: t('tiles.roles'), hint: t('tiles.rolesHint'), icon: IconKey }]
          : []),
        ...(canReadAudit(me)
          ? [{ to: '/audit', label: t('tiles.audit'), hint: t('tiles.auditHint'), icon: IconList }]
          : []),
      ]
    : [];
  const unit = me.member?.orgName ?? me.roles.find((r) => r.role !== 'member')?.orgName;

  return (
    <Page title={name ? t('home.greeting', { name }) : t('home.greetingNoName')} wide>
      {unit && (
        <Text size="lg" mt={-8}>
          {unit}
        </Text>
      )}
      <InstallHint />
      <Stack gap="sm" component="section" aria-labelledby="tiles-mine">
        <Title order={2} id="tiles-mine">
          {t('home.memberTiles')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {mine.map((tile) => (
            <Tile key={tile.to} {...tile} />
          ))}
        </SimpleGrid>
      </Stack>
      {committee.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="tiles-committee">
          <Title order={2} id="tiles-committee">
            {t('home.committeeTiles')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {committee.map((tile) => (
              <Tile key={tile.to} {...tile} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <Button variant="default" leftSection={<IconLogout />} onClick={() => void logout()} w="fit-content">
        {t('home.logout')}
      </Button>
    </Page>
  );
}

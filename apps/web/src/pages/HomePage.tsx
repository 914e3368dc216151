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
import { InstallHint } from '../layout/InstallHint.tsx';
import { myStudyQuery } from '../study/queries.ts';

interface TileProps {
  to: string;
  label: string;
  hint: string;
  icon: ComponentType<{ size?: string }>;
  /** Things waiting (the hint says how many in words). */
  count?: number;
}

function Tile({ to, label, hint, icon: Icon, count }: TileProps) {
  return (
    <Link to={to} className="sotay-tile">
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
  const { t } = useTranslation();
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
      | 'tiles.documentsUnread',
  ) => (n ? t(pending, { count: n }) : hint);
  const nRegistrations = registrations.data?.items.length;
  const nCorrections = corrections.data?.items.length;
  const study = useQuery({ ...myStudyQuery, enabled: !!me.member });
  const nStudy = study.data?.notCompleted;
  const nDocuments = useQuery(unreadCountQuery(committeeMember)).data;
  const mine: TileProps[] = [
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
            to: '/study',
            label: t('tiles.study'),
            hint: waiting(nStudy, t('tiles.studyHint'), 'tiles.studyPending'),
            icon: IconBook,
            count: nStudy,
          },
          { to: '/profile', label: t('tiles.profile'), hint: t('tiles.profileHint'), icon: IconUser },
        ]
      : []),
    { to: '/settings', label: t('tiles.settings'), hint: t('tiles.settingsHint'), icon: IconSettings },
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

import { Button, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageRoles, canReadAudit, isCommittee, useLogout, useMe } from '../auth/session.ts';
import {
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
import { InstallHint } from '../layout/InstallHint.tsx';

interface TileProps {
  to: string;
  label: string;
  hint: string;
  icon: ComponentType<{ size?: string }>;
}

function Tile({ to, label, hint, icon: Icon }: TileProps) {
  return (
    <Link to={to} className="sotay-tile">
      <span className="sotay-tile-icon">
        <Icon size="1.9rem" />
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
  const mine: TileProps[] = [
    ...(me.member
      ? [{ to: '/profile', label: t('tiles.profile'), hint: t('tiles.profileHint'), icon: IconUser }]
      : []),
    { to: '/settings', label: t('tiles.settings'), hint: t('tiles.settingsHint'), icon: IconSettings },
  ];
  const committee: TileProps[] = isCommittee(me)
    ? [
        { to: '/members', label: t('tiles.members'), hint: t('tiles.membersHint'), icon: IconUsers },
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

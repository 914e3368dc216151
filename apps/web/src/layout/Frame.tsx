import { Box, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { Link, useRouter, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconArrowLeft, Logo } from '../components/icons.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';

function BackButton() {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <UnstyledButton
      onClick={() => (router.history.canGoBack() ? router.history.back() : router.navigate({ to: '/' }))}
      style={{ display: 'flex', alignItems: 'center', gap: 6, minHeight: 48, padding: '0 0.75rem 0 0.25rem' }}
      fw={700}
    >
      <IconArrowLeft />
      {t('app.back')}
    </UnstyledButton>
  );
}

/** Header, banners and the <main> landmark around every screen. */
export function Frame({
  children,
  showBack = true,
  offlineBanner = true,
}: {
  children: ReactNode;
  showBack?: boolean;
  offlineBanner?: boolean;
}) {
  const { t } = useTranslation();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const atHome = path === '/';
  return (
    <>
      <a className="sotay-skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <Box
        component="header"
        style={{
          borderBottom: '1px solid var(--mantine-color-default-border)',
          background: 'var(--mantine-color-body)',
        }}
      >
        <Container size="var(--sotay-wide-max)" px={{ base: 'xs', sm: 'lg' }}>
          <Group justify="space-between" wrap="nowrap" mih={60} gap="xs">
            {showBack && !atHome ? (
              <BackButton />
            ) : (
              <Link
                to="/"
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 10,
                  minHeight: 48,
                  color: 'inherit',
                  textDecoration: 'none',
                }}
              >
                <Logo />
                <Text fw={700} size="lg" component="span">
                  {t('app.name')}
                </Text>
              </Link>
            )}
            {showBack && !atHome && (
              <Link
                to="/"
                aria-label={t('app.home')}
                style={{ display: 'flex', minHeight: 48, alignItems: 'center' }}
              >
                <Logo />
              </Link>
            )}
          </Group>
        </Container>
      </Box>
      {offlineBanner && <OfflineBanner />}
      <UpdateBanner />
      <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        {children}
      </main>
    </>
  );
}

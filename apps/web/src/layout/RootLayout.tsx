import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { meQuery, needsTotpEnrollment } from '../auth/session.ts';
import { hadSession } from '../auth/session-hint.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { CheckInOutbox } from '../meetings/CheckInOutbox.tsx';
import { Frame } from './Frame.tsx';

// The gates are chunks of their own: a returning member (signed in for 30 days) never downloads them.
const loadLogin = () => import('../auth/LoginPage.tsx');
// first visit or signed out: fetch the login screen now, in parallel with the session check
if (!hadSession()) void loadLogin();
const LoginPage = lazy(() => loadLogin().then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('../auth/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const TotpEnrollPage = lazy(() =>
  import('../auth/TotpEnrollPage.tsx').then((m) => ({ default: m.TotpEnrollPage })),
);

/** Screens for people who are not signed in: they never wait for, or depend on, the session check. */
const PUBLIC_PATHS = new Set(['/register', '/reset-password']);
/** A document saved on this device opens with no network at all (docs/decisions/0024). */
const OFFLINE_READABLE = /^\/documents\/[0-9a-f-]{36}$/;
/** The meetings, a meeting and its check-in screen open with no network too (docs/decisions/0027). */
const OFFLINE_MEETINGS = /^\/meetings(\/[0-9a-f-]{36}(\/check-in)?)?$/;
const SavedDocuments = lazy(() => import('../documents/SavedDocuments.tsx'));
/** A member's live events (unread notices, answers) while the app is open: a chunk of its own. */
const LiveEvents = lazy(() => import('../notices/LiveEvents.tsx'));

export function Splash() {
  const { t } = useTranslation();
  return (
    <Center mih="50vh" role="status">
      <Stack align="center" gap="sm">
        <Loader color="var(--mantine-color-text)" aria-hidden="true" />
        <Text>{t('app.loading')}</Text>
      </Stack>
    </Center>
  );
}

function OfflineScreen({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.offlineTitle')}>
      <Text size="lg">{t('errors.offlineText')}</Text>
      <Button onClick={onRetry}>{t('app.retry')}</Button>
      {hadSession() && (
        <Suspense fallback={null}>
          <SavedDocuments />
        </Suspense>
      )}
    </Page>
  );
}

/**
 * The gates every screen passes: signed in (else the login form, at whatever address was opened),
 * own password chosen, second factor enrolled for committee roles. Then the routed screen.
 */
export function RootLayout() {
  const { t } = useTranslation();
  const me = useQuery(meQuery);
  const path = useRouterState({ select: (s) => s.location.pathname });

  let content: React.ReactNode;
  let showBack = false;
  let offline = false;
  let live = false;
  if (PUBLIC_PATHS.has(path)) {
    content = <Outlet />;
    showBack = true;
  } else if (me.isPending) {
    content = <Splash />;
  } else if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) content = <LoginPage />;
    else if (
      isApiError(me.error, 'network') &&
      hadSession() &&
      (OFFLINE_READABLE.test(path) || OFFLINE_MEETINGS.test(path))
    ) {
      content = <Outlet />;
      showBack = true;
    } else if (isApiError(me.error, 'network')) {
      content = <OfflineScreen onRetry={() => void me.refetch()} />;
      offline = true;
    } else
      content = (
        <Page title={t('errors.generic')}>
          <ErrorAlert error={me.error} />
          <Button onClick={() => void me.refetch()}>{t('app.retry')}</Button>
        </Page>
      );
  } else if (me.data.user.mustChangePassword) {
    content = <ChangePasswordPage forced />;
  } else if (needsTotpEnrollment(me.data)) {
    content = <TotpEnrollPage />;
  } else {
    content = <Outlet />;
    showBack = true;
    live = !!me.data.member;
  }
  return (
    <Frame showBack={showBack} offlineBanner={!offline}>
      {!PUBLIC_PATHS.has(path) && <CheckInOutbox />}
      <Suspense fallback={<Splash />}>{content}</Suspense>
      {live && (
        <Suspense fallback={null}>
          <LiveEvents />
        </Suspense>
      )}
    </Frame>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.notFoundTitle')}>
      <Text>{t('errors.notFoundText')}</Text>
    </Page>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('errors.forbiddenTitle')}</Title>
      <Text>{t('errors.forbiddenText')}</Text>
    </Stack>
  );
}

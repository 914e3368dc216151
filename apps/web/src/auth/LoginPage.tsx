import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/signin.ts';
import { api, data, isApiError, setCsrfToken } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { TextSizeControl } from './TextSizeToggle.tsx';

const OIDC_OUTCOMES = ['khong-khop', 'cho-duyet', 'bi-khoa', 'can-ma-xac-thuc', 'huy'] as const;
type OidcOutcome = (typeof OIDC_OUTCOMES)[number] | 'other';
const RECOVERY_CODE = /^[a-z0-9]{4}-?[a-z0-9]{4}$/i;

/** Where the identity provider sent the browser back with `?oidc=…` (sign-in refused or cancelled). */
function oidcOutcome(): OidcOutcome | null {
  const v = new URLSearchParams(window.location.search).get('oidc');
  if (!v) return null;
  return (OIDC_OUTCOMES as readonly string[]).includes(v) ? (v as OidcOutcome) : 'other';
}

function OidcMessage({ outcome, label }: { outcome: OidcOutcome; label: string }) {
  const { t } = useTranslation('signin');
  // a cancel or a pointer to the password form is information; the other outcomes are refusals
  const info = outcome === 'huy' || outcome === 'can-ma-xac-thuc';
  return (
    <Alert
      variant="outline"
      color={info ? 'gray' : 'red'}
      icon={<IconAlert />}
      title={t('login.oidcTitle', { label })}
      role={info ? 'status' : 'alert'}
    >
      {t(`login.oidcMessages.${outcome}`, { label })}
    </Alert>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('signin');
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [recovery, setRecovery] = useState(false);
  const [oidc, setOidc] = useState(oidcOutcome);
  const [missing, setMissing] = useState<{ username?: string; password?: string; totp?: string }>({});
  const oidcConfig = useQuery({
    queryKey: ['oidc-config'],
    queryFn: () => data(api.GET('/api/auth/oidc/config')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const oidcLabel = oidcConfig.data?.label ?? 'VNeID';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const m = {
      username: username.trim()
        ? undefined
        : t('login.required', { field: t('login.username').toLowerCase() }),
      password: password ? undefined : t('login.required', { field: t('login.password').toLowerCase() }),
      totp:
        askTotp && recovery && totp && !RECOVERY_CODE.test(totp.trim())
          ? ts('login.recoveryInvalid')
          : undefined,
    };
    setMissing(m);
    if (m.username || m.password || m.totp) return;
    setBusy(true);
    setError(null);
    setOidc(null);
    try {
      const r = await data(
        api.POST('/api/auth/login', {
          body: { username: username.trim(), password, ...(askTotp && totp ? { totp: totp.trim() } : {}) },
        }),
      );
      setCsrfToken(r.csrfToken);
      await queryClient.resetQueries({ queryKey: ['me'] });
    } catch (err) {
      if (isApiError(err, 'totp_required')) {
        setAskTotp(true);
        setTotp('');
        // first time: just ask for the code; afterwards the server's message says the code was wrong
        setError(askTotp ? err : null);
        setTimeout(() => totpRef.current?.focus(), 0);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('login.title')}>
      <Text size="lg">{t('login.intro')}</Text>
      {oidc && <OidcMessage outcome={oidc} label={oidcLabel} />}
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <TextInput
            label={t('login.username')}
            description={t('login.usernameHelp')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={missing.username}
            autoComplete="username"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            required
          />
          <Stack gap={4}>
            <PasswordField
              label={t('login.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={missing.password}
              autoComplete="current-password"
              required
            />
            <Anchor
              component={Link}
              to="/reset-password"
              fw={700}
              w="fit-content"
              className="sotay-link-target"
            >
              {ts('login.forgot')}
            </Anchor>
          </Stack>
          {askTotp &&
            (recovery ? (
              <TextInput
                key="recovery"
                ref={totpRef}
                label={ts('login.recovery')}
                description={ts('login.recoveryHelp')}
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value.replace(/[^a-z0-9-]/gi, '').slice(0, 9))}
                error={missing.totp}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                maxLength={9}
                required
              />
            ) : (
              <TextInput
                key="totp"
                ref={totpRef}
                label={t('login.totp')}
                description={t('login.totpHelp')}
                value={totp}
                onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
              />
            ))}
          {askTotp && (
            <Anchor
              component="button"
              type="button"
              fw={700}
              w="fit-content"
              onClick={() => {
                setRecovery((r) => !r);
                setTotp('');
                setMissing({});
                setTimeout(() => totpRef.current?.focus(), 0);
              }}
            >
              {recovery ? ts('login.useTotp') : ts('login.useRecovery')}
            </Anchor>
          )}
          <ErrorAlert error={error} />
          {isApiError(error, 'registration_rejected') && (
            <Anchor component={Link} to="/register" fw={700} className="sotay-link-target">
              {ts('login.registerAgain')}
            </Anchor>
          )}
          <Button type="submit" loading={busy} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
      {oidcConfig.data?.enabled && (
        <>
          <Text ta="center" fw={700}>
            {ts('login.or')}
          </Text>
          <Button component="a" href="/api/auth/oidc/start" variant="default" fullWidth>
            {ts('login.oidc', { label: oidcLabel })}
          </Button>
        </>
      )}
      <Stack gap={6} component="section" aria-labelledby="login-register">
        <Text fw={700} size="lg" id="login-register">
          {ts('login.registerPrompt')}
        </Text>
        <Button renderRoot={(props) => <Link {...props} to="/register" />} variant="default" fullWidth>
          {ts('login.register')}
        </Button>
      </Stack>
      <Text>{t('login.forgot')}</Text>
      <Stack gap={6}>
        <Text fw={700} id="login-text-size">
          {t('login.textSize')}
        </Text>
        <TextSizeControl label={t('login.textSize')} />
      </Stack>
    </Page>
  );
}

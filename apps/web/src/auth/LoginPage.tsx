import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError, setCsrfToken } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { TextSizeControl } from './TextSizeToggle.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
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
    };
    setMissing(m);
    if (m.username || m.password) return;
    setBusy(true);
    setError(null);
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
          <PasswordField
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password}
            autoComplete="current-password"
            required
          />
          {askTotp && (
            <TextInput
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
          )}
          <ErrorAlert error={error} />
          <Button type="submit" loading={busy} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
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

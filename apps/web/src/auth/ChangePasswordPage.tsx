import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { useLogout } from './session.ts';

const MIN_LENGTH = 8;

/** Forced after a first login with a given password; also reachable from Settings. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{ current?: string; next?: string; repeat?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const p = {
      current: current ? undefined : t('login.required', { field: t('password.current').toLowerCase() }),
      next: next.length >= MIN_LENGTH ? undefined : t('password.tooShort'),
      repeat: repeat === next ? undefined : t('password.mismatch'),
    };
    setProblems(p);
    if (p.current || p.next || p.repeat) return;
    setBusy(true);
    setError(null);
    try {
      await api.POST('/api/auth/change-password', { body: { currentPassword: current, newPassword: next } });
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={forced ? t('password.forcedTitle') : t('password.title')}>
      {forced && <Text size="lg">{t('password.forcedIntro')}</Text>}
      {done && <SuccessAlert>{t('password.done')}</SuccessAlert>}
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <PasswordField
            label={t('password.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={problems.current}
            autoComplete="current-password"
            required
          />
          <PasswordField
            label={t('password.new')}
            description={t('password.newHelp')}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={problems.next}
            autoComplete="new-password"
            required
          />
          <PasswordField
            label={t('password.confirm')}
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={problems.repeat}
            autoComplete="new-password"
            required
          />
          <ErrorAlert error={error} />
          <Button type="submit" loading={busy} fullWidth>
            {t('password.submit')}
          </Button>
          {forced && (
            <Button variant="default" onClick={() => void logout()} fullWidth>
              {t('settings.logout')}
            </Button>
          )}
        </Stack>
      </form>
    </Page>
  );
}

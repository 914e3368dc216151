import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/signin.ts';
import { api, data, isApiError } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { digits } from '../lib/dates.ts';

/** Offered only when the server can send mail (SMTP_URL). */
function MailCode({ username, onMissing }: { username: string; onMissing: () => void }) {
  const { t } = useTranslation('signin');
  const send = useMutation({
    mutationFn: (name: string) => data(api.POST('/api/auth/forgot-password', { body: { username: name } })),
  });
  return (
    <Section title={t('reset.mailTitle')}>
      <Text>{t('reset.mailHelp')}</Text>
      <ErrorAlert error={send.error} />
      {send.data && <SuccessAlert>{send.data.message}</SuccessAlert>}
      <Button
        variant="default"
        w="fit-content"
        loading={send.isPending}
        onClick={() => (username.trim() ? send.mutate(username.trim()) : onMissing())}
      >
        {t('reset.mailSend')}
      </Button>
    </Section>
  );
}

/** "Quên mật khẩu?": the 8-digit code from the chi ủy (or e-mail) and a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation('signin');
  const { t: tc } = useTranslation();
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<{
    username?: string;
    code?: string;
    next?: string;
    repeat?: string;
  }>({});
  const mail = useQuery({
    queryKey: ['forgot-password-config'],
    queryFn: () => data(api.GET('/api/auth/forgot-password')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const reset = useMutation({
    mutationFn: () =>
      api.POST('/api/auth/reset-password', {
        body: { username: username.trim(), code: digits(code), newPassword: next },
      }),
    onError: (err) => {
      if (isApiError(err, 'weak_password')) setProblems({ next: err.message });
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = {
      username: username.trim() ? undefined : t('reset.usernameMissing'),
      code: digits(code).length === 8 ? undefined : t('reset.codeInvalid'),
      next: next.length >= 8 ? undefined : tc('password.tooShort'),
      repeat: repeat === next ? undefined : tc('password.mismatch'),
    };
    setProblems(p);
    if (p.username || p.code || p.next || p.repeat) return;
    reset.mutate();
  }

  if (reset.isSuccess) {
    return (
      <Page title={t('reset.title')}>
        <SuccessAlert title={t('reset.doneTitle')}>{t('reset.doneText')}</SuccessAlert>
        <Button renderRoot={(props) => <Link {...props} to="/" />} size="xl">
          {t('reset.toLogin')}
        </Button>
      </Page>
    );
  }
  return (
    <Page title={t('reset.title')}>
      <Text size="lg">{t('reset.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <TextInput
            label={t('reset.username')}
            description={t('reset.usernameHelp')}
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
              setProblems((p) => ({ ...p, username: undefined }));
            }}
            error={problems.username}
            autoComplete="username"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
          />
          {mail.data?.enabled && (
            <MailCode
              username={username}
              onMissing={() => setProblems({ username: t('reset.usernameMissing') })}
            />
          )}
          <TextInput
            label={t('reset.code')}
            description={t('reset.codeHelp')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/[^\d ]/g, '').slice(0, 9))}
            error={problems.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
          />
          <PasswordField
            label={tc('password.new')}
            description={tc('password.newHelp')}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={problems.next}
            autoComplete="new-password"
          />
          <PasswordField
            label={tc('password.confirm')}
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={problems.repeat}
            autoComplete="new-password"
          />
          {!isApiError(reset.error, 'weak_password') && <ErrorAlert error={reset.error} />}
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </Page>
  );
}

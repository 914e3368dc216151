import { Box, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { useLogout } from './session.ts';

interface Enrollment {
  secret: string;
  otpauthUrl: string;
}

/** Committee and admin accounts must add a second factor before anything else (DESIGN §4). */
export function TotpEnrollPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string>();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!enrollment) return;
    void QRCode.toDataURL(enrollment.otpauthUrl, { margin: 2, width: 240, errorCorrectionLevel: 'M' }).then(
      setQr,
    );
  }, [enrollment]);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setEnrollment(await data(api.POST('/api/auth/totp/enroll')));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setCodeProblem(t('totp.codeInvalid'));
      return;
    }
    setCodeProblem(undefined);
    setBusy(true);
    setError(null);
    try {
      await api.POST('/api/auth/totp/confirm', { body: { code } });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function copy(secret: string) {
    await navigator.clipboard?.writeText(secret).catch(() => undefined);
    setCopied(true);
  }

  const grouped = enrollment?.secret.match(/.{1,4}/g)?.join(' ') ?? '';
  return (
    <Page title={t('totp.title')}>
      <Text size="lg">{t('totp.intro')}</Text>
      <Text>{t('totp.step1')}</Text>
      {!enrollment ? (
        <Button onClick={() => void start()} loading={busy}>
          {t('totp.start')}
        </Button>
      ) : (
        <>
          <Text>{t('totp.step2')}</Text>
          {qr && (
            <Box bg="white" p="xs" w="fit-content" style={{ borderRadius: 8 }}>
              <Image src={qr} alt={t('totp.qrAlt')} w={240} h={240} />
            </Box>
          )}
          <Stack gap={4}>
            <Text fw={700}>{t('totp.secret')}</Text>
            <Code block fz="lg" data-testid="totp-secret">
              {grouped}
            </Code>
          </Stack>
          <Group gap="sm">
            <Button variant="default" onClick={() => void copy(enrollment.secret)}>
              {copied ? t('totp.copied') : t('totp.copy')}
            </Button>
            <Button component="a" href={enrollment.otpauthUrl} variant="default">
              {t('totp.openApp')}
            </Button>
          </Group>
          <form onSubmit={confirm} noValidate>
            <Stack gap="lg">
              <TextInput
                label={t('totp.code')}
                description={t('totp.step3')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                error={codeProblem}
                required
              />
              <Button type="submit" loading={busy}>
                {t('totp.confirm')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <ErrorAlert error={error} />
      <Button variant="default" onClick={() => void logout()}>
        {t('settings.logout')}
      </Button>
    </Page>
  );
}

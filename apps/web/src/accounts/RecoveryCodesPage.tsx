import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import '../components/print.css';
import { api, data } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatDay } from '../lib/format.ts';

/** Mã dự phòng: ten single-use codes for when the phone with the authenticator is lost; shown once, printable. */
export function RecoveryCodesPage() {
  const { t } = useTranslation('accounts');
  const me = useMe();
  const [copied, setCopied] = useState(false);
  const generate = useMutation({
    mutationFn: () => data(api.POST('/api/auth/totp/recovery-codes')),
    onSuccess: () => setCopied(false),
  });
  const codes = generate.data?.codes;
  async function copy(list: string[]) {
    await navigator.clipboard?.writeText(list.join('\n')).catch(() => undefined);
    setCopied(true);
  }
  if (!me.user.totpEnabled) {
    return (
      <Page title={t('recovery.title')}>
        <Text>{t('recovery.notEnabled')}</Text>
      </Page>
    );
  }
  return (
    <Page title={t('recovery.title')}>
      <Text size="lg" className="sotay-noprint">
        {t('recovery.intro')}
      </Text>
      <Text className="sotay-noprint">{t('recovery.replaceNote')}</Text>
      <ErrorAlert error={generate.error} />
      {codes && (
        <>
          <div className="sotay-noprint">
            <SuccessAlert>{t('recovery.generated')}</SuccessAlert>
          </div>
          <section className="sotay-slip" data-paper="A4" aria-labelledby="codes-title">
            <Stack gap="sm">
              <h2 id="codes-title" style={{ fontSize: '1.2em' }}>
                {t('recovery.listTitle', { username: me.user.username })}
              </h2>
              <ol className="sotay-codes" data-testid="recovery-codes">
                {codes.map((c) => (
                  <li key={c}>
                    <span className="sotay-slip-secret">{c}</span>
                  </li>
                ))}
              </ol>
              <Text component="p" m={0} className="sotay-slip-small">
                {t('recovery.createdOn', { date: formatDay(new Date().toISOString()) })}
              </Text>
            </Stack>
          </section>
          <Group gap="sm" className="sotay-noprint">
            <Button onClick={() => window.print()}>{t('recovery.print')}</Button>
            <Button variant="default" onClick={() => void copy(codes)}>
              {copied ? t('recovery.copied') : t('recovery.copy')}
            </Button>
          </Group>
        </>
      )}
      <Button
        variant={codes ? 'default' : 'filled'}
        onClick={() => generate.mutate()}
        loading={generate.isPending}
        w="fit-content"
        className="sotay-noprint"
      >
        {t('recovery.generate')}
      </Button>
    </Page>
  );
}

import { Alert, List, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { IconAlert } from '../components/icons.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import '../i18n/notices.ts';
import { currentPushState, disablePush, enablePush, PushError, type PushState } from './push.ts';

type Outcome = { ok: true; text: string } | { ok: false; text: string };

/** "Nhận thông báo trên điện thoại": this device's web push, with what stands in the way said plainly. */
export default function PushSettings() {
  const { t } = useTranslation('notices');
  const { t: tApp } = useTranslation();
  const [state, setState] = useState<PushState | 'checking'>('checking');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    currentPushState().then(
      (s) => live && setState(s),
      () => live && setState('unsupported'),
    );
    return () => {
      live = false;
    };
  }, []);

  async function toggle(on: boolean) {
    setBusy(true);
    setOutcome(null);
    try {
      if (on) {
        await enablePush();
        setState('on');
        setOutcome({ ok: true, text: t('push.enabled') });
      } else {
        await disablePush();
        setState('off');
        setOutcome({ ok: true, text: t('push.disabled') });
      }
    } catch (e) {
      if (e instanceof PushError) {
        if (e.problem === 'denied') setState('denied');
        setOutcome({
          ok: false,
          text:
            e.problem === 'failed'
              ? t('push.failed')
              : e.problem === 'not-ready'
                ? t('push.notReady')
                : e.problem === 'denied'
                  ? t('push.denied')
                  : t('push.dismissed'),
        });
      } else {
        setOutcome({ ok: false, text: isApiError(e) ? e.message : tApp('errors.generic') });
      }
    } finally {
      setBusy(false);
    }
  }

  const locked = state === 'unsupported' || state === 'ios-install' || state === 'denied';
  const status =
    state === 'checking'
      ? tApp('app.loading')
      : state === 'on'
        ? t('push.on')
        : state === 'off'
          ? t('push.off')
          : state === 'denied'
            ? t('push.denied')
            : state === 'ios-install'
              ? t('push.ios')
              : t('push.unsupported');

  return (
    <div id="push">
      <Section title={t('push.title')}>
        <Switch
          size="lg"
          label={t('push.label')}
          description={t('push.help')}
          checked={state === 'on'}
          disabled={busy || state === 'checking' || locked}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <Text fw={700} role="status">
          {busy ? t('push.working') : status}
        </Text>
        {state === 'ios-install' && (
          <Stack gap={4}>
            <List type="ordered" spacing="xs">
              <List.Item>{tApp('install.iosStep1')}</List.Item>
              <List.Item>{tApp('install.iosStep2')}</List.Item>
              <List.Item>{tApp('install.iosStep3')}</List.Item>
              <List.Item>{t('push.iosStep4')}</List.Item>
            </List>
          </Stack>
        )}
        {outcome?.ok && <SuccessAlert title={outcome.text} />}
        {outcome && !outcome.ok && (
          <Alert color="red" variant="outline" icon={<IconAlert />} role="alert">
            {outcome.text}
          </Alert>
        )}
      </Section>
    </div>
  );
}

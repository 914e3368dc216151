import { Button, Radio, Stack, Switch, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../auth/session.ts';
import { TextSizeControl } from '../auth/TextSizeToggle.tsx';
import { IconKey, IconList, IconLogout, IconPhone } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { setLanguage } from '../i18n/index.ts';
import { IconHelp } from '../notices/icons.tsx';
import { updateSettings, useSettings } from '../settings/settings.ts';

/** Web push on this device: its own chunk (and strings), members only. */
const PushSettings = lazy(() => import('../notices/PushSettings.tsx'));

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const me = useMe();
  const logout = useLogout();
  return (
    <Page title={t('settings.title')}>
      <Section title={t('settings.textSize')}>
        <Text>{t('settings.textSizeHelp')}</Text>
        <TextSizeControl label={t('settings.textSize')} />
        <Text size="lg" fw={700}>
          {t('settings.preview')}
        </Text>
      </Section>
      <Section title={t('settings.contrast')}>
        <Switch
          size="lg"
          label={t('settings.contrastOn')}
          description={t('settings.contrastHelp')}
          checked={settings.highContrast}
          onChange={(e) => updateSettings({ highContrast: e.currentTarget.checked })}
        />
      </Section>
      <Section title={t('settings.language')}>
        <Radio.Group
          aria-label={t('settings.language')}
          value={settings.language}
          onChange={(v) => {
            const language = v === 'en' ? 'en' : 'vi';
            updateSettings({ language });
            void setLanguage(language);
          }}
        >
          <Stack gap={4}>
            <Radio value="vi" size="lg" label={<span lang="vi">Tiếng Việt</span>} />
            <Radio value="en" size="lg" label={<span lang="en">English</span>} />
          </Stack>
        </Radio.Group>
      </Section>
      {me.member && (
        <Suspense fallback={null}>
          <PushSettings />
        </Suspense>
      )}
      <Section title={t('settings.help')}>
        <Text>{t('settings.helpText')}</Text>
        <Button component={Link} to="/help" variant="default" leftSection={<IconHelp />} w="fit-content">
          {t('settings.helpLink')}
        </Button>
      </Section>
      <Section title={t('settings.account')}>
        <Text>{t('settings.signedInAs', { username: me.user.username })}</Text>
        <Stack gap="sm">
          <Button component={Link} to="/change-password" variant="default" leftSection={<IconKey />}>
            {t('settings.changePassword')}
          </Button>
          <Button component={Link} to="/settings/sessions" variant="default" leftSection={<IconPhone />}>
            {t('settings.sessions')}
          </Button>
          {me.user.totpEnabled && (
            <Button
              component={Link}
              to="/settings/recovery-codes"
              variant="default"
              leftSection={<IconList />}
            >
              {t('settings.recoveryCodes')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconLogout />} onClick={() => void logout()}>
            {t('settings.logout')}
          </Button>
        </Stack>
      </Section>
    </Page>
  );
}

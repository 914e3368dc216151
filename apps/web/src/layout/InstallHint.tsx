import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPhone } from '../components/icons.tsx';
import { dismissInstallHint, promptInstall, useInstallHint } from '../pwa/install.ts';

/** Android: the browser's own install prompt behind one button. iPhone: the three taps of "Thêm vào Màn hình chính". */
export function InstallHint() {
  const { t } = useTranslation();
  const hint = useInstallHint();
  if (!hint) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="install-title">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <IconPhone />
          <Title order={2} size="h3" id="install-title">
            {t('install.title')}
          </Title>
        </Group>
        {hint === 'android' ? (
          <Text>{t('install.androidText')}</Text>
        ) : (
          <>
            <Text>{t('install.iosText')}</Text>
            <List type="ordered" spacing="xs">
              <List.Item>{t('install.iosStep1')}</List.Item>
              <List.Item>{t('install.iosStep2')}</List.Item>
              <List.Item>{t('install.iosStep3')}</List.Item>
            </List>
          </>
        )}
        <Group gap="sm">
          {hint === 'android' && (
            <Button onClick={() => void promptInstall()}>{t('install.androidAction')}</Button>
          )}
          <Button variant="default" onClick={dismissInstallHint}>
            {t('install.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

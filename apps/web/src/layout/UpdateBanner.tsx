import { Alert, Button, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { applyUpdate, useUpdateWaiting } from '../pwa/register.ts';

/** "Có phiên bản mới — Cập nhật": the new service worker takes over only when the person says so. */
export function UpdateBanner() {
  const { t } = useTranslation();
  if (!useUpdateWaiting()) return null;
  return (
    <Container size="var(--sotay-wide-max)" pt="sm">
      <Alert variant="outline" role="status">
        <Group justify="space-between" gap="sm">
          <Text fw={700}>{t('update.available')}</Text>
          <Button onClick={applyUpdate}>{t('update.action')}</Button>
        </Group>
      </Alert>
    </Container>
  );
}

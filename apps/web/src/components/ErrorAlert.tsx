import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert } from './icons.tsx';

/** Shows the server's own Vietnamese message (or ours for a lost connection). */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('errors.generic');
  return (
    <Alert color="red" variant="outline" icon={<IconAlert />} title={title} role="alert">
      {message}
    </Alert>
  );
}

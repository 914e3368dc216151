import { Container, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** One screen: its <h1>, the document title, and a readable width (wider for the console's lists). */
export function Page({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('app.shortName')}`;
  }, [title, t]);
  return (
    <Container
      size={wide ? 'var(--sotay-wide-max)' : 'var(--sotay-page-max)'}
      px={{ base: 'md', sm: 'lg' }}
      py="lg"
    >
      <Stack gap="lg">
        <Title order={1}>{title}</Title>
        {children}
      </Stack>
    </Container>
  );
}

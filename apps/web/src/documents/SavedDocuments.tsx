import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../i18n/documents.ts';
import { savedDocuments } from './offline.ts';
import { documentTitle } from './parts.tsx';

/** The documents this device keeps for reading offline: links that work with no network at all. */
export default function SavedDocuments() {
  const { t } = useTranslation('documents');
  const saved = useQuery({
    queryKey: ['documents', 'saved-on-device'],
    queryFn: savedDocuments,
    networkMode: 'always',
    staleTime: 0,
  });
  if (!saved.data?.length) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="saved-documents">
      <Title order={2} id="saved-documents">
        {t('saved.title')}
      </Title>
      <Text>{t('saved.intro')}</Text>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {saved.data.map((d) => (
          <li key={d.id}>
            <Link to="/documents/$id" params={{ id: d.id }} className="sotay-list-row">
              {d.number && (
                <Text component="span" display="block" fw={700}>
                  {d.number}
                </Text>
              )}
              <Text component="span" display="block" lang="vi">
                {documentTitle(d)}
              </Text>
            </Link>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

import { Anchor, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconEdit, IconPhone } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import '../i18n/feedback.ts';
import { ThreadRow } from './parts.tsx';
import { hasNewAnswer, myFeedbackQuery } from './queries.ts';

/** Hỏi đáp: the member's questions (those with an answer not yet opened first), and "Gửi câu hỏi". */
export function MyFeedbackPage() {
  const { t } = useTranslation('feedback');
  const mine = useQuery({ ...myFeedbackQuery, staleTime: 0 });
  const items = mine.data?.items ?? [];
  const fresh = items.filter((f) => hasNewAnswer(f));
  const rest = items.filter((f) => !hasNewAnswer(f));
  return (
    <Page title={t('mine.title')}>
      <Text size="lg">{t('mine.intro')}</Text>
      <Button
        leftSection={<IconEdit />}
        w="fit-content"
        renderRoot={(props) => <Link {...props} to="/feedback/new" />}
      >
        {t('mine.ask')}
      </Button>
      <Stack gap="sm" component="section" aria-labelledby="my-questions">
        <Title order={2} id="my-questions">
          {t('mine.list')}
        </Title>
        <ErrorAlert error={mine.error} />
        {mine.isPending && <Skeleton h={160} />}
        {mine.data && (
          <Text fw={700} role="status">
            {!items.length
              ? t('mine.none')
              : fresh.length
                ? t('mine.fresh', { count: fresh.length })
                : t('mine.count', { count: items.length })}
          </Text>
        )}
        {!!items.length && (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {[...fresh, ...rest].map((f) => (
              <li key={f.id}>
                <ThreadRow f={f} fresh={fresh.includes(f)} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
      <Text>
        {t('mine.callInstead')}{' '}
        <Anchor renderRoot={(props) => <Link {...props} to="/help" />}>
          <IconPhone size="1em" /> {t('mine.helpLink')}
        </Anchor>
      </Text>
    </Page>
  );
}

import { Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import type { MyStudyItem } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { formatDate } from '../lib/format.ts';
import { myStudyQuery } from './queries.ts';
import { TopicBadges } from './StudyBadges.tsx';

/** "Đã đọc 1/2 văn bản · Đạt (100 điểm) · Đã nộp bài thu hoạch": where the member stands, in words. */
export function progressLine(item: MyStudyItem, t: (key: string, o?: Record<string, unknown>) => string) {
  const p = item.progress;
  return [
    p.documentsTotal > 0 && t('common.documentsRead', { read: p.documentsRead, total: p.documentsTotal }),
    p.passed
      ? `${t('common.passed')} (${t('common.scoreValue', { score: p.bestScore })})`
      : p.attemptsUsed
        ? `${t('common.failed')} (${t('common.scoreValue', { score: p.bestScore ?? 0 })})`
        : t('common.notTaken'),
    item.essayRequired
      ? t(p.essaySubmitted ? 'common.essaySubmitted' : 'common.essayMissing')
      : t('common.essayOptional'),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Học tập: the topics the committee assigned to the member, unfinished first. */
export function StudyListPage() {
  const { t } = useTranslation('study');
  const list = useQuery(myStudyQuery);
  const left = list.data?.notCompleted ?? 0;
  return (
    <Page title={t('list.title')}>
      <Text>{t('list.intro')}</Text>
      <ErrorAlert error={list.error} />
      {list.isPending && <Skeleton h={160} />}
      {list.data && list.data.total === 0 && <Text fw={700}>{t('list.none')}</Text>}
      {list.data && list.data.total > 0 && (
        <Text fw={700} size="lg">
          {left ? t('list.toDo', { count: left }) : t('list.allDone')}
        </Text>
      )}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.data?.items.map((item) => (
          <li key={item.id}>
            <Link to="/study/$topicId" params={{ topicId: item.id }} className="sotay-list-row">
              <Stack gap={6}>
                <TopicBadges item={item} />
                <Text fw={700} size="xl" component="span" lh={1.35}>
                  {item.title}
                </Text>
                <Text component="span">
                  {item.dueOn ? t('common.dueOnValue', { date: formatDate(item.dueOn) }) : t('common.noDue')}
                </Text>
                <Text component="span" c="dimmed">
                  {progressLine(item, t as never)}
                </Text>
              </Stack>
            </Link>
          </li>
        ))}
      </Stack>
    </Page>
  );
}

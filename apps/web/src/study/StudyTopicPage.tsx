import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import type { MyStudyTopic } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconCheck, IconChevronRight } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatDate, formatInstant } from '../lib/format.ts';
import { myTopicQuery } from './queries.ts';
import { TopicBadges } from './StudyBadges.tsx';

function Documents({ topic }: { topic: MyStudyTopic }) {
  const { t } = useTranslation('study');
  if (!topic.documents.length) return <Text>{t('topic.noDocuments')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {topic.documents.map((d) => {
        const state = d.read ? t('topic.read') : t('topic.unread');
        return (
          <li key={d.id}>
            <Link to="/documents/$id" params={{ id: d.id }} className="sotay-list-row">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={2}>
                  {d.number && (
                    <Text fw={700} component="span">
                      {d.number}
                    </Text>
                  )}
                  <Text component="span">{d.title}</Text>
                  <Text component="span" fw={700} c={d.read ? 'var(--sotay-success)' : 'dimmed'}>
                    {d.read && <IconCheck size="1em" />} {state}
                  </Text>
                </Stack>
                <IconChevronRight style={{ flex: 'none' }} />
              </Group>
            </Link>
          </li>
        );
      })}
    </Stack>
  );
}

function Quiz({ topic }: { topic: MyStudyTopic }) {
  const { t } = useTranslation('study');
  const p = topic.progress;
  const open = topic.status === 'assigned';
  const canStart = open && (p.attemptsLeft === null || p.attemptsLeft > 0 || !!topic.openAttemptId);
  const result = (passed: boolean | null) => (passed ? t('common.passed') : t('common.failed'));
  const done = topic.attempts.filter((a) => a.submittedAt);
  return (
    <Stack gap="md">
      <Text>{t('topic.quizInfo', { count: topic.questionCount, passMark: topic.passMark })}</Text>
      <Text>
        {topic.maxAttempts === null
          ? t('topic.attemptsUnlimited')
          : t('topic.attemptsLimited', { max: topic.maxAttempts, left: p.attemptsLeft })}
      </Text>
      {p.bestScore !== null && (
        <Text fw={700} size="lg">
          {t('topic.bestScore', { score: p.bestScore, result: result(p.passed) })}
        </Text>
      )}
      {done.length > 0 && (
        <Stack gap={4}>
          <Text fw={700}>{t('topic.attemptsTitle')}</Text>
          <Stack component="ul" gap={4} m={0} pl="lg">
            {done.map((a) => (
              <li key={a.id}>
                {t('topic.attemptRow', { number: a.number, score: a.score, result: result(a.passed) })}
                {a.submittedAt && ` (${t('topic.attemptAt', { at: formatInstant(a.submittedAt) })})`}
              </li>
            ))}
          </Stack>
        </Stack>
      )}
      {canStart ? (
        <Button
          renderRoot={(props) => <Link {...props} to="/study/$topicId/quiz" params={{ topicId: topic.id }} />}
          size="xl"
          variant={p.passed ? 'default' : 'filled'}
          w="fit-content"
        >
          {topic.openAttemptId ? t('topic.resume') : done.length ? t('topic.retry') : t('topic.start')}
        </Button>
      ) : (
        open && <Text fw={700}>{t('topic.noAttemptsLeft')}</Text>
      )}
    </Stack>
  );
}

function Essay({ topic }: { topic: MyStudyTopic }) {
  const { t } = useTranslation('study');
  const e = topic.essay;
  const open = topic.status === 'assigned';
  return (
    <Stack gap="md">
      {!topic.essayRequired && <Text>{t('common.essayOptional')}</Text>}
      {e ? (
        <Stack gap={4}>
          <Text fw={700}>{t('common.essaySubmitted')}</Text>
          <Text>{t('topic.essayAt', { at: formatInstant(e.submittedAt) })}</Text>
          {e.file && <Text>{t('topic.essayFile', { name: e.file.name })}</Text>}
        </Stack>
      ) : (
        <Text>{t('common.essayMissing')}</Text>
      )}
      {e?.comment && (
        <div className="sotay-box">
          <Text fw={700}>{t('topic.comment', { by: e.commentedBy ?? '' })}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</Text>
          {e.commentedAt && (
            <Text size="sm" c="dimmed">
              {formatInstant(e.commentedAt)}
            </Text>
          )}
        </div>
      )}
      {(open || e) && (
        <Button
          renderRoot={(props) => (
            <Link {...props} to="/study/$topicId/essay" params={{ topicId: topic.id }} />
          )}
          size="xl"
          variant={e || !topic.progress.passed ? 'default' : 'filled'}
          w="fit-content"
        >
          {!open ? t('topic.viewEssay') : e ? t('topic.editEssay') : t('topic.writeEssay')}
        </Button>
      )}
    </Stack>
  );
}

/** One topic for the member: what to read, the quiz, the bài thu hoạch — three steps, in order. */
export function StudyTopicPage() {
  const { t } = useTranslation('study');
  const { topicId } = useParams({ from: '/study/$topicId' });
  const q = useQuery(myTopicQuery(topicId));
  const topic = q.data;
  return (
    <Page title={topic?.title ?? t('list.title')}>
      <ErrorAlert error={q.error} />
      {q.isPending && <Skeleton h={300} />}
      {topic && (
        <>
          <Stack gap={6} mt={-8}>
            <TopicBadges item={topic} />
            <Text size="lg">
              {topic.dueOn ? t('common.dueOnValue', { date: formatDate(topic.dueOn) }) : t('common.noDue')}
              {' · '}
              {t('common.assignedBy', { org: topic.orgName })}
            </Text>
          </Stack>
          {topic.progress.completed && <SuccessAlert>{t('topic.doneAlert')}</SuccessAlert>}
          {topic.status === 'closed' && (
            <Alert variant="outline" color="var(--mantine-color-text)" icon={<IconAlert />}>
              {t('topic.closedAlert')}
            </Alert>
          )}
          {topic.progress.overdue && topic.status === 'assigned' && (
            <Alert variant="outline" color="red.8" icon={<IconAlert />}>
              {t('topic.overdueAlert')}
            </Alert>
          )}
          {topic.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{topic.description}</Text>}
          <Section title={t('topic.step1')}>
            <Documents topic={topic} />
          </Section>
          <Section title={t('topic.step2')}>
            <Quiz topic={topic} />
          </Section>
          <Section title={t('topic.step3')}>
            <Essay topic={topic} />
          </Section>
        </>
      )}
    </Page>
  );
}

import { Anchor, Button, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import { api, data } from '../api/client.ts';
import type { StudyMemberReview } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { formatInstant } from '../lib/format.ts';
import { memberReviewQuery } from './queries.ts';
import { StateBadge } from './StudyBadges.tsx';

function CommentForm({ review, topicId }: { review: StudyMemberReview; topicId: string }) {
  const { t } = useTranslation('study');
  const queryClient = useQueryClient();
  const current = review.essay?.comment ?? '';
  const [comment, setComment] = useState(current);
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => setComment(current), [current]);
  const send = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/study/topics/{id}/members/{memberId}/comment', {
          params: { path: { id: topicId, memberId: review.member.memberId } },
          body: { comment: comment.trim() },
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['study', 'topics', topicId] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (comment.trim().length < 2) return setProblem(t('review.commentTooShort'));
    send.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {saved && <SuccessAlert>{t('review.commentSaved')}</SuccessAlert>}
        {review.essay?.commentedAt && (
          <Text size="sm" c="dimmed">
            {t('topic.commentAt', {
              by: review.essay.commentedBy ?? '',
              at: formatInstant(review.essay.commentedAt),
            })}
          </Text>
        )}
        <Textarea
          label={t('review.commentField')}
          description={t('review.commentHelp')}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            setProblem(undefined);
          }}
          autosize
          minRows={3}
          maxLength={2000}
          error={problem}
        />
        <ErrorAlert error={send.error} />
        <Button type="submit" loading={send.isPending} w="fit-content">
          {current ? t('review.updateComment') : t('review.sendComment')}
        </Button>
      </Stack>
    </form>
  );
}

function Review() {
  const { t } = useTranslation('study');
  const { topicId, memberId } = useParams({ from: '/study-topics/$topicId/members/$memberId' });
  const q = useQuery(memberReviewQuery(topicId, memberId));
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Skeleton h={300} />;
  const r = q.data;
  const m = r.member;
  const result = m.passed ? t('common.passed') : m.attempts ? t('common.failed') : t('common.notTaken');
  return (
    <>
      <Stack gap={6} mt={-8}>
        <Text size="lg">{r.topic.title}</Text>
        <div>
          <StateBadge tone={m.completed ? 'done' : 'plain'}>
            {m.completed ? t('common.completed') : t('common.notCompleted')}
          </StateBadge>
        </div>
      </Stack>
      <Section title={t('review.progress')}>
        <DataList
          items={[
            { label: t('review.chiBo'), value: m.orgName },
            {
              label: t('review.documents'),
              value: m.documentsTotal
                ? t('common.documentsRead', { read: m.documentsRead, total: m.documentsTotal })
                : t('topic.noDocuments'),
            },
            {
              label: t('review.quiz'),
              value: m.attempts
                ? t('review.quizValue', { result, score: m.bestScore, count: m.attempts })
                : result,
            },
            {
              label: t('review.essay'),
              value: m.essaySubmittedAt
                ? `${t('common.essaySubmitted')} (${formatInstant(m.essaySubmittedAt)})`
                : r.topic.essayRequired
                  ? t('common.essayMissing')
                  : t('common.essayOptional'),
            },
          ]}
        />
        {r.attempts.length > 0 && (
          <Stack gap={4}>
            <Text fw={700}>{t('review.attempts')}</Text>
            <Stack component="ul" gap={4} m={0} pl="lg">
              {r.attempts
                .filter((a) => a.submittedAt)
                .map((a) => (
                  <li key={a.id}>
                    {t('topic.attemptRow', {
                      number: a.number,
                      score: a.score,
                      result: a.passed ? t('common.passed') : t('common.failed'),
                    })}{' '}
                    ({formatInstant(a.submittedAt)})
                  </li>
                ))}
            </Stack>
          </Stack>
        )}
      </Section>
      <Section title={t('review.essay')}>
        {r.essay ? (
          <Stack gap="md">
            {r.essay.body && (
              <Text style={{ whiteSpace: 'pre-wrap' }} className="sotay-box">
                {r.essay.body}
              </Text>
            )}
            {r.essay.file && (
              <Anchor
                href={`/api/study/topics/${topicId}/members/${memberId}/essay-file`}
                fw={700}
                className="sotay-link-target"
              >
                <IconDownload size="1.2em" />
                &nbsp;{t('review.downloadFile', { name: r.essay.file.name })}
              </Anchor>
            )}
            <CommentForm review={r} topicId={topicId} />
          </Stack>
        ) : (
          <Text>{t('review.noEssay')}</Text>
        )}
      </Section>
    </>
  );
}

/** One member's results on a topic for the chi ủy: reading, attempts, the essay and a comment on it. */
export function MemberReviewPage() {
  const { t } = useTranslation('study');
  const { topicId, memberId } = useParams({ from: '/study-topics/$topicId/members/$memberId' });
  const q = useQuery(memberReviewQuery(topicId, memberId));
  const name = q.data?.member.fullName;
  return (
    <Page title={name ? t('review.title', { name }) : t('completion.title')} wide>
      <RequireRole allow={isCommittee}>
        <Review />
      </RequireRole>
    </Page>
  );
}

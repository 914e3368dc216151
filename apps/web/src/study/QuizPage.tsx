import { Alert, Button, Checkbox, Group, Progress, Radio, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import './study.css';
import { api, data } from '../api/client.ts';
import type { StudyAttempt } from '../api/types.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconCheck } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { myTopicQuery } from './queries.ts';

type Answers = Record<string, string[]>;
type Question = StudyAttempt['questions'][number];

/** Answers survive a reload or a phone call in the middle of the quiz (per attempt, this tab only). */
const storageKey = (attemptId: string) => `sotay-quiz-${attemptId}`;
function loadAnswers(attemptId: string): Answers {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey(attemptId)) ?? '{}') as Answers;
  } catch {
    return {};
  }
}

function QuestionStep({
  question,
  chosen,
  onChange,
  n,
  total,
}: {
  question: Question;
  chosen: string[];
  onChange: (next: string[]) => void;
  n: number;
  total: number;
}) {
  const { t } = useTranslation('study');
  const promptId = useId();
  const hintId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // each question mounts anew (keyed by id) and takes the focus, so a screen reader reads it first
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const single = question.kind === 'single';
  const choices = question.options.map((o) => {
    const on = chosen.includes(o.id);
    const body = (indicator: ReactNode) => (
      <Group wrap="nowrap" align="center" gap="md">
        {indicator}
        <Text size="lg" component="span" lh={1.4}>
          {o.text}
        </Text>
      </Group>
    );
    return single ? (
      <Radio.Card
        key={o.id}
        className="sotay-quiz-option"
        checked={on}
        value={o.id}
        onClick={() => onChange([o.id])}
      >
        {body(<Radio.Indicator size="md" />)}
      </Radio.Card>
    ) : (
      <Checkbox.Card
        key={o.id}
        className="sotay-quiz-option"
        checked={on}
        value={o.id}
        onClick={() => onChange(on ? chosen.filter((c) => c !== o.id) : [...chosen, o.id])}
      >
        {body(<Checkbox.Indicator size="md" />)}
      </Checkbox.Card>
    );
  });
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fw={700} size="lg" aria-hidden="true">
          {t('quiz.progress', { n, total })}
        </Text>
        <Progress value={(n / total) * 100} size="lg" aria-label={t('quiz.progressLabel', { n, total })} />
      </Stack>
      <Title order={2} id={promptId} ref={heading} tabIndex={-1} className="sotay-quiz-prompt">
        <span className="sotay-visually-hidden">{t('quiz.progress', { n, total })}. </span>
        {question.prompt}
      </Title>
      <Text id={hintId} fw={700}>
        {single ? t('quiz.single') : t('quiz.multiple')}
      </Text>
      {single ? (
        <div
          role="radiogroup"
          aria-labelledby={promptId}
          aria-describedby={hintId}
          className="sotay-quiz-options"
        >
          {choices}
        </div>
      ) : (
        <fieldset
          aria-labelledby={promptId}
          aria-describedby={hintId}
          className="sotay-fieldset sotay-quiz-options"
        >
          {choices}
        </fieldset>
      )}
    </Stack>
  );
}

function Result({
  attempt,
  topicId,
  onRetry,
  retrying,
  essayNeeded,
  open,
}: {
  attempt: StudyAttempt;
  topicId: string;
  onRetry: () => void;
  retrying: boolean;
  essayNeeded: boolean;
  open: boolean;
}) {
  const { t } = useTranslation('study');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const r = attempt.result!;
  const wrong = r.review.filter((x) => !x.isCorrect);
  const names = (q: (typeof r.review)[number], ids: string[]) =>
    ids.map((id) => q.options.find((o) => o.id === id)?.text ?? '').join('; ');
  const hidden = wrong.some((x) => x.correct === null);
  const canRetry = open && attempt.attemptsLeft !== 0;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} ref={heading} tabIndex={-1}>
          {t('quiz.resultTitle')}
        </Title>
        <Text fz="2.5rem" fw={800} lh={1.2}>
          {t('quiz.scoreBig', { score: r.score })}
        </Text>
        <Text size="lg">{t('quiz.correctCount', { correct: r.correctCount, total: r.questionCount })}</Text>
      </Stack>
      {r.passed ? (
        <SuccessAlert title={t('common.passed')}>
          {t('quiz.passedText', { passMark: attempt.passMark })}
        </SuccessAlert>
      ) : (
        <Alert variant="outline" color="red.8" icon={<IconAlert />} title={t('common.failed')}>
          {t('quiz.failedText', { passMark: attempt.passMark })}
        </Alert>
      )}
      {wrong.length === 0 ? (
        <Text fw={700}>
          <IconCheck size="1em" /> {t('quiz.allRight')}
        </Text>
      ) : (
        <Stack gap="sm" component="section" aria-labelledby="quiz-wrong">
          <Title order={3} id="quiz-wrong">
            {t('quiz.wrongTitle', { count: wrong.length })}
          </Title>
          {hidden && <Text>{t('quiz.hidden')}</Text>}
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {wrong.map((x) => (
              <li key={x.questionId} className="sotay-box">
                <Stack gap={4}>
                  <Text fw={700}>{x.prompt}</Text>
                  <Text>
                    {x.chosen.length
                      ? t('quiz.yourAnswer', { answer: names(x, x.chosen) })
                      : t('quiz.noAnswer')}
                  </Text>
                  {x.correct && (
                    <Text fw={700} c="var(--sotay-success)">
                      {t('quiz.rightAnswer', { answer: names(x, x.correct) })}
                    </Text>
                  )}
                  {x.explanation && <Text c="dimmed">{x.explanation}</Text>}
                </Stack>
              </li>
            ))}
          </Stack>
        </Stack>
      )}
      {open && attempt.attemptsLeft !== null && (
        <Text>
          {attempt.attemptsLeft > 0
            ? t('quiz.attemptsLeft', { count: attempt.attemptsLeft })
            : t('quiz.noneLeft')}
        </Text>
      )}
      <Group gap="sm">
        {r.passed && essayNeeded && (
          <Button
            size="lg"
            renderRoot={(props) => <Link {...props} to="/study/$topicId/essay" params={{ topicId }} />}
          >
            {t('quiz.toEssay')}
          </Button>
        )}
        {canRetry && (
          <Button size="lg" variant={r.passed ? 'default' : 'filled'} onClick={onRetry} loading={retrying}>
            {t('quiz.retry')}
          </Button>
        )}
        <Button
          size="lg"
          variant="default"
          renderRoot={(props) => <Link {...props} to="/study/$topicId" params={{ topicId }} />}
        >
          {t('quiz.backToTopic')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The quiz, one question per screen (large choices, "Câu 2/5"), then the result with the answers that
 * were wrong. Opening the page starts an attempt, or resumes the one still open.
 */
export function QuizPage() {
  const { t } = useTranslation('study');
  const { topicId } = useParams({ from: '/study/$topicId/quiz' });
  const queryClient = useQueryClient();
  const topic = useQuery(myTopicQuery(topicId));
  const start = useQuery({
    // not under ['me', 'study']: refreshing the lists must never start another attempt
    queryKey: ['study-attempt', topicId],
    queryFn: () =>
      data(api.POST('/api/me/study/{id}/attempts', { params: { path: { id: topicId } } })).then(
        (r) => r.attempt,
      ),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const attempt = start.data;
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Answers>({});
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<StudyAttempt | null>(null);
  useEffect(() => {
    if (!attempt) return;
    setAnswers(loadAnswers(attempt.id));
    setIndex(0);
    setResult(attempt.result ? attempt : null);
  }, [attempt]);

  const submit = useMutation({
    mutationFn: (a: StudyAttempt) =>
      data(
        api.POST('/api/me/study/{id}/attempts/{attemptId}/submit', {
          params: { path: { id: topicId, attemptId: a.id } },
          body: { answers: a.questions.map((q) => ({ questionId: q.id, optionIds: answers[q.id] ?? [] })) },
        }),
      ).then((r) => r.attempt),
    onSuccess: async (done) => {
      sessionStorage.removeItem(storageKey(done.id));
      setConfirming(false);
      setResult(done);
      window.scrollTo({ top: 0 });
      await queryClient.invalidateQueries({ queryKey: ['me', 'study'] });
    },
  });

  function choose(questionId: string, next: string[]) {
    if (!attempt) return;
    const all = { ...answers, [questionId]: next };
    setAnswers(all);
    sessionStorage.setItem(storageKey(attempt.id), JSON.stringify(all));
  }

  const title = topic.data?.title;
  const questions = attempt?.questions ?? [];
  const question = questions[index];
  const unanswered = questions.filter((q) => !answers[q.id]?.length).length;
  const last = index === questions.length - 1;

  return (
    <Page title={t('quiz.title')}>
      {title && (
        <Text size="lg" mt={-8}>
          {title}
        </Text>
      )}
      <ErrorAlert error={start.error} />
      {start.isError && (
        <Button
          variant="default"
          w="fit-content"
          renderRoot={(props) => <Link {...props} to="/study/$topicId" params={{ topicId }} />}
        >
          {t('quiz.backToTopic')}
        </Button>
      )}
      {start.isPending && (
        <Stack gap="sm" aria-busy="true">
          <Text>{t('quiz.loading')}</Text>
          <Skeleton h={280} />
        </Stack>
      )}
      {result && (
        <Result
          attempt={result}
          topicId={topicId}
          open={topic.data?.status !== 'closed'}
          essayNeeded={!!topic.data?.essayRequired && !topic.data?.essay}
          retrying={start.isFetching}
          onRetry={() => {
            setResult(null);
            void queryClient.resetQueries({ queryKey: ['study-attempt', topicId] });
          }}
        />
      )}
      {!result && attempt && question && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!last) setIndex(index + 1);
            else if (unanswered > 0) setConfirming(true);
            else submit.mutate(attempt);
          }}
        >
          <Stack gap="lg">
            <QuestionStep
              key={question.id}
              question={question}
              chosen={answers[question.id] ?? []}
              onChange={(next) => choose(question.id, next)}
              n={index + 1}
              total={questions.length}
            />
            <ErrorAlert error={submit.error} />
            <Group gap="sm" justify="space-between">
              <Button variant="default" size="lg" disabled={index === 0} onClick={() => setIndex(index - 1)}>
                {t('quiz.previous')}
              </Button>
              <Button type="submit" size="lg" loading={submit.isPending}>
                {last ? t('quiz.submit') : t('quiz.next')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <ActionDialog
        open={confirming}
        title={t('quiz.unansweredTitle')}
        text={t('quiz.unansweredText', { count: unanswered })}
        confirmLabel={t('quiz.submitAnyway')}
        cancelLabel={t('quiz.goBack')}
        onConfirm={() => attempt && submit.mutate(attempt)}
        onClose={() => setConfirming(false)}
        busy={submit.isPending}
        error={submit.error}
      />
    </Page>
  );
}

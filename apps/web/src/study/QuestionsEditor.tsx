import { Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import './study.css';
import type { StudyTopic } from '../api/types.ts';

export interface DraftOption {
  key: string;
  text: string;
  correct: boolean;
}
export interface DraftQuestion {
  key: string;
  kind: 'single' | 'multiple';
  prompt: string;
  options: DraftOption[];
  explanation: string;
}

const LETTERS = 'ABCDEF';
const newKey = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);
const option = (): DraftOption => ({ key: newKey(), text: '', correct: false });
export const newQuestion = (): DraftQuestion => ({
  key: newKey(),
  kind: 'single',
  prompt: '',
  options: [option(), option(), option(), option()],
  explanation: '',
});

export function draftQuestions(topic: StudyTopic | undefined): DraftQuestion[] {
  return (topic?.questions ?? []).map((q) => ({
    key: q.id,
    kind: q.kind,
    prompt: q.prompt,
    options: q.options.map((o) => ({ key: o.id, text: o.text, correct: q.correct.includes(o.id) })),
    explanation: q.explanation ?? '',
  }));
}

/** The question bank as the API takes it (the server gives the options ids of its own). */
export function questionsBody(questions: DraftQuestion[]) {
  return questions.map((q) => {
    const options = q.options.filter((o) => o.text.trim());
    return {
      kind: q.kind,
      prompt: q.prompt.trim(),
      options: options.map((o) => ({ id: o.key, text: o.text.trim() })),
      correct: options.filter((o) => o.correct).map((o) => o.key),
      explanation: q.explanation.trim() || null,
    };
  });
}

/** What is wrong with each question, in the same words the server would use (checked before sending). */
export function questionProblems(questions: DraftQuestion[], t: (k: string, o?: object) => string): string[] {
  return questions.flatMap((q, i) => {
    const n = i + 1;
    const filled = q.options.filter((o) => o.text.trim());
    const right = filled.filter((o) => o.correct).length;
    const out: string[] = [];
    if (q.prompt.trim().length < 3) out.push(t('editor.problems.prompt', { n }));
    if (filled.length < 2 || filled.length !== q.options.length)
      out.push(t('editor.problems.options', { n }));
    if (q.kind === 'single' && right !== 1) out.push(t('editor.problems.single', { n }));
    if (q.kind === 'multiple' && (right < 1 || right >= filled.length))
      out.push(t('editor.problems.multiple', { n }));
    return out;
  });
}

function QuestionCard({
  q,
  n,
  onChange,
  onRemove,
  onMoveUp,
  disabled,
}: {
  q: DraftQuestion;
  n: number;
  onChange: (next: DraftQuestion) => void;
  onRemove: () => void;
  onMoveUp?: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('study');
  const setOption = (i: number, patch: Partial<DraftOption>) =>
    onChange({ ...q, options: q.options.map((o, k) => (k === i ? { ...o, ...patch } : o)) });
  const markCorrect = (i: number, on: boolean) =>
    onChange({
      ...q,
      options: q.options.map((o, k) =>
        q.kind === 'single' ? { ...o, correct: k === i } : k === i ? { ...o, correct: on } : o,
      ),
    });
  return (
    <div className="sotay-box">
      <fieldset className="sotay-fieldset" disabled={disabled}>
        <legend className="sotay-legend">{t('editor.question', { n })}</legend>
        <Stack gap="sm">
          <Radio.Group
            label={t('editor.questionKind')}
            value={q.kind}
            onChange={(v) => {
              const kind = v as DraftQuestion['kind'];
              // going to one answer keeps only the first option marked right
              const first = q.options.findIndex((o) => o.correct);
              onChange({
                ...q,
                kind,
                options:
                  kind === 'single' ? q.options.map((o, k) => ({ ...o, correct: k === first })) : q.options,
              });
            }}
          >
            <Group gap="lg" mt={4}>
              <Radio value="single" label={t('editor.single')} />
              <Radio value="multiple" label={t('editor.multiple')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('editor.prompt')}
            value={q.prompt}
            onChange={(e) => onChange({ ...q, prompt: e.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={1000}
          />
          {q.options.map((o, i) => {
            const letter = LETTERS[i]!;
            return (
              <Group key={o.key} gap="sm" wrap="nowrap" align="flex-end">
                <TextInput
                  label={t('editor.option', { letter })}
                  value={o.text}
                  onChange={(e) => setOption(i, { text: e.currentTarget.value })}
                  maxLength={500}
                  style={{ flex: 1, minWidth: 0 }}
                />
                <Checkbox
                  aria-label={t('editor.correctOption', { letter })}
                  label={t('editor.correct')}
                  checked={o.correct}
                  onChange={(e) => markCorrect(i, e.currentTarget.checked)}
                />
                <Button
                  variant="default"
                  aria-label={t('editor.removeOption', { letter })}
                  disabled={disabled || q.options.length <= 2}
                  onClick={() => onChange({ ...q, options: q.options.filter((_, k) => k !== i) })}
                >
                  {t('editor.remove')}
                </Button>
              </Group>
            );
          })}
          {q.options.length < 6 && (
            <Button
              variant="default"
              w="fit-content"
              onClick={() => onChange({ ...q, options: [...q.options, option()] })}
            >
              {t('editor.addOption')}
            </Button>
          )}
          <Textarea
            label={t('editor.explanation')}
            description={t('editor.explanationHelp')}
            value={q.explanation}
            onChange={(e) => onChange({ ...q, explanation: e.currentTarget.value })}
            autosize
            minRows={1}
            maxLength={1000}
          />
          <Group gap="sm">
            {onMoveUp && (
              <Button variant="default" onClick={onMoveUp}>
                {t('editor.moveUp', { n })}
              </Button>
            )}
            <Button variant="default" onClick={onRemove}>
              {t('editor.removeQuestion', { n })}
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </div>
  );
}

/** The question bank: one card per question (kind, text, 2–6 options with the right ones ticked). */
export function QuestionsEditor({
  questions,
  onChange,
  locked,
}: {
  questions: DraftQuestion[];
  onChange: (next: DraftQuestion[]) => void;
  locked: boolean;
}) {
  const { t } = useTranslation('study');
  return (
    <Stack gap="md">
      {locked && <Text fw={700}>{t('editor.questionsLocked')}</Text>}
      {questions.length === 0 && <Text>{t('editor.noQuestions')}</Text>}
      {questions.map((q, i) => (
        <QuestionCard
          key={q.key}
          q={q}
          n={i + 1}
          disabled={locked}
          onChange={(next) => onChange(questions.map((x, k) => (k === i ? next : x)))}
          onRemove={() => onChange(questions.filter((_, k) => k !== i))}
          onMoveUp={
            i > 0
              ? () =>
                  onChange([...questions.slice(0, i - 1), q, questions[i - 1]!, ...questions.slice(i + 1)])
              : undefined
          }
        />
      ))}
      {!locked && (
        <Button variant="default" w="fit-content" onClick={() => onChange([...questions, newQuestion()])}>
          {t('editor.addQuestion')}
        </Button>
      )}
    </Stack>
  );
}

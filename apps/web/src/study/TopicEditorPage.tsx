import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import './study.css';
import { api, data } from '../api/client.ts';
import type { Me, StudyTopic } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { DateFields } from '../components/DateFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconSearch } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { type DateParts, emptyDate, isoOf, partsOf } from '../lib/dates.ts';
import {
  type DraftQuestion,
  draftQuestions,
  newQuestion,
  QuestionsEditor,
  questionProblems,
  questionsBody,
} from './QuestionsEditor.tsx';
import { studyTopicQuery } from './queries.ts';
import { canComposeTopics } from './TopicsPage.tsx';

interface ChosenDocument {
  id: string;
  number: string | null;
  title: string;
}

/** Published documents matching the search, to add to the topic. */
function DocumentPicker({
  chosen,
  onChange,
  disabled,
}: {
  chosen: ChosenDocument[];
  onChange: (next: ChosenDocument[]) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('study');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: ['documents', 'pick', q],
    queryFn: () =>
      data(
        api.GET('/api/documents', {
          params: { query: { q: q || undefined, status: 'published', pageSize: 8 } },
        }),
      ),
    enabled: !disabled,
  });
  const taken = new Set(chosen.map((d) => d.id));
  const label = (d: ChosenDocument) => [d.number, d.title].filter(Boolean).join(' — ');
  return (
    <Stack gap="sm">
      {chosen.length === 0 ? (
        <Text>{t('editor.noDocuments')}</Text>
      ) : (
        <Stack component="ol" gap="xs" m={0} pl="lg">
          {chosen.map((d) => (
            <li key={d.id}>
              <Group gap="sm" justify="space-between" wrap="nowrap">
                <Text>{label(d)}</Text>
                <Button
                  variant="default"
                  disabled={disabled}
                  aria-label={t('editor.removeDocumentLabel', { title: d.title })}
                  onClick={() => onChange(chosen.filter((x) => x.id !== d.id))}
                >
                  {t('editor.removeDocument')}
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {!disabled && (
        <>
          <TextInput
            label={t('editor.documentSearch')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            leftSection={<IconSearch size="1.1em" />}
            type="search"
          />
          <ErrorAlert error={found.error} />
          {found.data?.items.length === 0 && <Text>{t('editor.noDocumentFound')}</Text>}
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
            {found.data?.items
              .filter((d) => !taken.has(d.id))
              .map((d) => (
                <li key={d.id} className="sotay-box">
                  <Group gap="sm" justify="space-between" wrap="nowrap">
                    <Text>{label(d)}</Text>
                    <Button
                      variant="default"
                      aria-label={t('editor.addDocumentLabel', { title: d.title })}
                      onClick={() => onChange([...chosen, { id: d.id, number: d.number, title: d.title }])}
                    >
                      {t('editor.addDocument')}
                    </Button>
                  </Group>
                </li>
              ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/** The topic "Lưu" has just created, for the edit screen it moves to (a new address, a new component). */
let justCreatedId: string | null = null;

/** The unit a new topic goes to by default: where the person holds a role that may compose topics. */
const defaultOrg = (me: Me) =>
  me.roles.find((r) => ['cap_uy', 'van_phong', 'admin'].includes(r.role))?.orgId ?? null;

function Editor({ topic, justCreated }: { topic?: StudyTopic; justCreated?: boolean }) {
  const { t } = useTranslation('study');
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<string | null>(topic?.orgId ?? defaultOrg(me));
  const [kind, setKind] = useState<'chuyen_de' | 'nghi_quyet'>(topic?.kind ?? 'chuyen_de');
  const [title, setTitle] = useState(topic?.title ?? '');
  const [description, setDescription] = useState(topic?.description ?? '');
  const [due, setDue] = useState<DateParts>(topic?.dueOn ? partsOf(topic.dueOn) : emptyDate);
  const [passMark, setPassMark] = useState<number | string>(topic?.passMark ?? 80);
  const [maxAttempts, setMaxAttempts] = useState<string>(topic?.maxAttempts ? String(topic.maxAttempts) : '');
  const [essayRequired, setEssayRequired] = useState(topic?.essayRequired ?? true);
  const [documents, setDocuments] = useState<ChosenDocument[]>(topic?.documents ?? []);
  const [questions, setQuestions] = useState<DraftQuestion[]>(
    topic ? draftQuestions(topic) : [newQuestion()],
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [fieldProblems, setFieldProblems] = useState<{
    org?: string;
    title?: string;
    due?: string;
    pass?: string;
  }>({});
  const [done, setDone] = useState<string | null>(justCreated ? t('editor.saved') : null);
  const [dialog, setDialog] = useState<'assign' | 'close' | null>(null);
  const status = topic?.status ?? 'draft';
  const questionsLocked = (topic?.attemptCount ?? 0) > 0;
  const closed = status === 'closed';

  function body() {
    const dueIso = due.day || due.month || due.year ? isoOf(due) : null;
    const f = {
      org: orgId ? undefined : t('editor.problems.org'),
      title: title.trim().length >= 5 ? undefined : t('editor.problems.name'),
      due: dueIso && 'problem' in dueIso ? t('editor.problems.dueOn') : undefined,
      pass:
        typeof passMark === 'number' && passMark >= 1 && passMark <= 100
          ? undefined
          : t('editor.problems.passMark'),
    };
    const qs = questionsLocked ? [] : questionProblems(questions, t as never);
    setFieldProblems(f);
    setProblems(qs);
    if (Object.values(f).some(Boolean) || qs.length) return null;
    return {
      kind,
      title: title.trim(),
      description: description.trim(),
      dueOn: dueIso && 'iso' in dueIso ? dueIso.iso : null,
      passMark: Number(passMark),
      maxAttempts: maxAttempts ? Number(maxAttempts) : null,
      essayRequired,
      documentIds: documents.map((d) => d.id),
      ...(questionsLocked ? {} : { questions: questionsBody(questions) }),
    };
  }

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['study'] });
  const save = useMutation({
    mutationFn: async (b: NonNullable<ReturnType<typeof body>>) => {
      if (topic) {
        return data(api.PUT('/api/study/topics/{id}', { params: { path: { id: topic.id } }, body: b })).then(
          (r) => r.topic,
        );
      }
      return data(
        api.POST('/api/study/topics', { body: { ...b, orgId: orgId!, questions: b.questions ?? [] } }),
      ).then((r) => r.topic);
    },
  });
  const transition = useMutation({
    mutationFn: async ({ to, b }: { to: 'assign' | 'close'; b?: NonNullable<ReturnType<typeof body>> }) => {
      // assigning saves what is on the screen first, so what members get is what the committee sees
      if (b) await save.mutateAsync(b);
      const path = to === 'assign' ? '/api/study/topics/{id}/assign' : '/api/study/topics/{id}/close';
      return data(api.POST(path, { params: { path: { id: topic!.id } } }));
    },
    onSuccess: async (_r, { to }) => {
      setDialog(null);
      setDone(to === 'assign' ? t('editor.assigned') : t('editor.closed'));
      await refresh();
    },
  });
  function confirmDialog() {
    if (dialog === 'close') return transition.mutate({ to: 'close' });
    const b = body();
    if (!b) return setDialog(null);
    transition.mutate({ to: 'assign', b });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const b = body();
    if (!b) return;
    const saved = await save.mutateAsync(b).catch(() => null);
    if (!saved) return;
    await refresh();
    setDone(t('editor.saved'));
    if (!topic) {
      justCreatedId = saved.id;
      await navigate({ to: '/study-topics/$topicId/edit', params: { topicId: saved.id }, replace: true });
    }
  }

  // the dialog stays outside the form: its own form's submit must not bubble into this one
  return (
    <>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Section title={t('editor.general')}>
            {topic ? (
              <Text>
                <b>{t('editor.org')}:</b> {topic.orgName} · {t(`topicStatus.${status}`)}
              </Text>
            ) : (
              <OrgSelect
                label={t('editor.org')}
                description={t('editor.orgHelp')}
                value={orgId}
                onChange={setOrgId}
                error={fieldProblems.org}
              />
            )}
            <Radio.Group label={t('editor.kind')} value={kind} onChange={(v) => setKind(v as typeof kind)}>
              <Group gap="lg" mt={4}>
                <Radio value="chuyen_de" label={t('kind.chuyen_de')} disabled={closed} />
                <Radio value="nghi_quyet" label={t('kind.nghi_quyet')} disabled={closed} />
              </Group>
            </Radio.Group>
            <TextInput
              label={t('editor.name')}
              description={t('editor.nameHelp')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fieldProblems.title}
              maxLength={300}
              disabled={closed}
            />
            <Textarea
              label={t('editor.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={5000}
              disabled={closed}
            />
            <DateFields
              legend={t('editor.dueOn')}
              description={t('editor.dueOnHelp')}
              value={due}
              onChange={setDue}
              error={fieldProblems.due}
            />
            <Group gap="md" align="flex-start">
              <NumberInput
                label={t('editor.passMark')}
                description={t('editor.passMarkHelp')}
                value={passMark}
                onChange={setPassMark}
                min={1}
                max={100}
                allowDecimal={false}
                error={fieldProblems.pass}
                w="14rem"
                disabled={closed}
              />
              <Select
                label={t('editor.maxAttempts')}
                value={maxAttempts}
                onChange={(v) => setMaxAttempts(v ?? '')}
                data={[
                  { value: '', label: t('editor.unlimited') },
                  ...[1, 2, 3, 5, 10].map((n) => ({
                    value: String(n),
                    label: t('editor.times', { count: n }),
                  })),
                ]}
                allowDeselect={false}
                w="14rem"
                disabled={closed}
              />
            </Group>
            <Checkbox
              label={t('editor.essayRequired')}
              checked={essayRequired}
              onChange={(e) => setEssayRequired(e.currentTarget.checked)}
              disabled={closed}
            />
          </Section>
          <Section title={t('editor.documents')}>
            <Text size="sm" c="dimmed" mt={-8}>
              {t('editor.documentsHelp')}
            </Text>
            <DocumentPicker chosen={documents} onChange={setDocuments} disabled={closed} />
          </Section>
          <Section title={t('editor.questions')}>
            <QuestionsEditor
              questions={questions}
              onChange={setQuestions}
              locked={questionsLocked || closed}
            />
          </Section>
          {problems.length > 0 && (
            <Alert color="red" variant="outline" icon={<IconAlert />} role="alert">
              <Stack component="ul" gap={2} m={0} pl="md">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </Stack>
            </Alert>
          )}
          <ErrorAlert error={save.error} />
          {/* next to the buttons: at the end of a long form, where the person is looking */}
          {done && <SuccessAlert>{done}</SuccessAlert>}
          {!closed && (
            <Group gap="sm">
              <Button type="submit" size="lg" loading={save.isPending && !transition.isPending}>
                {t('editor.save')}
              </Button>
              {topic && status === 'draft' && (
                <Button size="lg" variant="default" onClick={() => setDialog('assign')}>
                  {t('editor.assign')}
                </Button>
              )}
              {topic && status === 'assigned' && (
                <Button size="lg" variant="default" onClick={() => setDialog('close')}>
                  {t('editor.close')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>
      <ActionDialog
        open={dialog !== null}
        title={dialog === 'close' ? t('editor.closeTitle') : t('editor.assignTitle')}
        text={
          dialog === 'close' ? t('editor.closeText') : t('editor.assignText', { org: topic?.orgName ?? '' })
        }
        confirmLabel={dialog === 'close' ? t('editor.close') : t('editor.assign')}
        cancelLabel={t('common.cancel')}
        onConfirm={confirmDialog}
        onClose={() => setDialog(null)}
        busy={transition.isPending}
        error={transition.error}
      />
    </>
  );
}

export function NewTopicPage() {
  const { t } = useTranslation('study');
  return (
    <Page title={t('editor.newTitle')} wide>
      <RequireRole allow={canComposeTopics}>
        <Editor />
      </RequireRole>
    </Page>
  );
}

export function EditTopicPage() {
  const { t } = useTranslation('study');
  const { topicId } = useParams({ from: '/study-topics/$topicId/edit' });
  const q = useQuery(studyTopicQuery(topicId));
  // the editor remounts on its new address after "Lưu" created the topic: it still says so, once
  const [justCreated] = useState(() => justCreatedId === topicId);
  useEffect(() => {
    justCreatedId = null;
  }, []);
  return (
    <Page title={t('editor.editTitle')} wide>
      <RequireRole allow={canComposeTopics}>
        <ErrorAlert error={q.error} />
        {q.isPending && <Skeleton h={400} />}
        {q.data && <Editor key={q.data.id} topic={q.data} justCreated={justCreated} />}
      </RequireRole>
    </Page>
  );
}

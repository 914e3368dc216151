import {
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { api, data } from '../api/client.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconCheck, IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { type Minutes, type MinutesFields, meetingQuery, minutesQuery, refreshMeetings } from './api.ts';
import { meetingWhen, normalTime } from './format.ts';
import { AttendanceSummary, MinutesView } from './MinutesView.tsx';

type TextKey = Exclude<keyof MinutesFields, 'vote'>;
type Draft = Record<TextKey, string> & { agree: number | ''; disagree: number | ''; other: number | '' };

const TEXT_KEYS: TextKey[] = [
  'place',
  'startedAt',
  'endedAt',
  'location',
  'chair',
  'secretary',
  'guests',
  'proceedings',
  'opinions',
  'conclusion',
];

function draftOf(f: MinutesFields): Draft {
  const d = Object.fromEntries(TEXT_KEYS.map((k) => [k, f[k] ?? ''])) as Record<TextKey, string>;
  return { ...d, agree: f.vote?.agree ?? '', disagree: f.vote?.disagree ?? '', other: f.vote?.other ?? '' };
}

/** What the server takes: times as "19:30" or left out, the vote once any of its numbers is given. */
function bodyOf(d: Draft): MinutesFields {
  const body: MinutesFields = {};
  for (const k of TEXT_KEYS) {
    const v = d[k].trim();
    if (k === 'startedAt' || k === 'endedAt') {
      if (v) body[k] = normalTime(v) ?? v;
    } else body[k] = v;
  }
  if (d.agree !== '' || d.disagree !== '' || d.other !== '') {
    body.vote = {
      agree: Number(d.agree || 0),
      disagree: Number(d.disagree || 0),
      other: Number(d.other || 0),
    };
  }
  return body;
}

function Editor({ id, minutes }: { id: string; minutes: Minutes }) {
  const { t } = useTranslation('meetings');
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(minutes.fields));
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [timeErrors, setTimeErrors] = useState<Partial<Record<'startedAt' | 'endedAt', string>>>({});
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setDirty(true);
    setSaved(false);
  };
  const valid = () => {
    const errors: typeof timeErrors = {};
    for (const k of ['startedAt', 'endedAt'] as const) {
      if (draft[k].trim() && !normalTime(draft[k])) errors[k] = t('minutes.timeInvalid');
    }
    setTimeErrors(errors);
    return !Object.keys(errors).length;
  };
  const save = useMutation({
    mutationFn: () =>
      data(api.PUT('/api/meetings/{id}/minutes', { params: { path: { id } }, body: bodyOf(draft) })),
    onSuccess: (m) => {
      qc.setQueryData(minutesQuery(id).queryKey, m);
      setDirty(false);
      setSaved(true);
    },
  });
  const finalize = useMutation({
    mutationFn: async () => {
      if (dirty) await save.mutateAsync();
      return data(api.POST('/api/meetings/{id}/minutes/finalize', { params: { path: { id } } }));
    },
    onSuccess: async (m) => {
      setConfirm(false);
      qc.setQueryData(minutesQuery(id).queryKey, m);
      await refreshMeetings();
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (valid()) save.mutate();
  }
  const text = (
    k: TextKey,
    opts: { area?: boolean; help?: string; error?: string; minRows?: number } = {},
  ) => {
    const common = {
      label: t(`minutes.${k}`),
      description: opts.help,
      value: draft[k],
      error: opts.error,
      onChange: (e: { currentTarget: { value: string } }) => set(k, e.currentTarget.value),
    };
    return opts.area ? <Textarea {...common} minRows={opts.minRows ?? 4} /> : <TextInput {...common} />;
  };
  const vote = (k: 'agree' | 'disagree' | 'other') => (
    <NumberInput
      label={t(`minutes.${k}`)}
      value={draft[k]}
      onChange={(v) => set(k, v === '' ? '' : Number(v))}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      hideControls
      inputMode="numeric"
      size="lg"
    />
  );
  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Text>{t('minutes.help')}</Text>
          <Section title={t('minutes.general')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {text('startedAt', { help: t('minutes.timeHelp'), error: timeErrors.startedAt })}
              {text('endedAt', { help: t('minutes.timeHelp'), error: timeErrors.endedAt })}
            </SimpleGrid>
            {text('location')}
            {text('place')}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {text('chair')}
              {text('secretary')}
            </SimpleGrid>
            {text('guests', { area: true, minRows: 2 })}
          </Section>
          <Section title={t('minutes.attendanceTitle')}>
            <Text c="dimmed">{t('minutes.attendanceNote')}</Text>
            <AttendanceSummary attendance={minutes.attendance} />
          </Section>
          <Section title={t('minutes.content')}>
            {text('proceedings', { area: true, minRows: 6 })}
            {text('opinions', { area: true, minRows: 4 })}
            {text('conclusion', { area: true, minRows: 4 })}
          </Section>
          <Section title={t('minutes.vote')}>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
              {vote('agree')}
              {vote('disagree')}
              {vote('other')}
            </SimpleGrid>
          </Section>
          {saved && <SuccessAlert>{t('minutes.saved')}</SuccessAlert>}
          {dirty && <Text fw={700}>{t('minutes.unsaved')}</Text>}
          {!confirm && <ErrorAlert error={save.error} />}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('minutes.save')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconCheck />}
              onClick={() => {
                if (!valid()) return;
                finalize.reset();
                setConfirm(true);
              }}
            >
              {t('minutes.finalize')}
            </Button>
            <Button
              component="a"
              href={`/api/meetings/${id}/minutes.docx`}
              download
              variant="default"
              leftSection={<IconDownload />}
            >
              {t('minutes.docx')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ActionDialog
        open={confirm}
        title={t('minutes.finalizeTitle')}
        text={t('minutes.finalizeText')}
        confirmLabel={t('minutes.finalizeConfirm')}
        cancelLabel={t('common.cancel')}
        busy={finalize.isPending}
        error={finalize.error}
        onClose={() => setConfirm(false)}
        onConfirm={() => finalize.mutate()}
      />
    </>
  );
}

/** Biên bản: fields filled from the meeting, the attendance as recorded, Lưu, Hoàn tất (locks), DOCX. */
export function MinutesPage() {
  const { t, i18n } = useTranslation('meetings');
  const { id } = useParams({ from: '/meetings/$id/minutes' });
  const meeting = useQuery(meetingQuery(id)).data?.meeting;
  const q = useQuery(minutesQuery(id));
  return (
    <Page title={t('minutes.title')}>
      {meeting && (
        <Stack gap={2} mt={-8}>
          <Text size="lg" fw={700}>
            {meeting.title}
          </Text>
          <Text>{meetingWhen(meeting.startsAt, i18n.language)}</Text>
        </Stack>
      )}
      <ErrorAlert error={q.error} />
      {q.isPending && <Skeleton h={400} />}
      {q.data && (q.data.canEdit ? <Editor id={id} minutes={q.data} /> : <MinutesView meetingId={id} />)}
    </Page>
  );
}

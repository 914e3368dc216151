import { Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload } from '../components/icons.tsx';
import { Section } from '../components/Section.tsx';
import { formatInstant } from '../lib/format.ts';
import { type Minutes, minutesQuery } from './api.ts';

/** "Nguyễn Văn A (ốm), Trần Thị B" or "Không có". */
export function names(list: { fullName: string; reason?: string | null }[], none: string) {
  return list.length
    ? list.map((p) => (p.reason ? `${p.fullName} (${p.reason})` : p.fullName)).join(', ')
    : none;
}

/** Paragraphs as they were typed (one per line). */
function Paragraphs({ text }: { text: string | undefined }) {
  const lines = (text ?? '')
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <Stack gap="xs">
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a text that does not change here
        <Text key={i}>{l}</Text>
      ))}
    </Stack>
  );
}

export function AttendanceSummary({ attendance: a }: { attendance: Minutes['attendance'] }) {
  const { t } = useTranslation('meetings');
  return (
    <DataList
      items={[
        {
          label: t('minutes.numbers'),
          value: t('minutes.invitedPresent', {
            invited: a.invited,
            present: a.present,
            absent: a.invited - a.present,
          }),
        },
        { label: t('minutes.excusedList'), value: names(a.excused, t('minutes.nobody')) },
        { label: t('minutes.absentList'), value: names(a.absent, t('minutes.nobody')) },
        { label: t('minutes.guestsList'), value: names(a.guestsPresent, t('minutes.nobody')) },
      ]}
    />
  );
}

/** The finalised biên bản as members read it, with the DOCX. */
export function MinutesView({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('meetings');
  const q = useQuery(minutesQuery(meetingId));
  return (
    <Section title={t('meeting.minutesTitle')}>
      <ErrorAlert error={q.error} />
      {q.isPending && <Skeleton h={160} />}
      {q.data && (
        <>
          {q.data.finalizedAt && (
            <Text>{t('meeting.minutesFinal', { at: formatInstant(q.data.finalizedAt) })}</Text>
          )}
          <Button
            component="a"
            href={`/api/meetings/${meetingId}/minutes.docx`}
            download
            variant="default"
            leftSection={<IconDownload />}
            w="fit-content"
          >
            {t('meeting.downloadDocx')}
          </Button>
          <DataList
            items={[
              {
                label: t('minutes.startedAt'),
                value: [q.data.fields.startedAt, q.data.fields.endedAt].filter(Boolean).join(' – '),
              },
              { label: t('minutes.location'), value: q.data.fields.location },
              { label: t('minutes.chair'), value: q.data.fields.chair },
              { label: t('minutes.secretary'), value: q.data.fields.secretary },
            ]}
          />
          <AttendanceSummary attendance={q.data.attendance} />
          {(
            [
              ['minutes.proceedings', q.data.fields.proceedings],
              ['minutes.opinions', q.data.fields.opinions],
              ['minutes.conclusion', q.data.fields.conclusion],
            ] as const
          ).map(
            ([key, text]) =>
              text && (
                <Stack gap="xs" key={key}>
                  <Title order={3}>{t(key)}</Title>
                  <Paragraphs text={text} />
                </Stack>
              ),
          )}
          {q.data.fields.vote && (
            <Stack gap="xs">
              <Title order={3}>{t('minutes.vote')}</Title>
              <Text>
                {t('minutes.agree')}: {q.data.fields.vote.agree} · {t('minutes.disagree')}:{' '}
                {q.data.fields.vote.disagree} · {t('minutes.other')}: {q.data.fields.vote.other}
              </Text>
            </Stack>
          )}
        </>
      )}
    </Section>
  );
}

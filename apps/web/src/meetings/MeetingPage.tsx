import { Alert, Anchor, Button, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { api, isApiError } from '../api/client.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconCheck, IconChecklist, IconEdit, IconUsers } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { type Meeting, meetingQuery, refreshMeetings } from './api.ts';
import { isOver, meetingWhen, timeOf } from './format.ts';
import { MinutesView } from './MinutesView.tsx';
import { useOutbox } from './outbox.ts';
import { MeetingTags } from './parts.tsx';

/** Check-in opens two hours before the start (as on the server) and stays open until the meeting is over. */
const checkInOpen = (m: Meeting) =>
  Date.now() >= new Date(m.startsAt).getTime() - 2 * 3_600_000 && !isOver(m);

function Rsvp({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const mine = m.myInvitation!;
  const [asking, setAsking] = useState(false);
  const [changing, setChanging] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: async (body: { rsvp: 'yes' | 'no'; reason?: string }) => {
      await api.POST('/api/meetings/{id}/rsvp', { params: { path: { id: m.id } }, body });
    },
    onSuccess: async () => {
      setAsking(false);
      setChanging(false);
      await refreshMeetings();
    },
  });
  const answered = mine.rsvp !== null && !changing;
  return (
    <Section title={t('meeting.rsvpTitle')}>
      {answered ? (
        <>
          <Text size="lg" fw={700} role="status">
            {mine.rsvp === 'yes'
              ? t('meeting.answeredYes')
              : t('meeting.answeredNo', { reason: mine.reason })}
          </Text>
          <Button variant="default" w="fit-content" onClick={() => setChanging(true)}>
            {t('meeting.changeAnswer')}
          </Button>
        </>
      ) : (
        <Group gap="sm" grow preventGrowOverflow={false}>
          <Button
            leftSection={<IconCheck />}
            loading={answer.isPending && answer.variables?.rsvp === 'yes'}
            onClick={() => answer.mutate({ rsvp: 'yes' })}
          >
            {t('meeting.rsvpYes')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setReason(mine.reason ?? '');
              setReasonError(null);
              answer.reset();
              setAsking(true);
            }}
          >
            {t('meeting.rsvpNo')}
          </Button>
        </Group>
      )}
      {!asking && <ErrorAlert error={answer.error} />}
      <ActionDialog
        open={asking}
        title={t('meeting.reasonTitle')}
        text={t('meeting.reasonText')}
        confirmLabel={t('meeting.sendAbsence')}
        cancelLabel={t('common.cancel')}
        busy={answer.isPending}
        error={answer.error}
        onClose={() => setAsking(false)}
        onConfirm={() => {
          if (!reason.trim()) {
            setReasonError(t('meeting.reasonRequired'));
            return;
          }
          answer.mutate({ rsvp: 'no', reason: reason.trim() });
        }}
      >
        <Textarea
          label={t('meeting.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setReasonError(null);
          }}
          error={reasonError}
          maxLength={500}
        />
      </ActionDialog>
    </Section>
  );
}

function CheckIn({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const queued = useOutbox().find((x) => x.meetingId === m.id && x.status === 'waiting');
  const at = m.myInvitation?.checkedInAt;
  return (
    <Section title={t('meeting.checkInTitle')}>
      {at ? (
        <SuccessAlert>
          <Text size="lg" fw={700}>
            {t('meeting.checkedIn', { time: timeOf(at) })}
          </Text>
        </SuccessAlert>
      ) : queued ? (
        <Alert color="blue" variant="outline" icon={<IconAlert />} role="status">
          <Text size="lg" fw={700}>
            {t('checkIn.queued')}
          </Text>
        </Alert>
      ) : (
        <>
          <Text>{t('meeting.checkInHelp')}</Text>
          <Button
            size="xl"
            leftSection={<IconCheck />}
            renderRoot={(p) => <Link {...p} to="/meetings/$id/check-in" params={{ id: m.id }} search={{}} />}
          >
            {t('meeting.checkIn')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Manage({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const [confirm, setConfirm] = useState(false);
  const cancel = useMutation({
    mutationFn: async () => {
      await api.POST('/api/meetings/{id}/cancel', { params: { path: { id: m.id } } });
    },
    onSuccess: async () => {
      setConfirm(false);
      await refreshMeetings();
    },
  });
  const active = m.status !== 'cancelled';
  return (
    <Section title={t('meeting.manageTitle')}>
      <Text size="lg" fw={700}>
        {t('common.countsFull', {
          present: m.present,
          invited: m.invited,
          excused: m.excused,
          absent: m.absent,
        })}
      </Text>
      <Group gap="sm">
        {active && (
          <Button
            leftSection={<IconUsers />}
            renderRoot={(p) => <Link {...p} to="/meetings/$id/code" params={{ id: m.id }} />}
          >
            {t('meeting.showCode')}
          </Button>
        )}
        <Button
          variant="default"
          leftSection={<IconChecklist />}
          renderRoot={(p) => <Link {...p} to="/meetings/$id/attendance" params={{ id: m.id }} />}
        >
          {t('meeting.attendance')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconEdit />}
          renderRoot={(p) => <Link {...p} to="/meetings/$id/minutes" params={{ id: m.id }} />}
        >
          {t('meeting.minutes')}
        </Button>
        {active && !isOver(m) && (
          <Button variant="default" onClick={() => setConfirm(true)}>
            {t('meeting.cancelMeeting')}
          </Button>
        )}
      </Group>
      <ActionDialog
        open={confirm}
        title={t('meeting.cancelTitle')}
        text={t('meeting.cancelText')}
        confirmLabel={t('meeting.cancelConfirm')}
        cancelLabel={t('meeting.keep')}
        busy={cancel.isPending}
        error={cancel.error}
        onClose={() => setConfirm(false)}
        onConfirm={() => cancel.mutate()}
      />
    </Section>
  );
}

function Details({ meeting: m, savedCopy }: { meeting: Meeting; savedCopy: boolean }) {
  const { t, i18n } = useTranslation('meetings');
  const cancelled = m.status === 'cancelled';
  const mine = m.myInvitation;
  return (
    <>
      <MeetingTags meeting={m} />
      {savedCopy && (
        <Alert color="blue" variant="outline" icon={<IconAlert />} role="status">
          {t('common.savedCopy')}
        </Alert>
      )}
      {cancelled && (
        <Alert color="red" variant="outline" icon={<IconAlert />} role="alert">
          {t('meeting.cancelledAlert')}
        </Alert>
      )}
      <DataList
        items={[
          {
            label: t('meeting.when'),
            value: `${meetingWhen(m.startsAt, i18n.language)}${m.endsAt ? ` ${t('meeting.ends', { time: timeOf(m.endsAt) })}` : ''}`,
          },
          { label: t('meeting.place'), value: m.location },
          ...(m.onlineUrl
            ? [
                {
                  label: t('meeting.online'),
                  value: (
                    <Anchor
                      href={m.onlineUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="sotay-link-target"
                    >
                      {t('meeting.openOnline')}
                    </Anchor>
                  ),
                },
              ]
            : []),
          { label: t('meeting.unit'), value: m.orgName },
          { label: t('meeting.chair'), value: m.chair?.fullName },
          { label: t('meeting.secretary'), value: m.secretary?.fullName },
        ]}
      />
      {mine && !cancelled && (checkInOpen(m) || mine.checkedInAt) && <CheckIn meeting={m} />}
      {mine && !cancelled && !isOver(m) && !mine.checkedInAt && <Rsvp meeting={m} />}
      {m.canManage && <Manage meeting={m} />}
      <Section title={t('meeting.agenda')}>
        {m.agenda.length ? (
          <Stack component="ol" gap="xs" m={0} pl="lg">
            {m.agenda.map((item) => (
              <li key={item}>
                <Text size="lg">{item}</Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Text>{t('meeting.noAgenda')}</Text>
        )}
      </Section>
      <Section title={t('meeting.materials')}>
        {m.materials.length ? (
          <Stack component="ul" gap="xs" m={0} pl="lg">
            {m.materials.map((d) => (
              <li key={d.documentId}>
                <Anchor
                  className="sotay-link-target"
                  renderRoot={(p) => <Link {...p} to="/documents/$id" params={{ id: d.documentId }} />}
                >
                  {[d.number, d.title].filter(Boolean).join(' — ')}
                </Anchor>
              </li>
            ))}
          </Stack>
        ) : (
          <Text>{t('meeting.noMaterials')}</Text>
        )}
      </Section>
      {m.minutesFinalizedAt && !savedCopy && <MinutesView meetingId={m.id} />}
    </>
  );
}

/** One meeting: when and where, the member's answer and check-in, agenda, materials, minutes; the chi ủy's actions. */
export function MeetingPage() {
  const { t } = useTranslation('meetings');
  const { id } = useParams({ from: '/meetings/$id' });
  const q = useQuery(meetingQuery(id));
  return (
    <Page title={q.data?.meeting.title ?? t('list.title')}>
      <ErrorAlert error={q.error} />
      {isApiError(q.error, 'network') && (
        // no copy of this meeting on the phone: checking in needs only the code
        <Button
          size="xl"
          leftSection={<IconCheck />}
          renderRoot={(p) => <Link {...p} to="/meetings/$id/check-in" params={{ id }} search={{}} />}
        >
          {t('meeting.checkIn')}
        </Button>
      )}
      {q.isPending && <Skeleton h={300} />}
      {q.data && <Details meeting={q.data.meeting} savedCopy={q.data.savedCopy} />}
    </Page>
  );
}

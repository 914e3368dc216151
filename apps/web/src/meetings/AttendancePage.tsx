import { Button, Group, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { api } from '../api/client.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconSearch, IconUsers } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { fold } from '../lib/format.ts';
import { type AttendanceRow, attendanceQuery, meetingQuery, refreshMeetings } from './api.ts';
import { isOver, meetingWhen, timeOf } from './format.ts';
import { Tag } from './parts.tsx';

type Filter = 'all' | 'absent' | 'present';

/**
 * Who is here: every invited member with how and when they checked in; the chi ủy switches "Có mặt" on
 * for members without a smartphone, and off to undo a mistake (a member's own check-in asks first).
 */
export function AttendancePage() {
  const { t, i18n } = useTranslation('meetings');
  const { id } = useParams({ from: '/meetings/$id/attendance' });
  const meeting = useQuery(meetingQuery(id));
  const list = useQuery({ ...attendanceQuery(id), refetchInterval: 15_000 });
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const [undo, setUndo] = useState<AttendanceRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mark = useMutation({
    mutationFn: async ({ row, present }: { row: AttendanceRow; present: boolean }) => {
      if (present)
        await api.POST('/api/meetings/{id}/check-ins', {
          params: { path: { id } },
          body: { memberId: row.memberId },
        });
      else
        await api.DELETE('/api/meetings/{id}/check-ins/{memberId}', {
          params: { path: { id, memberId: row.memberId } },
        });
    },
    onSuccess: async (_r, { row, present }) => {
      setUndo(null);
      setDone(t(present ? 'attendance.marked' : 'attendance.unmarked', { name: row.fullName }));
      await refreshMeetings();
    },
  });
  const m = meeting.data?.meeting;
  // while the meeting goes on, those not checked in are "not here yet", not absent
  const over = !!m && isOver(m);
  const a = list.data;
  const q = fold(text);
  const rows = (a?.items ?? []).filter(
    (r) =>
      (filter === 'all' || (filter === 'present' ? r.state === 'present' : r.state !== 'present')) &&
      (!q || fold(r.fullName).includes(q)),
  );
  const nPresent = a?.items.filter((r) => r.state === 'present').length ?? 0;
  const toggle = (row: AttendanceRow, on: boolean) => {
    setDone(null);
    if (!on && row.method !== 'manual') setUndo(row);
    else mark.mutate({ row, present: on });
  };

  return (
    <Page title={t('attendance.title')} wide>
      {m && (
        <Stack gap={2} mt={-8}>
          <Text size="lg" fw={700}>
            {m.title}
          </Text>
          <Text>{meetingWhen(m.startsAt, i18n.language)}</Text>
        </Stack>
      )}
      <ErrorAlert error={list.error} />
      {list.isPending && <Skeleton h={300} />}
      {a && (
        <>
          <Text size="xl" fw={700} role="status">
            {t('common.countsFull', {
              present: a.present,
              invited: a.invited,
              excused: a.excused,
              absent: a.absent,
            })}
          </Text>
          {m?.status !== 'cancelled' && (
            <Button
              w="fit-content"
              leftSection={<IconUsers />}
              renderRoot={(p) => <Link {...p} to="/meetings/$id/code" params={{ id }} />}
            >
              {t('attendance.showCode')}
            </Button>
          )}
          <Text>{t('attendance.help')}</Text>
          {done && <SuccessAlert>{done}</SuccessAlert>}
          {!undo && <ErrorAlert error={mark.error} />}
          <TextInput
            label={t('attendance.search')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            leftSection={<IconSearch size="1.1em" />}
            type="search"
          />
          <Group gap="xs" role="group" aria-label={t('attendance.filter')}>
            {(
              [
                ['all', t('attendance.all', { count: a.items.length })],
                ['absent', t('attendance.onlyAbsent', { count: a.items.length - nPresent })],
                ['present', t('attendance.onlyPresent', { count: nPresent })],
              ] as const
            ).map(([value, label]) => (
              <Button
                key={value}
                variant={filter === value ? 'filled' : 'default'}
                aria-pressed={filter === value}
                onClick={() => setFilter(value)}
              >
                {label}
              </Button>
            ))}
          </Group>
          {rows.length === 0 ? (
            <Text>{t('attendance.none')}</Text>
          ) : (
            <Stack component="ul" gap="xs" className="sotay-plain-list" aria-label={t('attendance.title')}>
              {rows.map((r) => (
                <li key={r.memberId} className="sotay-box">
                  <Group gap="sm" justify="space-between" wrap="nowrap" align="center">
                    <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                      <Text fw={700} size="lg">
                        {r.fullName}
                        {r.guest && (
                          <Text component="span" fw={400} c="dimmed">
                            {` · ${t('attendance.guest')}`}
                          </Text>
                        )}
                      </Text>
                      <Group gap="xs">
                        <Tag
                          tone={
                            r.state === 'present' ? 'done' : r.state === 'absent' && over ? 'warn' : 'plain'
                          }
                        >
                          {t(r.state === 'absent' && !over ? 'state.notYet' : `state.${r.state}`)}
                        </Tag>
                        {r.state === 'present' && r.checkedInAt && (
                          <Text size="sm">
                            {[
                              r.method ? t(`method.${r.method as 'code'}`) : null,
                              timeOf(r.checkedInAt),
                              r.lateMinutes ? t('attendance.late', { count: r.lateMinutes }) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Text>
                        )}
                        {r.state === 'excused' && r.reason && (
                          <Text size="sm">{t('attendance.reason', { reason: r.reason })}</Text>
                        )}
                      </Group>
                    </Stack>
                    <Switch
                      aria-label={t('attendance.markLabel', { name: r.fullName })}
                      checked={
                        // shown as asked at once, while the server records it and the list is fetched again
                        mark.isPending && mark.variables?.row.memberId === r.memberId
                          ? mark.variables.present
                          : r.state === 'present'
                      }
                      disabled={mark.isPending && mark.variables?.row.memberId === r.memberId}
                      onChange={(e) => toggle(r, e.currentTarget.checked)}
                    />
                  </Group>
                </li>
              ))}
            </Stack>
          )}
        </>
      )}
      <ActionDialog
        open={!!undo}
        title={t('attendance.undoTitle', { name: undo?.fullName ?? '' })}
        text={undo?.checkedInAt ? t('attendance.undoText', { time: timeOf(undo.checkedInAt) }) : undefined}
        confirmLabel={t('attendance.undoConfirm')}
        cancelLabel={t('common.cancel')}
        busy={mark.isPending}
        error={mark.error}
        onClose={() => setUndo(null)}
        onConfirm={() => undo && mark.mutate({ row: undo, present: false })}
      />
    </Page>
  );
}

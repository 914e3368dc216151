import { Badge, Group } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import { IconCheck } from '../components/icons.tsx';
import type { Meeting } from './api.ts';
import { isOver, isToday, timeOf } from './format.ts';

/** A word, not only a colour: the success green with a tick, red for a warning, others outlined. */
export function Tag({ tone, children }: { tone: 'done' | 'warn' | 'strong' | 'plain'; children: string }) {
  return (
    <Badge
      size="lg"
      radius="sm"
      tt="none"
      fw={700}
      variant={tone === 'plain' ? 'outline' : 'filled'}
      color={
        tone === 'done'
          ? 'var(--sotay-success)'
          : tone === 'warn'
            ? 'red.8'
            : tone === 'strong'
              ? 'var(--mantine-primary-color-filled)'
              : 'var(--mantine-color-text)'
      }
      leftSection={tone === 'done' ? <IconCheck size="1em" /> : undefined}
    >
      {children}
    </Badge>
  );
}

/** Kind, "Hôm nay", "Đã hủy". */
export function MeetingTags({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  return (
    <Group gap="xs">
      <Tag tone="plain">{t(`kind.${meeting.kind}`)}</Tag>
      {meeting.status === 'cancelled' ? (
        <Tag tone="warn">{t('common.cancelled')}</Tag>
      ) : (
        isToday(meeting.startsAt) && <Tag tone="strong">{t('common.today')}</Tag>
      )}
    </Group>
  );
}

/** Where the member stands: checked in, coming, away with a reason, no answer yet. */
export function myStateText(m: Meeting, t: TFunction<'meetings'>): string | null {
  const mine = m.myInvitation;
  if (!mine) return null;
  if (mine.checkedInAt) return t('list.checkedIn', { time: timeOf(mine.checkedInAt) });
  if (mine.rsvp === 'no') return t('list.notGoing');
  if (isOver(m)) return t('list.missed');
  if (mine.rsvp === 'yes') return t('list.going');
  return t('list.noAnswer');
}

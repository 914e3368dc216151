import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import type { MyStudyItem } from '../api/types.ts';
import { IconCheck } from '../components/icons.tsx';

/** A word, not only a colour: "Đã hoàn thành" in the success green, "Quá hạn" filled red, others outlined. */
export function StateBadge({ tone, children }: { tone: 'done' | 'late' | 'plain'; children: string }) {
  return (
    <Badge
      size="lg"
      radius="sm"
      tt="none"
      fw={700}
      variant={tone === 'plain' ? 'outline' : 'filled'}
      color={
        tone === 'done' ? 'var(--sotay-success)' : tone === 'late' ? 'red.8' : 'var(--mantine-color-text)'
      }
      leftSection={tone === 'done' ? <IconCheck size="1em" /> : undefined}
    >
      {children}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: MyStudyItem['kind'] }) {
  const { t } = useTranslation('study');
  return <StateBadge tone="plain">{t(`kind.${kind}`)}</StateBadge>;
}

/** Kind, then "Đã hoàn thành" or "Quá hạn" when either applies. */
export function TopicBadges({ item }: { item: Pick<MyStudyItem, 'kind' | 'progress'> }) {
  const { t } = useTranslation('study');
  return (
    <Group gap="xs">
      <KindBadge kind={item.kind} />
      {item.progress.completed && <StateBadge tone="done">{t('common.completed')}</StateBadge>}
      {item.progress.overdue && <StateBadge tone="late">{t('common.overdue')}</StateBadge>}
    </Group>
  );
}

import { Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { paths } from '../api/schema.gen.ts';
import '../i18n/feedback.ts';
import { formatInstant } from '../lib/format.ts';
import '../notices/notices.css';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
export type FeedbackSummary = Ok<paths['/api/me/feedback']['get']>['items'][number];
export type FeedbackThread = Ok<paths['/api/feedback/{id}']['get']>['feedback'];
export type FeedbackKind = FeedbackSummary['kind'];
export const FEEDBACK_KINDS: FeedbackKind[] = ['hoi_dap', 'phan_anh', 'kien_nghi', 'bao_loi'];

const badge = { size: 'lg', radius: 'sm', tt: 'none', fw: 700 } as const;

/** Where a thread stands, in words ("Đã trả lời" in the success green, the others in the text colour). */
export function FeedbackStatusBadge({ status }: { status: FeedbackSummary['status'] }) {
  const { t } = useTranslation('feedback');
  return (
    <Badge
      variant="outline"
      color={status === 'da_tra_loi' ? 'var(--sotay-success)' : 'var(--mantine-color-text)'}
      {...badge}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('feedback');
  return (
    <Badge variant="filled" {...badge}>
      {t('common.overdue')}
    </Badge>
  );
}

export function NewAnswerBadge() {
  const { t } = useTranslation('feedback');
  return (
    <Badge variant="filled" {...badge}>
      {t('common.newAnswer')}
    </Badge>
  );
}

/** One thread in a list: kind and status, the title, where it went and when. */
export function ThreadRow({
  f,
  fresh,
  committee,
}: {
  f: FeedbackSummary;
  /** An answer the member has not opened yet. */
  fresh?: boolean;
  committee?: boolean;
}) {
  const { t } = useTranslation('feedback');
  return (
    <Link
      to="/feedback/$id"
      params={{ id: f.id }}
      className="sotay-list-row"
      data-unread={fresh || undefined}
    >
      <Stack gap={6}>
        <Group gap={6} component="span">
          <FeedbackStatusBadge status={f.status} />
          {fresh && <NewAnswerBadge />}
          {committee && f.overdue && <OverdueBadge />}
        </Group>
        <Text component="span" size="lg" fw={fresh ? 800 : 700} lh={1.4} lang="vi">
          {f.title}
        </Text>
        <Text component="span" c="dimmed">
          {[
            t(`kind.${f.kind}`),
            t('common.to', { name: f.orgName }),
            formatInstant(f.createdAt),
            f.escalated ? t('common.escalated') : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
    </Link>
  );
}

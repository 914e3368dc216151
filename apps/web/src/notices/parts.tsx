import { Badge, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { documentQuery } from '../documents/api.ts';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import { linkedMeetingQuery, type NoticeStatus } from './api.ts';
import './notices.css';

/** "Khẩn" in words on a filled badge: the word carries the meaning, the colour only repeats it. */
export function UrgentBadge() {
  const { t } = useTranslation('notices');
  return (
    <Badge variant="filled" size="lg" radius="sm" tt="none" fw={700}>
      {t('badge.urgent')}
    </Badge>
  );
}

export function UnreadBadge() {
  const { t } = useTranslation('notices');
  return (
    <Badge variant="outline" color="var(--mantine-color-text)" size="lg" radius="sm" tt="none" fw={700}>
      {t('badge.unread')}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation('notices');
  return (
    <Badge
      variant={status === 'sent' ? 'outline' : 'filled'}
      color={status === 'sent' ? 'var(--mantine-color-text)' : 'gray.8'}
      size="lg"
      radius="sm"
      tt="none"
      fw={700}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

/** The text as it was written: line breaks kept, long words wrapped. */
export function NoticeBody({ body }: { body: string }) {
  return (
    <Text className="sotay-notice-body" lang="vi">
      {body}
    </Text>
  );
}

/** The words for a linked document or meeting: its number and title, or the meeting's title and time. */
/** The name of a linked document (number and title) or meeting (title and time); null while unknown. */
function useLinkedName(kind: string, id: string): string | null {
  const isMeeting = kind === 'meeting';
  const doc = useQuery({ ...documentQuery(id), enabled: !isMeeting, retry: false });
  const meeting = useQuery({ ...linkedMeetingQuery(id), enabled: isMeeting, retry: false });
  if (isMeeting) {
    const m = meeting.data;
    return m ? `${m.title}, ${formatInstant(m.startsAt)}` : null;
  }
  const d = doc.data?.document;
  return d ? documentName(d) : null;
}

/**
 * "142-KH/ĐU — Kế hoạch tổ chức hỗ trợ…": a trích yếu read from the file starts after the type, in
 * lower case, so the type's name goes in front.
 */
export function documentName(d: { number: string | null; title: string; typeName: string | null }): string {
  const title = /^\p{Ll}/u.test(d.title) && d.typeName ? `${d.typeName} ${d.title}` : d.title;
  return [d.number, title].filter(Boolean).join(' — ');
}

/** "Văn bản: 142-KH/ĐU — …" / "Cuộc họp: …", for one line of a list. */
export function useLinkName(kind: string, id: string): string {
  const { t } = useTranslation('notices');
  const name = useLinkedName(kind, id);
  if (kind === 'meeting') return name ? t('links.meeting', { name }) : t('links.anyMeeting');
  return name ? t('links.document', { name }) : t('links.anyDocument');
}

/** A whole row to tap: what it is (văn bản, cuộc họp) above its name. */
function LinkTo({ kind, id }: { kind: string; id: string }) {
  const { t } = useTranslation('notices');
  const name = useLinkedName(kind, id);
  const isMeeting = kind === 'meeting';
  const content = (
    <Stack gap={2}>
      <Text component="span" size="sm" c="dimmed" fw={700}>
        {isMeeting ? t('links.meetingLabel') : t('links.documentLabel')}
      </Text>
      <Text component="span" fw={700} lang="vi" c="var(--mantine-color-anchor)" td="underline">
        {name ?? (isMeeting ? t('links.anyMeeting') : t('links.anyDocument'))}
      </Text>
    </Stack>
  );
  return isMeeting ? (
    <Link to="/meetings/$id" params={{ id }} className="sotay-list-row">
      {content}
    </Link>
  ) : (
    <Link to="/documents/$id" params={{ id }} className="sotay-list-row">
      {content}
    </Link>
  );
}

/** The documents and meetings a notice points to, each a large row to tap. */
export function NoticeLinks({ links }: { links: readonly { kind: string; id: string }[] }) {
  const { t } = useTranslation('notices');
  if (!links.length) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="notice-links">
      <Text fw={700} id="notice-links">
        {t('links.title')}
      </Text>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {links.map((l) => (
          <li key={`${l.kind}-${l.id}`}>
            <LinkTo kind={l.kind} id={l.id} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import '../i18n/documents.ts';
import './documents.css';
import { highlightPieces } from './highlight.ts';
import type { DocumentStatus } from './search-params.ts';

/** A draft, withdrawn or replaced document says so in words (committee views only). */
export function DocStatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation('documents');
  if (status === 'published') return null;
  return (
    <Badge variant="filled" color="gray.8" size="lg" radius="sm" tt="none" fw={700}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function UnreadBadge() {
  const { t } = useTranslation('documents');
  return (
    <Badge variant="filled" size="lg" radius="sm" tt="none" fw={700}>
      {t('common.unread')}
    </Badge>
  );
}

export function BookmarkBadge() {
  const { t } = useTranslation('documents');
  return (
    <Badge variant="outline" color="var(--mantine-color-text)" size="lg" radius="sm" tt="none" fw={700}>
      {t('common.bookmarked')}
    </Badge>
  );
}

/** The search snippet with the matched words marked — built as elements, never as HTML. */
export function Snippet({ text, highlights }: { text: string; highlights: number[][] }) {
  return (
    <span className="sotay-doc-snippet">
      {highlightPieces(text, highlights).map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one fixed string, in order
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </span>
  );
}

/** "Kế hoạch" for KH: the server's name, else ours (both languages). */
export function useTypeName() {
  const { t, i18n } = useTranslation('documents');
  return (type: string | null, serverName?: string | null) => {
    if (!type) return serverName ?? null;
    const key = `types.${type}`;
    if (i18n.language === 'vi' && serverName) return serverName;
    return i18n.exists(key, { ns: 'documents' }) ? t(key as 'types.KH') : (serverName ?? type);
  };
}

/**
 * How people name a document: the trích yếu read from the file starts in lower case after the type
 * ("hỗ trợ đảng viên cao tuổi…"), so the type's Vietnamese name goes in front ("Kế hoạch hỗ trợ…").
 */
export function documentTitle(d: { title: string; typeName: string | null }): string {
  const first = d.title.charAt(0);
  if (first === first.toLocaleUpperCase('vi') || !/\p{Ll}/u.test(first)) return d.title;
  return d.typeName ? `${d.typeName} ${d.title}` : first.toLocaleUpperCase('vi') + d.title.slice(1);
}

import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconDownload } from '../components/icons.tsx';
import '../i18n/documents.ts';
import { Section } from '../components/Section.tsx';
import { formatDate, formatDay } from '../lib/format.ts';
import {
  type DocumentDetail,
  type DocumentFile,
  documentLabel,
  documentQuery,
  formatBytes,
  refreshDocuments,
} from './api.ts';
import { IconBookmark, IconPause, IconPlay, IconSpeaker, IconStop } from './icons.tsx';
import { ManagePanel } from './ManagePanel.tsx';
import { isSavedOffline, syncSavedDocuments } from './offline.ts';
import { toPages } from './paragraphs.ts';
import { DocStatusBadge, documentTitle, useTypeName } from './parts.tsx';
import { ReaderText } from './ReaderText.tsx';
import { useReadAloud } from './speech.ts';

/** The PDF view could not be fetched (offline, never saved on this device). */
function PdfUnavailable(_: { url: string }) {
  const { t } = useTranslation('documents');
  return (
    <Text role="alert" fw={700}>
      {t('pdf.needsNetwork')}
    </Text>
  );
}

// pdf.js (≈140 kB gzip, and its worker) loads only when someone opens the PDF view; offline, it is
// there once a document was saved on the device (docs/decisions/0024)
const PdfView = lazy(() => import('./PdfView.tsx').catch(() => ({ default: PdfUnavailable })));

/** A document counts as read once it has been on screen this long (not on a quick open and back). */
const READ_AFTER_MS = 4000;

function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('app.shortName')}`;
  }, [title, t]);
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Container size="var(--sotay-page-max)" px={{ base: 'md', sm: 'lg' }} py="lg">
      <Stack gap="lg">{children}</Stack>
    </Container>
  );
}

type Speech = ReturnType<typeof useReadAloud>;

/** Đọc to / Tạm dừng, Tiếp tục / Dừng. */
function SpeechButtons({ speech, total }: { speech: Speech; total: number }) {
  const { t } = useTranslation('documents');
  const { state } = speech;
  if (!speech.supported) return null;
  return (
    <>
      {state === 'speaking' && (
        <Button leftSection={<IconPause />} onClick={speech.pause}>
          {t('speech.pause')}
        </Button>
      )}
      {state === 'paused' && (
        <Button leftSection={<IconPlay />} onClick={speech.resume}>
          {t('speech.resume')}
        </Button>
      )}
      {(state === 'speaking' || state === 'paused') && (
        <Button variant="default" leftSection={<IconStop />} onClick={speech.stop}>
          {t('speech.stop')}
        </Button>
      )}
      {(state === 'idle' || state === 'done') && (
        <Button leftSection={<IconSpeaker />} onClick={speech.start} disabled={!total}>
          {t('speech.start')}
        </Button>
      )}
    </>
  );
}

function speechStatus(t: TFunction<'documents'>, speech: Speech, total: number): string {
  if (!speech.supported) return t('speech.unsupported');
  const n = speech.index + 1;
  if (speech.state === 'speaking') return t('speech.reading', { n, total });
  if (speech.state === 'paused') return t('speech.paused', { n, total });
  return speech.state === 'done' ? t('speech.done') : '';
}

/** "Xem sau": kept on the server and, through the service worker, on this device for offline reading. */
function useBookmark(doc: DocumentDetail) {
  const { t } = useTranslation('documents');
  const queryClient = useQueryClient();
  const [offline, setOffline] = useState<'saving' | 'saved' | 'removed' | null>(null);
  useEffect(() => {
    if (doc.bookmarked) void isSavedOffline(doc.id).then((yes) => yes && setOffline('saved'));
  }, [doc.id, doc.bookmarked]);
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      const params = { params: { path: { id: doc.id } } };
      await (on
        ? api.PUT('/api/documents/{id}/bookmark', params)
        : api.DELETE('/api/documents/{id}/bookmark', params));
      return on;
    },
    onSuccess: async (on) => {
      queryClient.setQueryData(documentQuery(doc.id).queryKey, (old) =>
        old ? { ...old, document: { ...old.document, bookmarked: on } } : old,
      );
      void refreshDocuments();
      setOffline(on ? 'saving' : 'removed');
      await syncSavedDocuments(true);
      const saved = await isSavedOffline(doc.id);
      setOffline(on ? (saved ? 'saved' : null) : 'removed');
    },
  });
  const on = doc.bookmarked;
  const note =
    offline === 'saving'
      ? t('reader.saving')
      : offline === 'saved' && on
        ? t('reader.savedOffline')
        : offline === 'removed' && !on
          ? t('reader.removed')
          : '';
  return { on, toggle, note };
}

function Attachment({ file }: { file: DocumentFile }) {
  const { t, i18n } = useTranslation('documents');
  const size = formatBytes(file.size, i18n.language);
  if (file.contentType.startsWith('video/')) {
    return (
      <figure style={{ margin: 0 }}>
        {/* biome-ignore lint/a11y/useMediaCaption: committee videos come without captions; the file name says what it is */}
        <video
          controls
          preload="metadata"
          src={file.url}
          className="sotay-doc-media"
          style={{ width: '100%' }}
        />
        <Text component="figcaption" size="sm" mt={4}>
          {t('reader.videoOf', { name: file.fileName })}
        </Text>
      </figure>
    );
  }
  if (file.contentType.startsWith('image/')) {
    return (
      <figure style={{ margin: 0 }}>
        <img src={file.url} alt={file.fileName} className="sotay-doc-media" loading="lazy" />
      </figure>
    );
  }
  return (
    <Button
      component="a"
      href={file.url}
      download={file.fileName}
      variant="default"
      leftSection={<IconDownload />}
      w="fit-content"
    >
      {t('reader.download', { name: file.fileName, size })}
    </Button>
  );
}

function References({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation('documents');
  if (!doc.references.length) return null;
  return (
    <Section title={t('reader.references')}>
      <Text>{t('reader.referencesIntro')}</Text>
      <ul className="sotay-doc-links">
        {doc.references.map((r) => {
          const said = [
            r.typeName ? t('reader.citation', { type: r.typeName, number: r.number }) : r.number,
            r.issuedOn && t('reader.citationDate', { date: formatDate(r.issuedOn) }),
            r.issuingOrg && t('reader.citationOf', { org: r.issuingOrg }),
          ]
            .filter(Boolean)
            .join(', ');
          return (
            <li key={r.number} className="sotay-box">
              {r.documentId ? (
                <Anchor
                  fw={700}
                  className="sotay-link-target"
                  renderRoot={(props) => (
                    <Link {...props} to="/documents/$id" params={{ id: r.documentId }} />
                  )}
                >
                  {said}
                </Anchor>
              ) : (
                <Text fw={700} lang="vi">
                  {said}
                </Text>
              )}
              {r.title && <Text lang="vi">{r.title}</Text>}
              {!r.documentId && (
                <Text c="dimmed" size="sm">
                  ({t('reader.notInLibrary')})
                </Text>
              )}
              {!r.documentId && r.candidates.length > 0 && (
                <Group gap="xs" mt={4}>
                  <Text size="sm">{t('reader.candidates')}</Text>
                  {r.candidates.map((c) => (
                    <Anchor
                      key={c.id}
                      className="sotay-link-target"
                      renderRoot={(props) => <Link {...props} to="/documents/$id" params={{ id: c.id }} />}
                    >
                      {documentLabel(c)}
                      {c.number ? ` — ${c.title}` : ''}
                    </Anchor>
                  ))}
                </Group>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function CitedBy({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation('documents');
  if (!doc.referencedBy.length) return null;
  return (
    <Section title={t('reader.citedBy')}>
      <ul className="sotay-doc-links">
        {doc.referencedBy.map((c) => (
          <li key={c.documentId}>
            <Link to="/documents/$id" params={{ id: c.documentId }} className="sotay-list-row">
              <Text component="span" display="block" fw={700}>
                {[c.number, c.issuedOn && formatDate(c.issuedOn)].filter(Boolean).join(' · ')}
              </Text>
              <Text component="span" display="block" lang="vi">
                {c.title}
              </Text>
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Reader({ doc, savedCopy }: { doc: DocumentDetail; savedCopy: boolean }) {
  const { t, i18n } = useTranslation('documents');
  const queryClient = useQueryClient();
  const typeName = useTypeName();
  const theme = useMantineTheme();
  const pages = useMemo(() => toPages(doc.text), [doc.text]);
  const paragraphs = useMemo(() => pages.flatMap((p) => p.paragraphs), [pages]);
  const speech = useReadAloud(paragraphs);
  const reading = speech.state === 'speaking' || speech.state === 'paused';
  const status = speechStatus(t, speech, paragraphs.length);
  const bookmark = useBookmark(doc);
  const main = doc.files.find((f) => f.role === 'main');
  const pdf = main?.contentType === 'application/pdf' ? main : null;
  const [view, setView] = useState<'text' | 'pdf'>(paragraphs.length || !pdf ? 'text' : 'pdf');
  const kind = typeName(doc.type, doc.typeName);
  usePageTitle(doc.number ?? documentTitle(doc));

  // "đã đọc" once the document has been on screen for a few seconds (once; not from a saved copy)
  const marked = useRef(false);
  useEffect(() => {
    if (doc.readAt || savedCopy || marked.current) return;
    const timer = window.setTimeout(() => {
      marked.current = true;
      void api
        .POST('/api/documents/{id}/read', { params: { path: { id: doc.id } } })
        .then(() => {
          queryClient.setQueryData(documentQuery(doc.id).queryKey, (old) =>
            old ? { ...old, document: { ...old.document, readAt: new Date().toISOString() } } : old,
          );
          return refreshDocuments();
        })
        .catch(() => {
          marked.current = false;
        });
    }, READ_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [doc.id, doc.readAt, savedCopy, queryClient]);

  const attachments = doc.files.filter((f) => f.role !== 'main');
  const { replacedBy, previousVersion } = doc;
  return (
    <Frame>
      <Stack gap="xs">
        <Text fw={700} size="lg" lang="vi">
          {doc.number ? t('reader.numberLine', { number: doc.number }) : t('common.noNumber')}
          {kind && i18n.language !== 'vi' ? ` · ${kind}` : ''}
        </Text>
        <Title order={1} lang="vi">
          {documentTitle(doc)}
        </Title>
        <Group gap="xs">
          {doc.canManage && <DocStatusBadge status={doc.status} />}
          {doc.readAt && (
            <Text size="sm" c="dimmed">
              {t('reader.readAt', { date: formatDay(doc.readAt) })}
            </Text>
          )}
        </Group>
      </Stack>
      <DataList
        items={[
          { label: t('reader.issuingBody'), value: doc.issuingBody },
          { label: t('reader.issuedOn'), value: formatDate(doc.issuedOn) },
        ]}
      />
      {savedCopy && (
        <Alert color="gray" variant="outline" role="status">
          {t('reader.savedCopy')}
        </Alert>
      )}
      {replacedBy && (
        <Alert color="red" variant="outline" icon={<IconAlert />} title={t('reader.replacedBy')}>
          <Anchor
            fw={700}
            renderRoot={(props) => <Link {...props} to="/documents/$id" params={{ id: replacedBy.id }} />}
          >
            {t('reader.readNew', { name: documentLabel(replacedBy) })}
          </Anchor>
        </Alert>
      )}
      {previousVersion && (
        <Text>
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/documents/$id" params={{ id: previousVersion.id }} />
            )}
          >
            {t('reader.previousVersion', { name: documentLabel(previousVersion) })}
          </Anchor>
        </Text>
      )}
      {doc.canManage && doc.status === 'draft' && (
        <Alert color="gray" variant="outline" icon={<IconAlert />}>
          {t('reader.draft')}
        </Alert>
      )}
      {doc.canManage && doc.status === 'withdrawn' && (
        <Alert color="gray" variant="outline" icon={<IconAlert />}>
          {t('reader.withdrawn')}
        </Alert>
      )}
      {doc.canManage && !savedCopy && <ManagePanel doc={doc} />}

      <div className="sotay-doc-toolbar" data-reading={reading || undefined}>
        <Group gap="sm">
          <SpeechButtons speech={speech} total={paragraphs.length} />
          {!reading && (
            <Button
              variant={bookmark.on ? 'filled' : 'default'}
              leftSection={<IconBookmark filled={bookmark.on} />}
              aria-pressed={bookmark.on}
              loading={bookmark.toggle.isPending}
              disabled={savedCopy}
              onClick={() => bookmark.toggle.mutate(!bookmark.on)}
            >
              {bookmark.on ? t('reader.bookmarkOn') : t('reader.bookmark')}
            </Button>
          )}
        </Group>
        <Text fw={700} role="status" aria-live="polite" mt={status ? 'xs' : 0}>
          {status}
        </Text>
      </div>
      {speech.noVoice && speech.state !== 'idle' && (
        <Alert color="gray" variant="outline" icon={<IconAlert />}>
          {t('speech.noVoice')}
        </Alert>
      )}
      <Text role="status" aria-live="polite">
        {bookmark.note}
      </Text>
      <ErrorAlert error={bookmark.toggle.error} />

      {pdf && (
        <SegmentedControl
          color={theme.primaryColor}
          className="sotay-doc-segments"
          aria-label={t('reader.view')}
          value={view}
          onChange={(v) => setView(v === 'pdf' ? 'pdf' : 'text')}
          data={[
            { value: 'text', label: t('reader.viewText') },
            { value: 'pdf', label: t('reader.viewPdf') },
          ]}
        />
      )}
      {view === 'pdf' && pdf ? (
        <Suspense fallback={<Text>{t('pdf.loading')}</Text>}>
          <PdfView url={pdf.url} />
        </Suspense>
      ) : paragraphs.length ? (
        <ReaderText pages={pages} references={doc.references} speaking={reading ? speech.index : null} />
      ) : (
        <Text>{pdf ? t('reader.noText') : t('reader.noTextNoPdf')}</Text>
      )}
      {main && (
        <Button
          component="a"
          href={main.url}
          download={main.fileName}
          variant="default"
          leftSection={<IconDownload />}
          w="fit-content"
        >
          {t('reader.original', { name: main.fileName, size: formatBytes(main.size, i18n.language) })}
        </Button>
      )}
      {attachments.length > 0 && (
        <Section title={t('reader.attachments')}>
          {attachments.map((f) => (
            <Attachment key={f.id} file={f} />
          ))}
        </Section>
      )}
      <References doc={doc} />
      <CitedBy doc={doc} />
    </Frame>
  );
}

export function ReaderPage() {
  const { t } = useTranslation('documents');
  const { id } = useParams({ from: '/documents/$id' });
  const q = useQuery(documentQuery(id));
  if (q.isPending) {
    return (
      <Frame>
        <Title order={1}>{t('reader.title')}</Title>
        <Skeleton h={320} />
      </Frame>
    );
  }
  if (q.isError) {
    return (
      <Frame>
        <Title order={1}>{t('reader.notFound')}</Title>
        <ErrorAlert error={q.error} />
      </Frame>
    );
  }
  return <Reader key={id} doc={q.data.document} savedCopy={q.data.savedCopy} />;
}

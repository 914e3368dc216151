import {
  Button,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  useMantineTheme,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronDown, IconSearch, IconUpload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import '../i18n/documents.ts';
import { formatDate } from '../lib/format.ts';
import { LIBRARY_PAGE_SIZE, type ListedDocument, libraryQuery } from './api.ts';
import { BookmarkBadge, DocStatusBadge, documentTitle, Snippet, UnreadBadge, useTypeName } from './parts.tsx';
import SavedDocuments from './SavedDocuments.tsx';
import { DOCUMENT_STATUSES, type LibrarySearch, type LibraryView } from './search-params.ts';

/** The types a filter offers (the usual ones of Hướng dẫn 36-HD/VPTW). */
const TYPES = [
  'NQ',
  'QĐ',
  'QĐi',
  'CT',
  'KL',
  'QC',
  'HD',
  'KH',
  'CTr',
  'TB',
  'BC',
  'TTr',
  'ĐA',
  'CV',
] as const;
const YEARS = Array.from({ length: 12 }, (_, i) => String(new Date().getFullYear() - i));

function Result({ doc, committee }: { doc: ListedDocument; committee: boolean }) {
  const { t } = useTranslation('documents');
  const typeName = useTypeName();
  const title = documentTitle(doc);
  const kind = typeName(doc.type, doc.typeName);
  const badges = [
    committee && doc.status !== 'published' && <DocStatusBadge key="status" status={doc.status} />,
    !doc.read && doc.status === 'published' && <UnreadBadge key="unread" />,
    doc.bookmarked && <BookmarkBadge key="bookmark" />,
  ].filter(Boolean);
  return (
    <Link to="/documents/$id" params={{ id: doc.id }} className="sotay-list-row">
      <Stack gap={6}>
        <Text component="span" fw={700}>
          {[
            doc.number ?? t('common.noNumber'),
            // the title already says "Kế hoạch …" most of the time
            kind && !title.startsWith(kind) ? kind : null,
            doc.issuedOn && formatDate(doc.issuedOn),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text component="span" size="lg" fw={700} lh={1.4} lang="vi">
          {title}
        </Text>
        {doc.snippet && (
          <Text component="span" lang="vi">
            <Snippet text={doc.snippet.text} highlights={doc.snippet.highlights} />
          </Text>
        )}
        {committee && (
          <Text component="span" size="sm" c="dimmed">
            {[doc.issuingBody, t('library.audience', { name: doc.audienceName })].filter(Boolean).join(' · ')}
          </Text>
        )}
        {badges.length > 0 && (
          <Group gap={6} component="span">
            {badges}
          </Group>
        )}
      </Stack>
    </Link>
  );
}

function Library() {
  const { t } = useTranslation('documents');
  const { t: tApp } = useTranslation();
  const theme = useMantineTheme();
  const me = useMe();
  const committee = isCommittee(me);
  const search = useSearch({ from: '/documents' });
  const navigate = useNavigate({ from: '/documents' });
  const [text, setText] = useState(search.q ?? '');
  const extra = [search.type, search.year, search.status].filter((v) => v !== undefined).length;
  const [filtersOpen, setFiltersOpen] = useState(extra > 0);
  const set = (patch: Partial<LibrarySearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const typed = useDebouncedCallback((q: string) => set({ q: q.trim() || undefined }), 350);
  const list = useQuery({ ...libraryQuery(search, committee), placeholderData: keepPreviousData });
  const view: LibraryView = search.view ?? 'all';
  const page = search.page ?? 1;
  const empty =
    search.q || extra
      ? t('library.none')
      : view === 'unread'
        ? t('library.noneUnread')
        : view === 'bookmarked'
          ? t('library.noneBookmarked')
          : t('library.none');

  return (
    <Stack gap="md">
      {committee && (
        <Button
          leftSection={<IconUpload />}
          w="fit-content"
          renderRoot={(props) => <Link {...props} to="/documents/new" />}
        >
          {t('library.upload')}
        </Button>
      )}
      {/* a box that grows: the whole hint shows on a narrow phone, and so does a long search */}
      <Textarea
        size="lg"
        label={t('library.search')}
        placeholder={t('library.searchPlaceholder')}
        description={t('library.searchHelp')}
        leftSection={<IconSearch size="1.2em" />}
        value={text}
        onChange={(e) => {
          const q = e.currentTarget.value.replace(/\s*\n\s*/g, ' ');
          setText(q);
          typed(q);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          set({ q: text.trim() || undefined });
        }}
        autosize
        minRows={1}
        maxRows={6}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        styles={{ section: { alignItems: 'flex-start', paddingTop: '0.9rem' } }}
      />
      <SegmentedControl
        color={theme.primaryColor}
        className="sotay-doc-segments"
        aria-label={t('library.show')}
        value={view}
        onChange={(v) => set({ view: v === 'unread' || v === 'bookmarked' ? v : undefined })}
        data={(['all', 'unread', 'bookmarked'] as const).map((v) => ({
          value: v,
          label: t(`library.tabs.${v}`),
        }))}
      />
      <Button
        variant="default"
        onClick={() => setFiltersOpen((o) => !o)}
        aria-expanded={filtersOpen}
        aria-controls="document-filters"
        rightSection={
          <IconChevronDown style={{ transform: filtersOpen ? 'rotate(180deg)' : undefined }} size="1.2em" />
        }
        w="fit-content"
      >
        {t('library.filters')}
        {extra > 0 ? ` (${extra})` : ''}
      </Button>
      <Collapse in={filtersOpen} id="document-filters">
        <SimpleGrid cols={{ base: 1, sm: committee ? 3 : 2 }} spacing="md">
          <Select
            label={t('library.type')}
            placeholder={t('library.allTypes')}
            value={search.type ?? null}
            onChange={(v) => set({ type: v ?? undefined })}
            data={TYPES.map((code) => ({ value: code, label: t(`types.${code}`) }))}
            clearable
            clearButtonProps={{ 'aria-label': t('library.allTypes') }}
            allowDeselect
          />
          <Select
            label={t('library.year')}
            placeholder={t('library.allYears')}
            value={search.year ? String(search.year) : null}
            onChange={(v) => set({ year: v ? Number(v) : undefined })}
            data={YEARS}
            clearable
            clearButtonProps={{ 'aria-label': t('library.allYears') }}
            allowDeselect
          />
          {committee && (
            <Select
              label={t('library.status')}
              placeholder={t('library.allStatuses')}
              value={search.status ?? null}
              onChange={(v) =>
                set({
                  status: (DOCUMENT_STATUSES as readonly string[]).includes(v ?? '')
                    ? (v as LibrarySearch['status'])
                    : undefined,
                })
              }
              data={DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              clearable
              clearButtonProps={{ 'aria-label': t('library.allStatuses') }}
              allowDeselect
            />
          )}
        </SimpleGrid>
      </Collapse>
      <ErrorAlert error={list.error} />
      {isApiError(list.error, 'network') && <SavedDocuments />}
      {!list.isError && (
        <Text fw={700} role="status" aria-live="polite">
          {list.data ? t('library.found', { count: list.data.total }) : tApp('app.loading')}
        </Text>
      )}
      {list.isPending && <Skeleton h={240} />}
      {list.data?.total === 0 && <Text>{empty}</Text>}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.data?.items.map((d) => (
          <li key={d.id}>
            <Result doc={d} committee={committee} />
          </li>
        ))}
      </Stack>
      {list.data && (
        <Pager
          page={page}
          total={list.data.total}
          pageSize={LIBRARY_PAGE_SIZE}
          onChange={(p) => {
            void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </Stack>
  );
}

export function LibraryPage() {
  const { t } = useTranslation('documents');
  return (
    <Page title={t('library.title')}>
      <Library />
    </Page>
  );
}

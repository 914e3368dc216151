import {
  Anchor,
  Group,
  Progress,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import './study.css';
import { api, data } from '../api/client.ts';
import type { StudyCompletion, StudyMemberProgress } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronRight, IconDownload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { Section } from '../components/Section.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { formatDate } from '../lib/format.ts';
import type { CompletionSearch } from './completion-search.ts';
import { completionQuery, studyTopicQuery } from './queries.ts';
import { StateBadge } from './StudyBadges.tsx';

const PAGE_SIZE = 25;

/** Vietnamese writes 33,3 %; English 33.3 %. */
const percent = (rate: number, lang: string) =>
  rate.toLocaleString(lang === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 });

/** One row per chi bộ; choosing a row shows that chi bộ's members (the unit picker follows). */
function Units({ c, onPick }: { c: StudyCompletion; onPick: (orgId: string) => void }) {
  const { t, i18n } = useTranslation('study');
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {c.units.map((u) => (
        <li key={u.orgId}>
          <UnstyledButton className="sotay-list-row" w="100%" onClick={() => onPick(u.orgId)}>
            <Group wrap="nowrap" gap="sm">
              <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                <Group justify="space-between" gap="xs">
                  <Text fw={700} size="lg" component="span">
                    {u.name}
                  </Text>
                  <Text fw={700} component="span">
                    {t('completion.unitRow', {
                      completed: u.completed,
                      members: u.members,
                      rate: percent(u.rate, i18n.language),
                    })}
                  </Text>
                </Group>
                <Progress value={u.rate} size="md" aria-hidden="true" color="var(--sotay-success)" />
                <Text c="dimmed" component="span">
                  {t('completion.unitDetail', { readAll: u.readAll, passed: u.passed, essays: u.essays })}
                </Text>
              </Stack>
              <IconChevronRight style={{ flex: 'none' }} />
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}

function MemberRow({ m, topicId }: { m: StudyMemberProgress; topicId: string }) {
  const { t } = useTranslation('study');
  const quiz = m.passed
    ? `${t('common.passed')} (${t('common.scoreValue', { score: m.bestScore })})`
    : m.attempts
      ? `${t('common.failed')} (${t('common.scoreValue', { score: m.bestScore ?? 0 })})`
      : t('common.notTaken');
  return (
    <li>
      <Link
        to="/study-topics/$topicId/members/$memberId"
        params={{ topicId, memberId: m.memberId }}
        className="sotay-list-row"
      >
        <Stack gap={4}>
          <Group justify="space-between" gap="xs">
            <Text fw={700} size="lg" component="span">
              {m.fullName}
            </Text>
            <StateBadge tone={m.completed ? 'done' : 'plain'}>
              {m.completed ? t('common.completed') : t('common.notCompleted')}
            </StateBadge>
          </Group>
          <Text component="span" c="dimmed">
            {[
              m.orgName,
              !m.hasAccount && t('completion.noAccount'),
              m.documentsTotal > 0 &&
                t('common.documentsRead', { read: m.documentsRead, total: m.documentsTotal }),
              quiz,
              m.essaySubmittedAt ? t('common.essaySubmitted') : t('common.essayMissing'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
      </Link>
    </li>
  );
}

function Completion() {
  const { t, i18n } = useTranslation('study');
  const { topicId } = useParams({ from: '/study-topics/$topicId' });
  const search = useSearch({ from: '/study-topics/$topicId' });
  const navigate = useNavigate({ from: '/study-topics/$topicId' });
  const topic = useQuery(studyTopicQuery(topicId));
  const c = useQuery({ ...completionQuery(topicId, search.orgId), placeholderData: keepPreviousData });
  const page = search.page ?? 1;
  const show = search.show ?? 'all';
  const members = useQuery({
    queryKey: ['study', 'topics', topicId, 'members', search],
    queryFn: () =>
      data(
        api.GET('/api/study/topics/{id}/members', {
          params: {
            path: { id: topicId },
            query: {
              orgId: search.orgId,
              completed: show === 'all' ? undefined : show === 'done' ? 'true' : 'false',
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<CompletionSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const info = topic.data;
  const orgId = search.orgId ?? c.data?.org.id ?? null;
  const exportUrl = `/api/study/topics/${topicId}/export.xlsx${orgId ? `?orgId=${orgId}` : ''}`;
  return (
    <Stack gap="lg">
      {info && (
        <Stack gap={4} mt={-8}>
          <Text fw={700} size="xl" lh={1.35}>
            {info.title}
          </Text>
          <Text>
            {[
              t(`kind.${info.kind}`),
              info.dueOn ? t('common.dueOnValue', { date: formatDate(info.dueOn) }) : t('common.noDue'),
              t(`topicStatus.${info.status}`),
            ].join(' · ')}
          </Text>
        </Stack>
      )}
      <ErrorAlert error={c.error ?? topic.error} />
      <OrgSelect
        label={t('completion.unit')}
        description={t('completion.unitHelp')}
        value={orgId}
        onChange={(v) => set({ orgId: v ?? undefined })}
        allowDeselect={false}
      />
      {c.isPending && <Skeleton h={240} />}
      {c.data && (
        <>
          <Stack gap={6}>
            <Text fw={700} size="xl" role="status">
              {t('completion.summary', {
                completed: c.data.completed,
                members: c.data.members,
                rate: percent(c.data.rate, i18n.language),
              })}
            </Text>
            <Progress value={c.data.rate} size="xl" aria-hidden="true" color="var(--sotay-success)" />
            <Text c="dimmed">
              {info?.essayRequired === false ? t('completion.ruleNoEssay') : t('completion.rule')}
            </Text>
          </Stack>
          <Anchor href={exportUrl} download fw={700} className="sotay-link-target">
            <IconDownload size="1.2em" />
            &nbsp;{t('completion.export')}
          </Anchor>
          {c.data.members === 0 && <Text fw={700}>{t('completion.none')}</Text>}
          {c.data.units.length > 1 && (
            <Section title={t('completion.byChiBo')}>
              <Text mt={-8}>{t('completion.byChiBoHelp')}</Text>
              <Units c={c.data} onPick={(id) => set({ orgId: id })} />
            </Section>
          )}
        </>
      )}
      <Section title={t('completion.members')}>
        <SegmentedControl
          value={show}
          onChange={(v) => set({ show: v === 'all' ? undefined : (v as 'done' | 'todo') })}
          data={[
            { value: 'all', label: t('completion.all') },
            { value: 'todo', label: t('completion.onlyNotCompleted') },
            { value: 'done', label: t('completion.onlyCompleted') },
          ]}
          aria-label={t('completion.filter')}
          fullWidth
        />
        <ErrorAlert error={members.error} />
        <Title order={3} size="h4" aria-live="polite">
          {members.data ? t('completion.found', { count: members.data.total }) : ''}
        </Title>
        {members.data?.total === 0 && <Text>{t('completion.noMembers')}</Text>}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {members.data?.items.map((m) => (
            <MemberRow key={m.memberId} m={m} topicId={topicId} />
          ))}
        </Stack>
        {members.data && (
          <Pager
            page={page}
            total={members.data.total}
            pageSize={PAGE_SIZE}
            onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
          />
        )}
      </Section>
    </Stack>
  );
}

/** Kết quả học tập of one topic: a unit's completion per chi bộ, then each member; XLSX download. */
export function CompletionPage() {
  const { t } = useTranslation('study');
  return (
    <Page title={t('completion.title')} wide>
      <RequireRole allow={isCommittee}>
        <Completion />
      </RequireRole>
    </Page>
  );
}

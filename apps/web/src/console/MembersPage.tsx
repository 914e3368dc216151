import { Button, Collapse, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { MemberStatus } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronDown, IconSearch } from '../components/icons.tsx';
import { StatusBadge } from '../components/MemberFields.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatPhone } from '../lib/format.ts';
import { type MembersSearch, MEMBER_STATUSES as STATUSES } from './members-search.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { RequireRole } from './RequireRole.tsx';

const PAGE_SIZE = 20;

function MemberList() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/members' });
  const navigate = useNavigate({ from: '/members' });
  const [text, setText] = useState(search.q ?? '');
  const activeFilters = [search.orgId, search.status, search.vneid, search.phone].filter(
    (v) => v !== undefined,
  ).length;
  const [filtersOpen, setFiltersOpen] = useState(activeFilters > 0);
  const set = (patch: Partial<MembersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  // the list follows the typing once it pauses, and the address keeps the search for Back and reload
  const search350 = useDebouncedCallback((q: string) => set({ q: q.trim() || undefined }), 350);

  const page = search.page ?? 1;
  const list = useQuery({
    queryKey: ['members', search],
    queryFn: () =>
      data(
        api.GET('/api/members', {
          params: {
            query: {
              q: search.q,
              orgId: search.orgId,
              status: search.status,
              vneidLevel: search.vneid,
              hasSmartphone: search.phone === undefined ? undefined : search.phone ? 'true' : 'false',
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <TextInput
        type="search"
        label={t('members.search')}
        description={t('members.searchHelp')}
        leftSection={<IconSearch size="1.2em" />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          search350(e.currentTarget.value);
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <Button
        variant="default"
        onClick={() => setFiltersOpen((o) => !o)}
        aria-expanded={filtersOpen}
        aria-controls="member-filters"
        rightSection={
          <IconChevronDown style={{ transform: filtersOpen ? 'rotate(180deg)' : undefined }} size="1.2em" />
        }
        w="fit-content"
      >
        {t('members.filters')}
        {activeFilters > 0 ? ` (${activeFilters})` : ''}
      </Button>
      <Collapse in={filtersOpen} id="member-filters">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          <OrgSelect
            label={t('members.org')}
            placeholder={t('members.allOrgs')}
            value={search.orgId ?? null}
            onChange={(v) => set({ orgId: v ?? undefined })}
            clearable
            clearButtonProps={{ 'aria-label': t('app.clear') }}
            allowDeselect
          />
          <Select
            label={t('members.status')}
            placeholder={t('members.allStatuses')}
            value={search.status ?? null}
            onChange={(v) => set({ status: (v as MemberStatus) ?? undefined })}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            clearable
            clearButtonProps={{ 'aria-label': t('app.clear') }}
            allowDeselect
          />
          <Select
            label={t('members.vneid')}
            placeholder={t('members.allVneid')}
            value={search.vneid === undefined ? null : String(search.vneid)}
            onChange={(v) => set({ vneid: v === null ? undefined : (Number(v) as 0 | 1 | 2) })}
            data={(['0', '1', '2'] as const).map((l) => ({ value: l, label: t(`profile.vneid.${l}`) }))}
            clearable
            clearButtonProps={{ 'aria-label': t('app.clear') }}
            allowDeselect
          />
          <Select
            label={t('members.smartphone')}
            placeholder={t('members.any')}
            value={search.phone === undefined ? null : String(search.phone)}
            onChange={(v) => set({ phone: v === null ? undefined : v === 'true' })}
            data={[
              { value: 'true', label: t('members.hasSmartphone') },
              { value: 'false', label: t('members.noSmartphone') },
            ]}
            clearable
            clearButtonProps={{ 'aria-label': t('app.clear') }}
            allowDeselect
          />
        </SimpleGrid>
      </Collapse>
      <ErrorAlert error={list.error} />
      <Text fw={700} aria-live="polite" role="status">
        {list.data ? t('members.found', { count: list.data.total }) : t('app.loading')}
      </Text>
      {list.isPending && <Skeleton h={200} />}
      {list.data?.total === 0 && <Text>{t('members.none')}</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.data?.items.map((m) => (
          <li key={m.id}>
            <Link to="/members/$memberId" params={{ memberId: m.id }} className="sotay-list-row">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text fw={700} size="lg" component="span">
                  {m.fullName}
                </Text>
                <StatusBadge status={m.status} />
              </Group>
              <Text component="span" display="block" c="dimmed">
                {[
                  m.orgName,
                  formatPhone(m.phone),
                  m.partyCardNumber && `${t('fields.partyCardNumber')} ${m.partyCardNumber}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Link>
          </li>
        ))}
      </Stack>
      {list.data && (
        <Pager
          page={page}
          total={list.data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
        />
      )}
    </Stack>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('members.title')} wide>
      <RequireRole allow={isCommittee}>
        <MemberList />
      </RequireRole>
    </Page>
  );
}

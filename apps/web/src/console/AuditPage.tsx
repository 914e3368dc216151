import { Code, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { canReadAudit } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronRight } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatInstant } from '../lib/format.ts';
import { accountsOf, useNamesOf, useRoles } from './accounts.ts';
import { RequireRole } from './RequireRole.tsx';

const PAGE_SIZE = 25;
const ENTITIES = [
  'member',
  'org_unit',
  'role_assignment',
  'user',
  'import',
  'registration',
  'profile_correction',
] as const;
type Entity = (typeof ENTITIES)[number];

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v, null, 2));

function Entry({ entry, who }: { entry: AuditEntry; who: string }) {
  const { t } = useTranslation();
  const action = t(`audit.actions.${entry.action}` as 'audit.actions.member.create', {
    defaultValue: entry.action,
  });
  const entity = t(`audit.entities.${entry.entity as Entity}`, { defaultValue: entry.entity });
  const before = json(entry.before);
  const after = json(entry.after);
  return (
    <li className="sotay-list-row">
      <Stack gap={4}>
        <Text fw={700} size="lg">
          {action}
        </Text>
        <Text>
          {formatInstant(entry.at)} · {who} · {entity}
        </Text>
        {(before || after) && (
          <details>
            <summary className="sotay-summary">
              <IconChevronRight size="1.2em" />
              {t('audit.details')}
            </summary>
            <SimpleGrid cols={{ base: 1, md: before && after ? 2 : 1 }} spacing="sm">
              {before && (
                <Stack gap={2}>
                  <Text fw={700}>{t('audit.before')}</Text>
                  <Code block>{before}</Code>
                </Stack>
              )}
              {after && (
                <Stack gap={2}>
                  <Text fw={700}>{t('audit.after')}</Text>
                  <Code block>{after}</Code>
                </Stack>
              )}
            </SimpleGrid>
          </details>
        )}
      </Stack>
    </li>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<Entity | null>(null);
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['audit', entity, page],
    queryFn: () =>
      data(
        api.GET('/api/audit', {
          params: { query: { entity: entity ?? undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const roles = useRoles();
  const accounts = accountsOf(roles.data?.items ?? []);
  const usernames = [
    ...new Set((log.data?.items ?? []).map((e) => accounts.get(e.actorUserId ?? '')?.username)),
  ].filter((u): u is string => !!u);
  const names = useNamesOf(usernames);
  const whoOf = (e: AuditEntry) => {
    if (!e.actorUserId) return t('audit.system');
    const username = accounts.get(e.actorUserId)?.username;
    return username ? (names.get(username) ?? username) : e.actorUserId.slice(0, 8);
  };
  return (
    <Stack gap="md">
      <Text>{t('audit.intro')}</Text>
      <Select
        label={t('audit.entity')}
        placeholder={t('audit.allEntities')}
        value={entity}
        onChange={(v) => {
          setEntity(v as Entity | null);
          setPage(1);
        }}
        data={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
        clearable
        clearButtonProps={{ 'aria-label': t('app.clear') }}
        allowDeselect
        maw={400}
      />
      <ErrorAlert error={log.error} />
      {!log.data && !log.error && <Skeleton h={300} />}
      {log.data?.total === 0 && <Text>{t('audit.none')}</Text>}
      <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {log.data?.items.map((e) => (
          <Entry key={e.seq} entry={e} who={whoOf(e)} />
        ))}
      </Stack>
      {log.data && <Pager page={page} total={log.data.total} pageSize={PAGE_SIZE} onChange={setPage} />}
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('audit.title')} wide>
      <RequireRole allow={canReadAudit}>
        <AuditLog />
      </RequireRole>
    </Page>
  );
}

import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconArrowLeft, IconList } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../components/print.css';
import '../i18n/rollout.ts';
import { funnelQuery, type NeedsSupport, needsSupportQuery, topUnit } from './api.ts';
import './rollout.css';

function Branch({ name, items }: { name: string; items: NeedsSupport[] }) {
  const { t } = useTranslation('rollout');
  const id = useId();
  return (
    <Paper
      component="section"
      withBorder
      p={{ base: 'sm', sm: 'lg' }}
      radius="md"
      aria-labelledby={id}
      className="sotay-needs-group"
    >
      <Stack gap="sm">
        <Title order={2} id={id}>
          {name}{' '}
          <Text component="span" fw={400} size="lg">
            ({t('needs.branch', { count: items.length })})
          </Text>
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder verticalSpacing="sm" fz="md" className="sotay-needs-table">
            <Table.Caption className="sotay-visually-hidden">{name}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('needs.colName')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('needs.colAge')}
                </Table.Th>
                <Table.Th scope="col">{t('needs.colPhone')}</Table.Th>
                <Table.Th scope="col">{t('needs.colBlocking')}</Table.Th>
                <Table.Th scope="col">{t('needs.colHints')}</Table.Th>
                <Table.Th scope="col">{t('needs.colForm')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.memberId}>
                  <Table.Th scope="row" fw={700}>
                    {m.fullName}
                  </Table.Th>
                  <Table.Td ta="right">{m.age ?? t('needs.unknownAge')}</Table.Td>
                  <Table.Td>
                    {m.phone ? (
                      <Anchor
                        href={`tel:${m.phone.replace(/[^\d+]/g, '')}`}
                        className="sotay-link-target"
                        aria-label={t('needs.call', { name: m.fullName, phone: m.phone })}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {m.phone}
                      </Anchor>
                    ) : (
                      t('needs.noPhone')
                    )}
                  </Table.Td>
                  <Table.Td>{t(`blocking.${m.blocking}`)}</Table.Td>
                  <Table.Td>
                    {m.hints.length > 0 && (
                      <ul className="sotay-hints">
                        {m.hints.map((h) => (
                          <li key={h}>{t(`hint.${h}`)}</li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                  <Table.Td fw={700}>{t(`form.${m.suggestedForm}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function NeedsSupportList() {
  const { t } = useTranslation('rollout');
  const me = useMe();
  const search = useSearch({ from: '/rollout/needs-support' });
  const orgId = search.orgId ?? topUnit(me)?.id ?? '';
  const list = useQuery({ ...needsSupportQuery(orgId), enabled: !!orgId });
  // the unit's name (shared with the dashboard's cache)
  const unit = useQuery({ ...funnelQuery(orgId), enabled: !!orgId });
  if (!orgId) return null;
  if (list.isPending) return <Skeleton h={300} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const groups = new Map<string, { name: string; items: NeedsSupport[] }>();
  for (const m of list.data.items) {
    const g = groups.get(m.orgId) ?? { name: m.orgName, items: [] };
    g.items.push(m);
    groups.set(m.orgId, g);
  }
  const sorted = [...groups.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'vi'));
  return (
    <Stack gap="lg">
      <Group gap="sm" className="sotay-noprint">
        <Button
          variant="default"
          leftSection={<IconArrowLeft />}
          renderRoot={(props) => <Link {...props} to="/rollout" search={{ orgId }} />}
        >
          {t('needs.back')}
        </Button>
        <Button leftSection={<IconList />} onClick={() => window.print()}>
          {t('needs.print')}
        </Button>
      </Group>
      <Stack gap={4}>
        {unit.data && (
          <Text fw={700} size="lg">
            {t('needs.unit', { name: unit.data.org.name })}
          </Text>
        )}
        <Text size="xl" fw={700} role="status">
          {list.data.items.length ? t('needs.count', { count: list.data.items.length }) : t('needs.none')}
        </Text>
      </Stack>
      {sorted.map(([id, g]) => (
        <Branch key={id} name={g.name} items={g.items} />
      ))}
    </Stack>
  );
}

export function NeedsSupportPage() {
  const { t } = useTranslation('rollout');
  return (
    <Page title={t('needs.title')} wide>
      <RequireRole allow={isCommittee}>
        <NeedsSupportList />
      </RequireRole>
    </Page>
  );
}

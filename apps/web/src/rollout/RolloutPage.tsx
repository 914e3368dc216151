import { Anchor, Button, Group, Skeleton, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload, IconEdit, IconUpload, IconUsers } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { orgTreeQuery } from '../console/orgs.ts';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/rollout.ts';
import {
  band,
  canManageRollout,
  type Funnel,
  type FunnelCounts,
  funnelQuery,
  percent,
  type ReportInput,
  STEPS,
  saveBlob,
  topUnit,
} from './api.ts';
import './rollout.css';

/** "72 %" with its band in words beside it ("Khá"): the colour is never the only sign. */
export function RateBand({ part, whole }: { part: number; whole: number }) {
  const { t, i18n } = useTranslation('rollout');
  const b = band(part, whole);
  return (
    <Group gap="xs" wrap="nowrap">
      <Text component="span" fw={700} miw="3.2em" ta="right">
        {percent(part, whole, i18n.language)}
      </Text>
      {whole > 0 && (
        <span className="sotay-band" data-band={b}>
          {t(`band.${b}`)}
        </span>
      )}
    </Group>
  );
}

function FunnelBars({ counts }: { counts: FunnelCounts }) {
  const { t, i18n } = useTranslation('rollout');
  return (
    <ol className="sotay-funnel">
      {STEPS.map((step) => {
        const n = counts[step];
        const share = counts.eligible ? Math.min(100, (100 * n) / counts.eligible) : 0;
        return (
          <li key={step}>
            <Text component="span" fw={step === 'proficient' || step === 'eligible' ? 700 : 400}>
              {t(`step.${step}`)}
            </Text>
            <span className="sotay-funnel-bar" aria-hidden="true">
              <span style={{ width: `${share}%` }} />
            </span>
            <span className="sotay-funnel-value">
              {t('dashboard.stepValue', { count: n, rate: percent(n, counts.eligible, i18n.language) })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** The units from one's own top unit down to the one shown, each a link but the last. */
function Breadcrumb({ orgId, name }: { orgId: string; name: string }) {
  const { t } = useTranslation('rollout');
  const tree = useQuery(orgTreeQuery);
  const byId = new Map((tree.data?.items ?? []).map((o) => [o.id, o]));
  const chain: { id: string; name: string }[] = [];
  let cur = byId.get(orgId);
  while (cur?.parentId && byId.has(cur.parentId) && chain.length < 10) {
    cur = byId.get(cur.parentId);
    if (cur) chain.unshift({ id: cur.id, name: cur.name });
  }
  if (!chain.length) return null;
  return (
    <nav aria-label={t('dashboard.units')} className="sotay-breadcrumb sotay-noprint">
      <ol>
        {chain.map((o) => (
          <li key={o.id}>
            <Anchor
              className="sotay-link-target"
              renderRoot={(props) => <Link {...props} to="/rollout" search={{ orgId: o.id }} />}
            >
              {o.name}
            </Anchor>
          </li>
        ))}
        <li aria-current="page">
          <Text component="span" fw={700}>
            {name}
          </Text>
        </li>
      </ol>
    </nav>
  );
}

function ChildrenTable({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation('rollout');
  const navigate = useNavigate({ from: '/rollout' });
  if (!funnel.children.length) return <Text>{t('dashboard.noChildren')}</Text>;
  return (
    <Stack gap="xs">
      <Text>{t('dashboard.childrenHelp')}</Text>
      <Table.ScrollContainer minWidth={760}>
        <Table
          striped
          highlightOnHover
          withTableBorder
          verticalSpacing="sm"
          fz="md"
          className="sotay-rollout-table"
        >
          <Table.Caption>{t('dashboard.children')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.colUnit')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.colRate')}</Table.Th>
              {STEPS.map((s) => (
                <Table.Th key={s} scope="col" ta="right">
                  {t(`step.${s}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {funnel.children.map((c) => (
              <Table.Tr
                key={c.org.id}
                data-clickable
                onClick={(e) => {
                  // the link in the first cell handles its own clicks (and the keyboard)
                  if ((e.target as HTMLElement).closest('a')) return;
                  void navigate({ search: { orgId: c.org.id } });
                }}
              >
                <Table.Th scope="row" fw={400}>
                  <Anchor
                    aria-label={t('dashboard.viewUnit', { name: c.org.name })}
                    className="sotay-link-target"
                    renderRoot={(props) => <Link {...props} to="/rollout" search={{ orgId: c.org.id }} />}
                  >
                    {c.org.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  <RateBand part={c.proficient} whole={c.eligible} />
                </Table.Td>
                {STEPS.map((s) => (
                  <Table.Td key={s} ta="right">
                    {c[s]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        {t('dashboard.bands')}
      </Text>
    </Stack>
  );
}

function fileName(disposition: string | null): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? 'bao-cao-trien-khai.docx';
}

function ReportDialog({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('rollout');
  const [form, setForm] = useState<ReportInput>({});
  const [done, setDone] = useState<string | null>(null);
  const make = useMutation({
    mutationFn: async () => {
      const body = Object.fromEntries(
        Object.entries(form).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
      ) as ReportInput;
      const r = await api.POST('/api/rollout/orgs/{id}/report.docx', {
        params: { path: { id: orgId } },
        body,
        parseAs: 'blob',
      });
      const name = fileName(r.response.headers.get('content-disposition'));
      saveBlob(r.data as Blob, name);
      return name;
    },
    onSuccess: (name) => {
      setDone(name);
      onClose();
    },
  });
  const field = (key: keyof ReportInput) => ({
    value: (form[key] as string | undefined) ?? '',
    onChange: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: v }));
    },
  });
  return (
    <>
      {done && (
        <SuccessAlert title={t('report.title')}>
          <Text>{t('report.done', { name: done })}</Text>
        </SuccessAlert>
      )}
      <ActionDialog
        open={open}
        title={t('report.title')}
        text={t('report.intro')}
        confirmLabel={t('report.make')}
        cancelLabel={t('report.cancel')}
        onConfirm={() => make.mutate()}
        onClose={onClose}
        busy={make.isPending}
        error={make.error}
      >
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('report.number')} description={t('report.numberHelp')} {...field('number')} />
          <TextInput label={t('report.place')} description={t('report.placeHelp')} {...field('place')} />
        </Group>
        <Textarea label={t('report.difficulties')} autosize minRows={3} {...field('difficulties')} />
        <Textarea label={t('report.proposals')} autosize minRows={3} {...field('proposals')} />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('report.signerTitle')}
            description={t('report.signerTitleHelp')}
            {...field('signerTitle')}
          />
          <TextInput
            label={t('report.signerName')}
            description={t('report.signerNameHelp')}
            {...field('signerName')}
          />
        </Group>
      </ActionDialog>
    </>
  );
}

function Dashboard() {
  const { t, i18n } = useTranslation('rollout');
  const me = useMe();
  const search = useSearch({ from: '/rollout' });
  const orgId = search.orgId ?? topUnit(me)?.id;
  const [reportOpen, setReportOpen] = useState(false);
  const q = useQuery({
    ...funnelQuery(orgId ?? ''),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
  if (!orgId) return null;
  if (q.isPending) return <Skeleton h={400} />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const f = q.data;
  return (
    <Stack gap="lg">
      <Breadcrumb orgId={f.org.id} name={f.org.name} />
      <Stack gap={4}>
        <Text fw={700} size="lg">
          {f.org.name}
        </Text>
        <Group gap="sm">
          <Text size="xl" fw={700}>
            {t('dashboard.summary', {
              rate: percent(f.proficient, f.eligible, i18n.language),
              proficient: f.proficient,
              eligible: f.eligible,
            })}
          </Text>
          {f.eligible > 0 && (
            <span className="sotay-band" data-band={band(f.proficient, f.eligible)}>
              {t(`band.${band(f.proficient, f.eligible)}`)}
            </span>
          )}
        </Group>
      </Stack>
      <Group gap="sm">
        <Button
          renderRoot={(props) => <Link {...props} to="/rollout/needs-support" search={{ orgId: f.org.id }} />}
          leftSection={<IconUsers />}
        >
          {t('dashboard.needsSupport')}
        </Button>
        <Button variant="default" leftSection={<IconEdit />} onClick={() => setReportOpen(true)}>
          {t('dashboard.report')}
        </Button>
        <Button
          component="a"
          href={`/api/rollout/orgs/${f.org.id}/report.xlsx`}
          download
          variant="default"
          leftSection={<IconDownload />}
        >
          {t('dashboard.xlsx')}
        </Button>
        {canManageRollout(me) && (
          <Button
            variant="default"
            leftSection={<IconUpload />}
            renderRoot={(props) => <Link {...props} to="/rollout/roster" />}
          >
            {t('dashboard.roster')}
          </Button>
        )}
      </Group>
      <ReportDialog orgId={f.org.id} open={reportOpen} onClose={() => setReportOpen(false)} />
      <Section title={t('dashboard.funnel')}>
        <FunnelBars counts={f} />
        <Text size="sm" c="dimmed">
          {t('dashboard.funnelHelp')}
        </Text>
      </Section>
      <ChildrenTable funnel={f} />
    </Stack>
  );
}

export function RolloutPage() {
  const { t } = useTranslation('rollout');
  return (
    <Page title={t('dashboard.title')} wide>
      <RequireRole allow={isCommittee}>
        <Dashboard />
      </RequireRole>
    </Page>
  );
}

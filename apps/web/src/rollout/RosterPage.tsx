import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert, IconUpload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/rollout.ts';
import { formatDate } from '../lib/format.ts';
import { type Campaign, canManageRollout, type RosterPreview, topUnit } from './api.ts';
import './rollout.css';

type Team = RosterPreview['teams'][number];
interface KnownCampaign {
  id: string;
  number: string | null;
  title: string;
}

/** There is no list of campaigns on the server yet: the ones made here are remembered on this device. */
const STORE = 'sotay.rollout.campaigns';
function knownCampaigns(): KnownCampaign[] {
  try {
    const v = JSON.parse(localStorage.getItem(STORE) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as KnownCampaign[]) : [];
  } catch {
    return [];
  }
}
function remember(c: KnownCampaign): void {
  const list = [c, ...knownCampaigns().filter((x) => x.id !== c.id)].slice(0, 10);
  localStorage.setItem(STORE, JSON.stringify(list));
}
const campaignLabel = (c: { number: string | null; title: string }) =>
  c.number ? `${c.number} — ${c.title}` : c.title;

function Sessions({ team }: { team: Pick<Team, 'sessions'> }) {
  const { t } = useTranslation('rollout');
  if (!team.sessions.length) return <Text>{t('roster.noSessions')}</Text>;
  return (
    <ul className="sotay-hints">
      {team.sessions.map((s) => {
        const time =
          s.startTime && s.endTime
            ? t('roster.time', { start: s.startTime, end: s.endTime })
            : (s.startTime ?? s.endTime ?? '');
        return (
          <li key={`${s.date}-${s.startTime}-${s.place}`}>
            <Text component="span" fw={700}>
              {formatDate(s.date)}
            </Text>
            {time && `, ${time}`}
            {s.place && ` — ${s.place}`}
          </li>
        );
      })}
    </ul>
  );
}

function TeamCard({ team }: { team: Team }) {
  const { t } = useTranslation('rollout');
  const id = useId();
  return (
    <Paper component="section" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} id={id}>
          {team.name}{' '}
          <Text component="span" fw={400} size="lg">
            ({t('roster.teamPeople', { count: team.members.length })})
          </Text>
        </Title>
        {team.areas.length > 0 && (
          <Stack gap={2}>
            <Text fw={700}>{t('roster.areas')}</Text>
            <ul className="sotay-hints">
              {team.areas.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </Stack>
        )}
        <Stack gap={2}>
          <Text fw={700}>{t('roster.sessions')}</Text>
          <Sessions team={team} />
        </Stack>
        {/* no sideways scrolling: on a phone the columns wrap instead */}
        <Table striped withTableBorder verticalSpacing="xs" fz="md" className="sotay-roster-table">
          <Table.Caption className="sotay-visually-hidden">
            {t('roster.members', { name: team.name })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" ta="right">
                {t('roster.colRow')}
              </Table.Th>
              <Table.Th scope="col">{t('roster.colName')}</Table.Th>
              <Table.Th scope="col">{t('roster.colRole')}</Table.Th>
              <Table.Th scope="col" visibleFrom="sm">
                {t('roster.colPosition')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {team.members.map((m) => (
              <Table.Tr key={`${m.row}-${m.fullName}`}>
                <Table.Td ta="right">{m.row}</Table.Td>
                <Table.Th scope="row" fw={700}>
                  {m.fullName}
                  {/* on a phone the chức vụ goes under the name rather than in a narrow column of its own */}
                  {m.position && (
                    <Text component="span" display="block" fw={400} size="sm" hiddenFrom="sm">
                      {m.position}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>{t(`teamRole.${m.teamRole}`)}</Table.Td>
                <Table.Td visibleFrom="sm">{m.position ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function Warnings({ warnings }: { warnings: RosterPreview['warnings'] }) {
  const { t } = useTranslation('rollout');
  if (!warnings.length) return <Text>{t('roster.noWarnings')}</Text>;
  return (
    <Alert
      color="orange"
      variant="outline"
      icon={<IconAlert />}
      title={t('roster.warnings', { count: warnings.length })}
      role="alert"
      className="sotay-roster-warnings"
    >
      <Stack gap="xs">
        <Text>{t('roster.warningsHelp')}</Text>
        <ul className="sotay-hints">
          {warnings.map((w) => (
            <li key={`${w.kind}-${w.rows.join(',')}-${w.message}`}>
              <Text component="span" fw={700}>
                {t('roster.rows', { count: w.rows.length, rows: w.rows.join(', ') })}:
              </Text>{' '}
              {w.message}
            </li>
          ))}
        </ul>
      </Stack>
    </Alert>
  );
}

function SavedCampaign({ id }: { id: string }) {
  const { t } = useTranslation('rollout');
  const q = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => data(api.GET('/api/campaigns/{id}', { params: { path: { id } } })),
  });
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  const c: Campaign = q.data;
  return (
    <SuccessAlert title={t('roster.saved', { teams: c.teams.length })}>
      <Stack gap="sm">
        <Text fw={700}>{campaignLabel(c.campaign)}</Text>
        <ul className="sotay-hints">
          {c.teams.map((team) => (
            <li key={team.id}>
              {team.name}: {t('roster.teamPeople', { count: team.members.length })}
              {team.sessions.length > 0 && `, ${team.sessions.map((s) => formatDate(s.date)).join('; ')}`}
            </li>
          ))}
        </ul>
      </Stack>
    </SuccessAlert>
  );
}

function Roster() {
  const { t } = useTranslation('rollout');
  const me = useMe();
  const [known] = useState(knownCampaigns);
  const [choice, setChoice] = useState<string>('new');
  const [orgId, setOrgId] = useState<string | null>(topUnit(me)?.id ?? null);
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<{ file?: string; title?: string; org?: string }>({});

  async function upload(dryRun: boolean, campaignId?: string) {
    const form = new FormData();
    form.set('dryRun', String(dryRun));
    if (campaignId) form.set('campaignId', campaignId);
    form.set('file', file as File, (file as File).name);
    return data(
      api.POST('/api/imports/support-roster', {
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  }

  async function check() {
    setProblems({ file: file ? undefined : t('roster.needFile') });
    if (!file) return;
    setBusy('preview');
    setError(null);
    setSavedId(null);
    try {
      setPreview(await upload(true));
    } catch (e) {
      setError(e);
      setPreview(null);
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    const isNew = choice === 'new';
    const p = {
      title: isNew && !title.trim() ? t('roster.needTitle') : undefined,
      org: isNew && !orgId ? t('roster.needOrg') : undefined,
    };
    setProblems(p);
    if (p.title || p.org || !file) return;
    setBusy('save');
    setError(null);
    try {
      let campaignId = choice;
      if (isNew) {
        const r = await data(
          api.POST('/api/campaigns', {
            body: { orgId: orgId as string, title: title.trim(), number: number.trim() || undefined },
          }),
        );
        campaignId = r.campaign.id;
        remember({ id: r.campaign.id, number: r.campaign.number, title: r.campaign.title });
        setChoice(campaignId);
      }
      await upload(false, campaignId);
      setSavedId(campaignId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const people = preview?.teams.reduce((n, team) => n + team.members.length, 0) ?? 0;
  return (
    <Stack gap="lg">
      <Text>{t('roster.intro')}</Text>
      <Section title={t('roster.campaignStep')}>
        {known.length > 0 && (
          <Radio.Group label={t('roster.campaign')} value={choice} onChange={setChoice}>
            <Stack gap="xs" mt="xs">
              {known.map((c) => (
                <Radio key={c.id} value={c.id} label={campaignLabel(c)} />
              ))}
              <Radio value="new" label={t('roster.newCampaign')} />
            </Stack>
          </Radio.Group>
        )}
        {choice === 'new' && (
          <>
            <OrgSelect
              label={t('roster.org')}
              value={orgId}
              onChange={setOrgId}
              error={problems.org}
              disabled={!!busy}
            />
            <TextInput
              label={t('roster.number')}
              description={t('roster.numberHelp')}
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              maxLength={60}
              disabled={!!busy}
            />
            <TextInput
              label={t('roster.campaignTitle')}
              description={t('roster.campaignTitleHelp')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={problems.title}
              maxLength={300}
              required
              disabled={!!busy}
            />
          </>
        )}
      </Section>
      <Section title={t('roster.fileStep')}>
        <FileInput
          label={t('roster.file')}
          description={t('roster.fileHelp')}
          placeholder={t('roster.filePlaceholder')}
          accept=".tsv,.csv,.xlsx,text/tab-separated-values,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
            setSavedId(null);
          }}
          leftSection={<IconUpload size="1.2em" />}
          error={problems.file}
          disabled={!!busy}
          size="lg"
        />
        <Button onClick={() => void check()} loading={busy === 'preview'} w="fit-content">
          {t('roster.preview')}
        </Button>
      </Section>
      <ErrorAlert error={error} />
      {savedId && <SavedCampaign id={savedId} />}
      {savedId && (
        <Group gap="sm">
          <Button renderRoot={(props) => <Link {...props} to="/rollout" />}>{t('roster.toDashboard')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setFile(null);
              setPreview(null);
              setSavedId(null);
            }}
          >
            {t('roster.again')}
          </Button>
        </Group>
      )}
      {preview && !savedId && (
        <Stack gap="md" component="section" aria-labelledby="roster-preview">
          <Title order={2} id="roster-preview">
            {t('roster.previewTitle', { teams: preview.teams.length, people })}
          </Title>
          <Warnings warnings={preview.warnings} />
          {preview.teams.map((team) => (
            <TeamCard key={`${team.name}-${team.members[0]?.row}`} team={team} />
          ))}
          <Button onClick={() => void save()} loading={busy === 'save'} w="fit-content" size="lg">
            {t('roster.save')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

export function RosterPage() {
  const { t } = useTranslation('rollout');
  return (
    <Page title={t('roster.title')} wide>
      <RequireRole allow={canManageRollout}>
        <Roster />
      </RequireRole>
    </Page>
  );
}

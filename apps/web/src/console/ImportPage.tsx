import { Alert, Anchor, Button, FileInput, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../api/client.ts';
import type { ImportProgress, ImportResult } from '../api/types.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload, IconUpload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { templateUrl } from './import-template.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { RequireRole } from './RequireRole.tsx';

type Stage = 'choose' | 'checking' | 'invalid' | 'ready' | 'importing' | 'done';
const POLL_MS = 400;

function ProgressBar({ progress, label }: { progress: ImportProgress | null; label: string }) {
  const { t } = useTranslation();
  const phase = progress ? t(`import.phase.${progress.phase}`) : label;
  const pct = progress?.total ? Math.min(100, Math.round((progress.processed / progress.total) * 100)) : null;
  const text =
    progress?.total != null
      ? t('import.progress', { phase, processed: progress.processed, total: progress.total })
      : t('import.progressNoTotal', { phase });
  return (
    <Stack gap={6}>
      <Text fw={700} role="status" aria-live="polite">
        {text}
      </Text>
      <Progress
        value={pct ?? 100}
        animated={pct === null}
        striped={pct === null}
        size="xl"
        aria-label={text}
      />
    </Stack>
  );
}

function ErrorTable({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert
        color="red"
        variant="outline"
        role="alert"
        title={t('import.errorsTitle', { count: result.errors.length })}
      >
        {t('import.errorsHelp')}
      </Alert>
      <Table.ScrollContainer minWidth={320}>
        <Table striped withTableBorder verticalSpacing="sm" fz="md">
          <Table.Caption>{t('import.errorsTable')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.row')}</Table.Th>
              <Table.Th scope="col">{t('import.column')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e) => (
              <Table.Tr key={`${e.row}-${e.field}-${e.message}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.field}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Importer() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const defaultOrg = me.roles.find((r) => r.role !== 'member')?.orgId ?? null;
  const [orgId, setOrgId] = useState<string | null>(defaultOrg);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>('choose');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<{ org?: string; file?: string }>({});
  const poll = useRef<number | null>(null);
  const template = useMemo(() => templateUrl(), []);
  useEffect(() => () => URL.revokeObjectURL(template), [template]);
  useEffect(
    () => () => {
      if (poll.current !== null) window.clearInterval(poll.current);
    },
    [],
  );

  function stopPolling() {
    if (poll.current !== null) window.clearInterval(poll.current);
    poll.current = null;
  }

  async function send(dryRun: boolean) {
    const p = {
      org: orgId ? undefined : t('import.chooseOrg'),
      file: file ? undefined : t('import.chooseFile'),
    };
    setProblems(p);
    if (!orgId || !file) return;
    const progressId = crypto.randomUUID();
    const form = new FormData();
    form.set('orgId', orgId);
    form.set('dryRun', String(dryRun));
    form.set('progressId', progressId);
    form.set('file', file, file.name);
    setStage(dryRun ? 'checking' : 'importing');
    setError(null);
    setProgress(null);
    poll.current = window.setInterval(() => {
      api
        .GET('/api/imports/progress/{progressId}', { params: { path: { progressId } } })
        .then((r) => r.data && setProgress(r.data))
        .catch(() => undefined); // not started yet, or already finished
    }, POLL_MS);
    try {
      const r = await data(
        api.POST('/api/imports/members', {
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
      setResult(r);
      setStage(dryRun ? 'ready' : 'done');
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['members'] });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    } catch (err) {
      const body = isApiError(err) ? (err.body as Partial<ImportResult> | null) : null;
      if (body?.errors?.length) {
        setResult(body as ImportResult);
        setStage('invalid');
      } else {
        setError(err);
        setStage('choose');
      }
    } finally {
      stopPolling();
    }
  }

  const busy = stage === 'checking' || stage === 'importing';
  return (
    <Stack gap="lg">
      <Text>{t('import.intro')}</Text>
      <Anchor href={template} download="mau-danh-sach-dang-vien.csv" fw={700} className="sotay-target">
        <Group gap={6} component="span" mih={44}>
          <IconDownload size="1.2em" />
          {t('import.template')}
        </Group>
      </Anchor>
      <Section title={t('import.step')}>
        <OrgSelect
          label={t('import.org')}
          description={t('import.orgHelp')}
          value={orgId}
          onChange={(v) => {
            setOrgId(v);
            setStage('choose');
          }}
          error={problems.org}
          disabled={busy}
        />
        <FileInput
          label={t('import.file')}
          description={t('import.fileHelp')}
          placeholder={t('import.filePlaceholder')}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setResult(null);
            setStage('choose');
          }}
          leftSection={<IconUpload size="1.2em" />}
          error={problems.file}
          disabled={busy}
          size="lg"
        />
        {stage !== 'ready' && stage !== 'done' && (
          <Button onClick={() => void send(true)} loading={stage === 'checking'} w="fit-content">
            {t('import.check')}
          </Button>
        )}
        {busy && (
          <ProgressBar
            progress={progress}
            label={stage === 'checking' ? t('import.checking') : t('import.running')}
          />
        )}
        <ErrorAlert error={error} />
      </Section>
      {stage === 'invalid' && result && <ErrorTable result={result} />}
      {(stage === 'ready' || stage === 'importing') && result && (
        <SuccessAlert title={t('import.previewTitle')}>
          <Stack gap="sm">
            <Text>{t('import.previewText', result)}</Text>
            <Button onClick={() => void send(false)} loading={stage === 'importing'} w="fit-content">
              {t('import.run')}
            </Button>
          </Stack>
        </SuccessAlert>
      )}
      {stage === 'done' && result && (
        <SuccessAlert title={t('import.doneTitle')}>
          <Stack gap="sm">
            <Text>{t('import.doneText', result)}</Text>
            <Group gap="sm">
              <Button
                renderRoot={(props) => (
                  <Link {...props} to="/members" search={{ orgId: orgId ?? undefined }} />
                )}
              >
                {t('import.viewMembers')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setFile(null);
                  setResult(null);
                  setStage('choose');
                }}
              >
                {t('import.again')}
              </Button>
            </Group>
          </Stack>
        </SuccessAlert>
      )}
    </Stack>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('import.title')}>
      <RequireRole allow={isCommittee}>
        <Importer />
      </RequireRole>
    </Page>
  );
}

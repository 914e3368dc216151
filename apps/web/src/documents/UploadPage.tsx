import { Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconUpload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/documents.ts';
import {
  type DocumentDetail,
  documentLabel,
  documentQuery,
  formatBytes,
  refreshDocuments,
  type Uploaded,
  uploadWithProgress,
} from './api.ts';
import { DocumentForm } from './DocumentForm.tsx';

const ACCEPT =
  '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function Sending({ sent, total }: { sent: number; total: number }) {
  const { t, i18n } = useTranslation('documents');
  const pct = total ? Math.min(100, Math.round((sent / total) * 100)) : 0;
  const text =
    pct < 100
      ? t('upload.sending', {
          percent: pct,
          sent: formatBytes(sent, i18n.language),
          total: formatBytes(total, i18n.language),
        })
      : t('upload.reading');
  return (
    <Stack gap={6}>
      <Text fw={700} role="status" aria-live="polite">
        {text}
      </Text>
      <Progress
        value={pct < 100 ? pct : 100}
        animated={pct >= 100}
        striped={pct >= 100}
        size="xl"
        aria-label={text}
      />
    </Stack>
  );
}

/**
 * Upload → check what was read from the file → publish (or keep as a draft). With `replaces`, the file is
 * a new version of that document.
 */
function Uploader({ replaces }: { replaces?: string }) {
  const { t } = useTranslation('documents');
  const me = useMe();
  const previous = useQuery({ ...documentQuery(replaces ?? ''), enabled: !!replaces });
  const defaultOrg = me.roles.find((r) => r.role !== 'member')?.orgId ?? null;
  const [orgId, setOrgId] = useState<string | null>(defaultOrg);
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ org?: string; file?: string }>({});
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [uploaded, setUploaded] = useState<{ result: Uploaded; fileName: string } | null>(null);
  const [done, setDone] = useState<{ doc: DocumentDetail; published: boolean } | null>(null);

  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      if (!replaces && orgId) form.set('audienceOrgId', orgId);
      form.set('file', f, f.name);
      setProgress({ sent: 0, total: f.size });
      return uploadWithProgress<Uploaded>(
        replaces ? `/api/documents/${replaces}/versions` : '/api/documents',
        form,
        (sent, total) => setProgress({ sent, total: total || f.size }),
      );
    },
    onSuccess: async (result, f) => {
      setUploaded({ result, fileName: f.name });
      await refreshDocuments();
    },
    onSettled: () => setProgress(null),
  });

  function send() {
    const p = {
      org: replaces || orgId ? undefined : t('upload.chooseUnit'),
      file: file ? undefined : t('upload.chooseFile'),
    };
    setProblems(p);
    if (file && (replaces || orgId)) upload.mutate(file);
  }

  function again() {
    setFile(null);
    setUploaded(null);
    setDone(null);
    upload.reset();
  }

  if (done) {
    return (
      <SuccessAlert
        title={
          done.published ? t('upload.published', { name: documentLabel(done.doc) }) : t('upload.savedDraft')
        }
      >
        <Group gap="sm" mt="xs">
          <Button
            renderRoot={(props) => <Link {...props} to="/documents/$id" params={{ id: done.doc.id }} />}
          >
            {t('upload.open')}
          </Button>
          {!replaces && (
            <Button variant="default" onClick={again}>
              {t('upload.another')}
            </Button>
          )}
        </Group>
      </SuccessAlert>
    );
  }

  if (uploaded) {
    const { document: doc, detected } = uploaded.result;
    return (
      <Section title={t('upload.confirmTitle')}>
        <Text>{t('upload.confirmIntro', { file: uploaded.fileName })}</Text>
        <DocumentForm
          doc={doc}
          detected={detected}
          mode="confirm"
          onDone={(saved, published) => {
            setDone({ doc: saved, published });
            window.scrollTo({ top: 0 });
          }}
        />
      </Section>
    );
  }

  const busy = upload.isPending;
  return (
    <Stack gap="lg">
      <Text>
        {replaces && previous.data
          ? t('upload.replaceIntro', { name: documentLabel(previous.data.document) })
          : t('upload.intro')}
      </Text>
      <Section title={t('upload.step')}>
        {!replaces && (
          <OrgSelect
            label={t('upload.unit')}
            description={t('upload.unitHelp')}
            value={orgId}
            onChange={setOrgId}
            error={problems.org}
            disabled={busy}
          />
        )}
        <FileInput
          label={t('upload.file')}
          description={t('upload.fileHelp')}
          placeholder={t('upload.filePlaceholder')}
          accept={ACCEPT}
          value={file}
          onChange={(f) => {
            setFile(f);
            upload.reset();
          }}
          leftSection={<IconUpload size="1.2em" />}
          error={problems.file}
          disabled={busy}
        />
        {progress && <Sending sent={progress.sent} total={progress.total} />}
        <ErrorAlert error={upload.error} />
        <Button onClick={send} loading={busy} w="fit-content" leftSection={<IconUpload />}>
          {t('upload.submit')}
        </Button>
      </Section>
    </Stack>
  );
}

export function UploadPage() {
  const { t } = useTranslation('documents');
  const { replaces } = useSearch({ from: '/documents/new' });
  return (
    <Page title={replaces ? t('upload.replaceTitle') : t('upload.title')}>
      <RequireRole allow={isCommittee}>
        <Uploader key={replaces ?? 'new'} replaces={replaces} />
      </RequireRole>
    </Page>
  );
}

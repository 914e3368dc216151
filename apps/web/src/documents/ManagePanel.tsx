import { Button, FileInput, Group, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconEdit, IconUpload } from '../components/icons.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { useOrgOptions } from '../console/orgs.ts';
import { formatDay } from '../lib/format.ts';
import {
  type AttachedFile,
  type DocumentDetail,
  documentLabel,
  documentQuery,
  formatBytes,
  refreshDocuments,
  uploadWithProgress,
} from './api.ts';
import { DocumentForm } from './DocumentForm.tsx';
import { IconChart, IconPaperclip } from './icons.tsx';

type Open = 'edit' | 'attach' | 'publish' | 'withdraw' | null;

function AttachForm({ doc, onDone }: { doc: DocumentDetail; onDone: (f: AttachedFile) => void }) {
  const { t, i18n } = useTranslation('documents');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<string>();
  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.set('file', f, f.name);
      return uploadWithProgress<{ file: AttachedFile }>(
        `/api/documents/${doc.id}/attachments`,
        form,
        (s, total) => setSent({ sent: s, total }),
      );
    },
    onSuccess: async (r) => {
      setFile(null);
      setSent(null);
      await refreshDocuments();
      onDone(r.file);
    },
    onError: () => setSent(null),
  });
  const pct = sent?.total ? Math.round((sent.sent / sent.total) * 100) : 0;
  const progress = sent
    ? t('upload.sending', {
        percent: pct,
        sent: formatBytes(sent.sent, i18n.language),
        total: formatBytes(sent.total, i18n.language),
      })
    : '';
  return (
    <Stack gap="sm">
      <FileInput
        label={t('manage.attachFile')}
        description={t('manage.attachHelp')}
        placeholder={t('upload.filePlaceholder')}
        accept="video/mp4,video/webm,image/jpeg,image/png,image/webp,application/pdf,.pdf,.docx,.mp4,.webm"
        value={file}
        onChange={setFile}
        error={problem}
        disabled={upload.isPending}
        leftSection={<IconUpload size="1.2em" />}
      />
      {sent && (
        <Stack gap={6}>
          <Text fw={700} role="status">
            {pct < 100 ? progress : t('upload.reading')}
          </Text>
          <Progress value={pct} size="xl" aria-label={progress} />
        </Stack>
      )}
      <ErrorAlert error={upload.error} />
      <Button
        w="fit-content"
        loading={upload.isPending}
        onClick={() => {
          setProblem(file ? undefined : t('upload.chooseFile'));
          if (file) upload.mutate(file);
        }}
      >
        {t('manage.attachSubmit')}
      </Button>
    </Stack>
  );
}

/** What a committee can do with a document it manages, under the document's header. */
export function ManagePanel({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation('documents');
  const queryClient = useQueryClient();
  const { byId } = useOrgOptions();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = documentLabel(doc);
  const unit = byId.get(doc.audienceOrgId)?.name ?? '';
  const changed = async (next: DocumentDetail | null, message: string) => {
    if (next) queryClient.setQueryData(documentQuery(doc.id).queryKey, { document: next, savedCopy: false });
    await refreshDocuments();
    setOpen(null);
    setDone(message);
  };
  const action = useMutation({
    mutationFn: (which: 'publish' | 'withdraw') =>
      data(
        which === 'publish'
          ? api.POST('/api/documents/{id}/publish', { params: { path: { id: doc.id } } })
          : api.POST('/api/documents/{id}/withdraw', { params: { path: { id: doc.id } } }),
      ),
    onSuccess: (r, which) =>
      changed(r.document, which === 'publish' ? t('manage.published') : t('manage.withdrawn')),
  });
  const toggle = (which: Open) => {
    setDone(null);
    action.reset();
    setOpen((o) => (o === which ? null : which));
  };
  const canPublish = doc.status === 'draft' || doc.status === 'withdrawn';

  return (
    <Section title={t('manage.title')}>
      <Text>
        {[
          unit && t('manage.audience', { unit }),
          doc.status === 'published' &&
            doc.publishedAt &&
            t('manage.publishedOn', { date: formatDay(doc.publishedAt) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Group gap="sm">
        <Button
          variant={open === 'edit' ? 'filled' : 'default'}
          leftSection={<IconEdit />}
          aria-expanded={open === 'edit'}
          onClick={() => toggle('edit')}
        >
          {t('manage.edit')}
        </Button>
        {canPublish && <Button onClick={() => toggle('publish')}>{t('manage.publish')}</Button>}
        {doc.status === 'published' && (
          <Button variant="default" onClick={() => toggle('withdraw')}>
            {t('manage.withdraw')}
          </Button>
        )}
        {doc.status !== 'replaced' && (
          <Button
            variant="default"
            leftSection={<IconUpload />}
            renderRoot={(props) => <Link {...props} to="/documents/new" search={{ replaces: doc.id }} />}
          >
            {t('manage.replace')}
          </Button>
        )}
        <Button
          variant={open === 'attach' ? 'filled' : 'default'}
          leftSection={<IconPaperclip />}
          aria-expanded={open === 'attach'}
          onClick={() => toggle('attach')}
        >
          {t('manage.attach')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconChart />}
          renderRoot={(props) => <Link {...props} to="/documents/$id/stats" params={{ id: doc.id }} />}
        >
          {t('manage.stats')}
        </Button>
      </Group>
      {done && <SuccessAlert title={done} />}
      {open === 'edit' && (
        <DocumentForm
          doc={doc}
          mode="edit"
          onCancel={() => setOpen(null)}
          onDone={(next) => void changed(next, t('upload.saved'))}
        />
      )}
      {open === 'attach' && (
        <AttachForm
          doc={doc}
          onDone={(f) => void changed(null, t('manage.attached', { name: f.fileName }))}
        />
      )}
      <ActionDialog
        open={open === 'publish'}
        title={t('manage.publishTitle', { name })}
        text={t('manage.publishText', { unit })}
        confirmLabel={t('manage.publish')}
        cancelLabel={t('manage.cancel')}
        busy={action.isPending}
        error={action.error}
        onConfirm={() => action.mutate('publish')}
        onClose={() => setOpen(null)}
      />
      <ActionDialog
        open={open === 'withdraw'}
        title={t('manage.withdrawTitle', { name })}
        text={t('manage.withdrawText')}
        confirmLabel={t('manage.withdraw')}
        cancelLabel={t('manage.cancel')}
        busy={action.isPending}
        error={action.error}
        onConfirm={() => action.mutate('withdraw')}
        onClose={() => setOpen(null)}
      />
    </Section>
  );
}

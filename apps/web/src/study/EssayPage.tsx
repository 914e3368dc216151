import { Anchor, Button, Checkbox, FileInput, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/study.ts';
import './study.css';
import { api, data } from '../api/client.ts';
import type { MyStudyTopic } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconDownload, IconUpload } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatInstant } from '../lib/format.ts';
import { myTopicQuery } from './queries.ts';

const MAX_BYTES = 10 * 1024 * 1024;

function EssayForm({ topic }: { topic: MyStudyTopic }) {
  const { t } = useTranslation('study');
  const queryClient = useQueryClient();
  const essay = topic.essay;
  const [body, setBody] = useState(essay?.body ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [removeFile, setRemoveFile] = useState(false);
  const [problem, setProblem] = useState<{ body?: string; file?: string }>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setBody(essay?.body ?? ''), [essay?.body]);
  const save = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('body', body);
      form.set('removeFile', String(removeFile && !file));
      if (file) form.set('file', file, file.name);
      return data(
        api.PUT('/api/me/study/{id}/essay', {
          params: { path: { id: topic.id } },
          body: form as never,
          bodySerializer: (b: unknown) => b as FormData,
        }),
      );
    },
    onSuccess: async () => {
      setSaved(true);
      setFile(null);
      setRemoveFile(false);
      await queryClient.invalidateQueries({ queryKey: ['me', 'study'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const keepsFile = !!essay?.file && !removeFile;
    const next = {
      file: file && file.size > MAX_BYTES ? t('essay.tooBig') : undefined,
      body: !body.trim() && !file && !keepsFile ? t('essay.empty') : undefined,
    };
    setProblem(next);
    if (!next.file && !next.body) save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {saved && (
          <SuccessAlert title={t('essay.saved')}>
            <Anchor
              renderRoot={(props) => <Link {...props} to="/study/$topicId" params={{ topicId: topic.id }} />}
              fw={700}
              className="sotay-link-target"
            >
              {t('quiz.backToTopic')}
            </Anchor>
          </SuccessAlert>
        )}
        <Textarea
          label={t('essay.body')}
          description={t('essay.bodyHelp')}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setProblem({});
          }}
          autosize
          minRows={10}
          maxRows={30}
          maxLength={20000}
          error={problem.body}
          size="lg"
        />
        {essay?.file && (
          <Stack gap={4}>
            <Group gap="sm">
              <Text>{t('essay.currentFile', { name: essay.file.name })}</Text>
              <Anchor
                href={`/api/me/study/${topic.id}/essay/file`}
                fw={700}
                className="sotay-link-target"
                aria-label={`${t('common.download')}: ${essay.file.name}`}
              >
                <IconDownload size="1.1em" /> {t('common.download')}
              </Anchor>
            </Group>
            <Checkbox
              label={t('essay.removeFile')}
              checked={removeFile}
              onChange={(e) => setRemoveFile(e.currentTarget.checked)}
              disabled={!!file}
            />
          </Stack>
        )}
        <FileInput
          label={t('essay.file')}
          description={t('essay.fileHelp')}
          placeholder={t('essay.filePlaceholder')}
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png"
          value={file}
          onChange={(f) => {
            setFile(f);
            setProblem({});
          }}
          clearable
          clearButtonProps={{ 'aria-label': t('common.cancel') }}
          leftSection={<IconUpload size="1.2em" />}
          error={problem.file}
          size="lg"
        />
        <ErrorAlert error={save.error} />
        <Button type="submit" size="xl" loading={save.isPending} w="fit-content">
          {essay ? t('essay.update') : t('essay.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Bài thu hoạch: text, a file (a photo of a handwritten page), or both; editable until the topic closes. */
export function EssayPage() {
  const { t } = useTranslation('study');
  const { topicId } = useParams({ from: '/study/$topicId/essay' });
  const q = useQuery(myTopicQuery(topicId));
  const topic = q.data;
  return (
    <Page title={t('essay.title')}>
      {topic && (
        <Text size="lg" mt={-8}>
          {topic.title}
        </Text>
      )}
      <ErrorAlert error={q.error} />
      {q.isPending && <Skeleton h={300} />}
      {topic && topic.status === 'assigned' && (
        <>
          <Text>{t('essay.intro')}</Text>
          <EssayForm topic={topic} />
        </>
      )}
      {topic && topic.status !== 'assigned' && (
        <Stack gap="md">
          <Text fw={700}>{t('essay.closed')}</Text>
          {topic.essay && (
            <div className="sotay-box">
              <Text size="sm" c="dimmed">
                {t('topic.essayAt', { at: formatInstant(topic.essay.submittedAt) })}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{topic.essay.body}</Text>
            </div>
          )}
        </Stack>
      )}
    </Page>
  );
}

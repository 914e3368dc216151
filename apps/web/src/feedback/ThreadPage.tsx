import { Button, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconCheck } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import '../i18n/feedback.ts';
import { formatInstant } from '../lib/format.ts';
import { FeedbackStatusBadge, type FeedbackThread, OverdueBadge } from './parts.tsx';
import { markAnswerSeen } from './queries.ts';

const threadQuery = (id: string) =>
  queryOptions({
    queryKey: ['feedback', 'thread', id],
    staleTime: 0,
    queryFn: () => data(api.GET('/api/feedback/{id}', { params: { path: { id } } })).then((r) => r.feedback),
  });

/** The conversation: the member's words framed plainly, the committee's answers framed in green and named. */
function Messages({ thread }: { thread: FeedbackThread }) {
  const { t } = useTranslation('feedback');
  let memberMessages = 0;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {thread.messages.map((m) => {
        // the note the server writes when a committee hands the thread up is not an answer
        const handedUp = m.fromCommittee && thread.escalated && m.body.startsWith('Đã chuyển lên ');
        const answer = m.fromCommittee && !handedUp;
        const label = handedUp
          ? t('thread.handedUp')
          : answer
            ? t('thread.answer')
            : memberMessages++ === 0
              ? t('thread.question')
              : t('thread.more');
        return (
          <li key={m.id}>
            <article className="sotay-message" data-committee={answer || undefined}>
              <Stack gap={6}>
                <Group gap="xs" component="header">
                  {answer && <IconCheck size="1.2em" />}
                  <Text fw={800} c={answer ? 'var(--sotay-success)' : undefined}>
                    {label}
                  </Text>
                  <Text c="dimmed" size="sm">
                    {[m.author, formatInstant(m.createdAt)].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
                <Text className="sotay-message-text" lang="vi">
                  {m.body}
                </Text>
              </Stack>
            </article>
          </li>
        );
      })}
    </Stack>
  );
}

function ReplyBox({ thread, onSaved }: { thread: FeedbackThread; onSaved: (f: FeedbackThread) => void }) {
  const { t } = useTranslation('feedback');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const committee = thread.canHandle;
  const reply = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/feedback/{id}/replies', {
          params: { path: { id: thread.id } },
          body: { body: text.trim() },
        }),
      ),
    onSuccess: (r) => {
      setText('');
      setSent(true);
      onSaved(r.feedback);
    },
  });
  if (thread.status === 'da_dong' && !committee) return <Text size="lg">{t('thread.closedNote')}</Text>;
  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    if (!text.trim()) {
      setError(t('thread.required'));
      return;
    }
    setError(null);
    reply.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label={committee ? t('thread.replyLabel') : t('thread.moreLabel')}
          description={committee ? t('thread.replyHelp') : t('thread.moreHelp')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          minRows={4}
          maxRows={12}
        />
        <ErrorAlert error={reply.error} />
        {sent && <SuccessAlert title={t('thread.replied')} />}
        <Button type="submit" loading={reply.isPending} w="fit-content">
          {committee ? t('thread.sendReply') : t('thread.sendMore')}
        </Button>
      </Stack>
    </form>
  );
}

/** Đang xử lý, Đóng, Chuyển lên cấp trên (asked first: the chi ủy loses the thread). */
function CommitteeActions({
  thread,
  onSaved,
  onEscalated,
}: {
  thread: FeedbackThread;
  onSaved: (f: FeedbackThread) => void;
  onEscalated: () => void;
}) {
  const { t } = useTranslation('feedback');
  const { t: tApp } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const status = useMutation({
    mutationFn: (s: 'dang_xu_ly' | 'da_dong') =>
      data(
        api.POST('/api/feedback/{id}/status', { params: { path: { id: thread.id } }, body: { status: s } }),
      ),
    onSuccess: (r) => onSaved(r.feedback),
  });
  const escalate = useMutation({
    mutationFn: () =>
      api.POST('/api/feedback/{id}/escalate', {
        params: { path: { id: thread.id } },
        body: { note: note.trim() || undefined },
      }),
    onSuccess: () => {
      setAsking(false);
      onEscalated();
    },
  });
  return (
    <Section title={t('thread.actions')}>
      <Group gap="sm">
        {thread.status === 'moi' && (
          <Button variant="default" loading={status.isPending} onClick={() => status.mutate('dang_xu_ly')}>
            {t('thread.markWorking')}
          </Button>
        )}
        {thread.status !== 'da_dong' && (
          <Button variant="default" loading={status.isPending} onClick={() => status.mutate('da_dong')}>
            {t('thread.close')}
          </Button>
        )}
        <Button variant="default" onClick={() => setAsking(true)}>
          {t('thread.escalate')}
        </Button>
      </Group>
      <ErrorAlert error={status.error} />
      <ActionDialog
        open={asking}
        title={t('thread.escalateTitle')}
        text={t('thread.escalateText')}
        confirmLabel={t('thread.escalateConfirm')}
        cancelLabel={tApp('app.cancel')}
        onConfirm={() => escalate.mutate()}
        onClose={() => {
          setAsking(false);
          escalate.reset();
        }}
        busy={escalate.isPending}
        error={escalate.error}
      >
        <Textarea
          label={t('thread.escalateNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
          minRows={2}
        />
      </ActionDialog>
    </Section>
  );
}

export function ThreadPage() {
  const { t } = useTranslation('feedback');
  const { id } = useParams({ from: '/feedback/$id' });
  const queryClient = useQueryClient();
  const thread = useQuery(threadQuery(id));
  const [escalated, setEscalated] = useState<string | null>(null);
  const f = thread.data;
  useEffect(() => {
    if (f) markAnswerSeen(f.id, f.answeredAt);
  }, [f]);
  const saved = (next: FeedbackThread) => {
    queryClient.setQueryData(threadQuery(id).queryKey, next);
    void queryClient.invalidateQueries({
      queryKey: ['feedback'],
      predicate: (q) => q.queryKey[1] !== 'thread',
    });
  };

  if (escalated) {
    return (
      <Page title={t('thread.escalatedTitle')}>
        <SuccessAlert title={t('thread.escalated', { title: escalated })} />
        <Button w="fit-content" renderRoot={(props) => <Link {...props} to="/feedback/inbox" />}>
          {t('thread.toInbox')}
        </Button>
      </Page>
    );
  }
  if (!f) {
    return (
      <Page title={t('mine.title')}>
        {thread.isPending && <Skeleton h={300} />}
        <ErrorAlert error={thread.error} />
      </Page>
    );
  }
  return (
    <Page title={f.title}>
      <Group gap={6}>
        <FeedbackStatusBadge status={f.status} />
        {f.canHandle && f.overdue && <OverdueBadge />}
      </Group>
      <DataList
        items={[
          { label: t('thread.kind'), value: t(`kind.${f.kind}`) },
          ...(f.author && f.canHandle
            ? [{ label: t('thread.author'), value: `${f.author.fullName} — ${f.author.orgName}` }]
            : []),
          { label: t('thread.to'), value: f.orgName },
          { label: t('thread.askedAt'), value: formatInstant(f.createdAt) },
          ...(f.escalated ? [{ label: t('thread.escalatedLabel'), value: t('thread.escalatedValue') }] : []),
        ]}
      />
      <Stack gap="sm" component="section" aria-labelledby="thread-messages">
        <Title order={2} id="thread-messages">
          {t('thread.messages')}
        </Title>
        <Messages thread={f} />
        {!f.canHandle && !f.answeredAt && f.status !== 'da_dong' && <Text>{t('thread.waiting')}</Text>}
      </Stack>
      <ReplyBox thread={f} onSaved={saved} />
      {f.canHandle && (
        <CommitteeActions
          thread={f}
          onSaved={saved}
          onEscalated={() => {
            void queryClient.invalidateQueries({
              queryKey: ['feedback'],
              predicate: (q) => q.queryKey[1] !== 'thread',
            });
            setEscalated(f.title);
          }}
        />
      )}
    </Page>
  );
}

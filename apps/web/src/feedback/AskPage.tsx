import { Button, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { supportContactsQuery } from '../help/queries.ts';
import '../i18n/feedback.ts';
import { FEEDBACK_KINDS, type FeedbackKind, type FeedbackThread } from './parts.tsx';

/**
 * The unit above the member's chi bộ, for questions the chi ủy cannot settle. A member may not browse
 * the tree above their chi bộ: its id comes from their own unit, its name from the help contacts when
 * that unit lists any.
 */
function useParentUnit(orgId: string | undefined) {
  const unit = useQuery({
    queryKey: ['feedback', 'own-unit', orgId],
    queryFn: () => data(api.GET('/api/orgs/{id}', { params: { path: { id: orgId! } } })).then((r) => r.org),
    enabled: !!orgId,
    staleTime: 10 * 60_000,
  });
  const contacts = useQuery(supportContactsQuery);
  const parentId = unit.data?.parentId ?? null;
  const name = contacts.data?.items.find((c) => c.orgId === parentId)?.orgName ?? null;
  return parentId ? { id: parentId, name } : null;
}

type Errors = Partial<Record<'title' | 'body', string>>;

function AskForm({ onDone }: { onDone: (f: FeedbackThread) => void }) {
  const { t } = useTranslation('feedback');
  const me = useMe();
  const queryClient = useQueryClient();
  const parent = useParentUnit(me.member?.orgId);
  const [kind, setKind] = useState<FeedbackKind>('hoi_dap');
  const [to, setTo] = useState<'own' | 'parent'>('own');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const send = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/feedback', {
          body: {
            kind,
            title: title.trim(),
            body: body.trim(),
            orgId: to === 'parent' && parent ? parent.id : undefined,
          },
        }),
      ),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['feedback'] });
      onDone(r.feedback);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!title.trim()) next.title = t('ask.required.title');
    if (!body.trim()) next.body = t('ask.required.body');
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) {
      document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    send.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Radio.Group
          size="lg"
          label={t('ask.kind')}
          value={kind}
          onChange={(v) => setKind(v as FeedbackKind)}
        >
          <Stack gap={6} mt="xs">
            {FEEDBACK_KINDS.map((k) => (
              <Radio key={k} value={k} size="lg" label={t(`kind.${k}`)} description={t(`kindHelp.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          label={t('ask.to')}
          value={to}
          onChange={(v) => setTo(v === 'parent' ? 'parent' : 'own')}
        >
          <Stack gap={6} mt="xs">
            <Radio
              value="own"
              size="lg"
              label={t('ask.toOwn')}
              description={t('ask.toOwnHelp', { name: me.member?.orgName ?? '' })}
            />
            {parent && (
              <Radio
                value="parent"
                size="lg"
                label={t('ask.toParent')}
                description={
                  parent.name ? t('ask.toParentNamed', { name: parent.name }) : t('ask.toParentHelp')
                }
              />
            )}
          </Stack>
        </Radio.Group>
        <TextInput
          label={t('ask.subject')}
          description={t('ask.subjectHelp')}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setErrors((x) => ({ ...x, title: undefined }));
          }}
          error={errors.title}
          maxLength={200}
          data-field="title"
        />
        <Textarea
          label={t('ask.body')}
          description={t('ask.bodyHelp')}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setErrors((x) => ({ ...x, body: undefined }));
          }}
          error={errors.body}
          minRows={5}
          maxRows={14}
          data-field="body"
        />
        <ErrorAlert error={send.error} />
        <Button type="submit" loading={send.isPending} w="fit-content">
          {t('ask.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function AskPage() {
  const { t } = useTranslation('feedback');
  const me = useMe();
  const [sent, setSent] = useState<FeedbackThread | null>(null);
  return (
    <Page title={t('ask.title')}>
      {!me.member ? (
        <Text>{t('ask.noMember')}</Text>
      ) : sent ? (
        <Stack gap="md">
          <SuccessAlert title={t('ask.sent')}>
            <Text lang="vi">{sent.title}</Text>
          </SuccessAlert>
          <Group gap="sm">
            <Button renderRoot={(props) => <Link {...props} to="/feedback/$id" params={{ id: sent.id }} />}>
              {t('ask.open')}
            </Button>
            <Button variant="default" renderRoot={(props) => <Link {...props} to="/feedback" />}>
              {t('ask.toList')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          <Text size="lg">{t('ask.intro')}</Text>
          <AskForm onDone={setSent} />
        </>
      )}
    </Page>
  );
}

import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { Member } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { MemberFields } from '../components/MemberFields.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatPhone } from '../lib/format.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ContactForm({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [phone, setPhone] = useState(formatPhone(member.phone));
  const [email, setEmail] = useState(member.email ?? '');
  const [emailProblem, setEmailProblem] = useState<string>();
  const save = useMutation({
    mutationFn: () =>
      data(
        api.PATCH('/api/me/contact', {
          body: { phone: phone.trim() || null, email: email.trim() || null },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      onSaved();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const bad = email.trim() && !EMAIL.test(email.trim());
    setEmailProblem(bad ? t('profile.emailInvalid') : undefined);
    if (!bad) save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('fields.phone')}
          description={t('profile.phoneHelp')}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextInput
          label={t('fields.email')}
          description={t('profile.emailHelp')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          type="email"
          inputMode="email"
          autoComplete="email"
          error={emailProblem}
        />
        <ErrorAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('app.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Thông tin sơ lược: one's own record, with phone and e-mail editable. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [full, setFull] = useState<Member | null>(null);
  const reveal = useMutation({
    mutationFn: (id: string) => data(api.GET('/api/members/{id}', { params: { path: { id } } })),
    onSuccess: (r) => setFull(r.member),
  });
  if (!me.member) {
    return (
      <Page title={t('profile.title')}>
        <Text>{t('profile.noMember')}</Text>
      </Page>
    );
  }
  const member = full ? { ...me.member, cccd: full.cccd, cccdMasked: full.cccdMasked } : me.member;
  const memberId = me.member.id;
  return (
    <Page title={t('profile.title')}>
      <Text>{t('profile.help')}</Text>
      {saved && <SuccessAlert>{t('app.saved')}</SuccessAlert>}
      <ErrorAlert error={reveal.error} />
      <MemberFields
        member={member}
        onRevealCccd={() => reveal.mutate(memberId)}
        revealing={reveal.isPending}
        contactExtra={
          editing ? (
            <ContactForm
              member={me.member}
              onSaved={() => {
                setEditing(false);
                setSaved(true);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <Button
              variant="default"
              onClick={() => {
                setEditing(true);
                setSaved(false);
              }}
              w="fit-content"
            >
              {t('profile.editContact')}
            </Button>
          )
        }
      />
    </Page>
  );
}

import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { DeviceForm } from '../accounts/DeviceForm.tsx';
import { api, data } from '../api/client.ts';
import type { Member } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconCheck } from '../components/icons.tsx';
import { MemberFields } from '../components/MemberFields.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatDay, formatInstant, formatPhone } from '../lib/format.ts';

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

/** "Xác nhận thông tin đúng" (a basic function of proficiency, seed 003) or "Đề nghị sửa", at the top. */
function ConfirmProfile({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => data(api.POST('/api/me/profile/confirm')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
  const confirmedAt = member.profileConfirmedAt;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="confirm-title"
    >
      <Stack gap="md">
        <Title order={2} id="confirm-title">
          {t('confirm.title')}
        </Title>
        {confirmedAt ? (
          <SuccessAlert>{t('confirm.done', { date: formatDay(confirmedAt) })}</SuccessAlert>
        ) : (
          <Text>{t('confirm.text')}</Text>
        )}
        <ErrorAlert error={confirm.error} />
        <Group gap="sm">
          <Button
            onClick={() => confirm.mutate()}
            loading={confirm.isPending}
            leftSection={<IconCheck />}
            variant={confirmedAt ? 'default' : 'filled'}
            size="xl"
          >
            {confirmedAt ? t('confirm.again') : t('confirm.button')}
          </Button>
          <Button
            renderRoot={(props) => <Link {...props} to="/profile/corrections" />}
            variant="default"
            size="xl"
          >
            {t('confirm.correct')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** VNeID level and smartphone, declared by the member (the chi ủy may record them too). */
function OwnDevice({ member, onDone }: { member: Member; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  return (
    <DeviceForm
      device={member}
      info={member.deviceSetAt ? t('device.setAt', { at: formatInstant(member.deviceSetAt) }) : undefined}
      save={(body) => data(api.PATCH('/api/me/device', { body }))}
      onSaved={async () => {
        await queryClient.invalidateQueries({ queryKey: ['me'] });
        onDone();
      }}
    />
  );
}

/** Thông tin sơ lược: one's own record, with phone and e-mail editable. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('accounts');
  const me = useMe();
  const [editing, setEditing] = useState<'contact' | 'device' | null>(null);
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
      <ConfirmProfile member={me.member} />
      <Text>{t('profile.help')}</Text>
      {saved && <SuccessAlert>{t('app.saved')}</SuccessAlert>}
      <ErrorAlert error={reveal.error} />
      <MemberFields
        member={member}
        onRevealCccd={() => reveal.mutate(memberId)}
        revealing={reveal.isPending}
        contactExtra={
          editing === 'contact' ? (
            <ContactForm
              member={me.member}
              onSaved={() => {
                setEditing(null);
                setSaved(true);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : editing === 'device' ? (
            <Stack gap="sm">
              <OwnDevice member={me.member} onDone={() => undefined} />
              <Button variant="default" onClick={() => setEditing(null)} w="fit-content">
                {t('app.close')}
              </Button>
            </Stack>
          ) : (
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setEditing('contact');
                  setSaved(false);
                }}
              >
                {t('profile.editContact')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setEditing('device');
                  setSaved(false);
                }}
              >
                {ta('device.edit')}
              </Button>
            </Group>
          )
        }
      />
    </Page>
  );
}

import { Button, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/feedback.ts';
import { unitContactsQuery } from './queries.ts';

interface Row {
  key: number;
  fullName: string;
  role: string;
  phone: string;
}

const MAX = 20;
let nextKey = 1;
const row = (c?: { fullName: string; role: string; phone: string }): Row => ({
  key: nextKey++,
  fullName: c?.fullName ?? '',
  role: c?.role ?? '',
  phone: c?.phone ?? '',
});

function Editor({ orgId, initial }: { orgId: string; initial: Row[] }) {
  const { t } = useTranslation('feedback');
  const { t: tApp } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(initial.length ? initial : [row()]);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: (items: Row[]) =>
      data(
        api.PUT('/api/orgs/{id}/support-contacts', {
          params: { path: { id: orgId } },
          body: {
            items: items.map((r) => ({
              fullName: r.fullName.trim(),
              role: r.role.trim(),
              phone: r.phone.trim(),
            })),
          },
        }),
      ),
    onSuccess: (r) => {
      queryClient.setQueryData(unitContactsQuery(orgId).queryKey, r);
      void queryClient.invalidateQueries({ queryKey: ['support-contacts', 'mine'] });
    },
  });
  const update = (key: number, patch: Partial<Row>) => {
    save.reset();
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    // a row left wholly empty is dropped; a row half filled must be finished
    const filled = rows.filter((r) => r.fullName.trim() || r.role.trim() || r.phone.trim());
    const incomplete = filled.some((r) => !r.fullName.trim() || !r.role.trim() || !r.phone.trim());
    setMissing(incomplete);
    if (incomplete) return;
    save.mutate(filled);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {rows.map((r, i) => {
          const started = !!(r.fullName.trim() || r.role.trim() || r.phone.trim());
          const missingIn = (v: string) =>
            missing && started && !v.trim() ? t('contacts.missing') : undefined;
          return (
            <div key={r.key} className="sotay-box">
              <Stack gap="sm" component="fieldset" className="sotay-fieldset">
                <legend className="sotay-legend">{t('contacts.person', { n: i + 1 })}</legend>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={tApp('fields.fullName')}
                    value={r.fullName}
                    onChange={(e) => update(r.key, { fullName: e.currentTarget.value })}
                    maxLength={100}
                    error={missingIn(r.fullName)}
                  />
                  <TextInput
                    label={tApp('fields.phone')}
                    value={r.phone}
                    onChange={(e) => update(r.key, { phone: e.currentTarget.value })}
                    inputMode="tel"
                    autoComplete="off"
                    maxLength={30}
                    error={missingIn(r.phone)}
                  />
                </SimpleGrid>
                <TextInput
                  label={t('contacts.role')}
                  description={t('contacts.roleHelp')}
                  value={r.role}
                  onChange={(e) => update(r.key, { role: e.currentTarget.value })}
                  maxLength={200}
                  error={missingIn(r.role)}
                />
                <Button
                  variant="default"
                  w="fit-content"
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                >
                  {t('contacts.remove', { n: i + 1 })}
                </Button>
              </Stack>
            </div>
          );
        })}
        {!rows.length && <Text>{t('contacts.none')}</Text>}
        <Button
          variant="default"
          w="fit-content"
          disabled={rows.length >= MAX}
          onClick={() => setRows((rs) => [...rs, row()])}
        >
          {t('contacts.add')}
        </Button>
        {missing && (
          <Text c="var(--mantine-color-error)" fw={700} role="alert">
            {t('contacts.incomplete')}
          </Text>
        )}
        <ErrorAlert error={save.error} />
        {save.isSuccess && <SuccessAlert title={t('contacts.saved')} />}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('contacts.save')}
        </Button>
      </Stack>
    </form>
  );
}

function Contacts() {
  const { t } = useTranslation('feedback');
  const me = useMe();
  const own = me.roles.find((r) => r.role !== 'member')?.orgId ?? null;
  const [orgId, setOrgId] = useState<string | null>(own);
  const list = useQuery({ ...unitContactsQuery(orgId ?? ''), enabled: !!orgId });
  return (
    <Stack gap="lg">
      <Text size="lg">{t('contacts.intro')}</Text>
      <OrgSelect
        label={t('contacts.org')}
        value={orgId}
        onChange={(v) => v && setOrgId(v)}
        w={{ base: '100%', sm: '28rem' }}
      />
      <ErrorAlert error={list.error} />
      {list.isFetching && !list.data && <Skeleton h={200} />}
      {orgId && list.data && (
        <Editor key={orgId} orgId={orgId} initial={list.data.items.map((c) => row(c))} />
      )}
    </Stack>
  );
}

export function ContactsPage() {
  const { t } = useTranslation('feedback');
  return (
    <Page title={t('contacts.title')}>
      <RequireRole allow={isCommittee}>
        <Contacts />
      </RequireRole>
    </Page>
  );
}

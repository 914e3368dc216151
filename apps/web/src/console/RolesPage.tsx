import { Alert, Button, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { Member, Role, RoleAssignment } from '../api/types.ts';
import { canManageRoles, hasRole, useMe } from '../auth/session.ts';
import '../i18n/accounts.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { accountOfMember, accountsOf, useNamesOf, useRoles } from './accounts.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { RequireRole } from './RequireRole.tsx';

const GRANTABLE: Role[] = ['chi_uy', 'cap_uy', 'van_phong', 'admin'];

function AssignForm({ items }: { items: RoleAssignment[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [member, setMember] = useState<Member | null>(null);
  const [role, setRole] = useState<Role | null>('chi_uy');
  const [orgId, setOrgId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const found = useQuery({
    queryKey: ['members', { q: debounced, pageSize: 20 }],
    queryFn: () => data(api.GET('/api/members', { params: { query: { q: debounced, pageSize: 20 } } })),
    enabled: debounced.trim().length >= 2,
  });
  const account = member ? accountOfMember(accountsOf(items).values(), member) : null;
  const assign = useMutation({
    mutationFn: (body: { userId: string; role: Role; orgId: string }) =>
      data(api.POST('/api/roles', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!account || !role || !orgId) {
      setProblem(t('rolesPage.choosePerson'));
      return;
    }
    setProblem(undefined);
    assign.mutate({ userId: account.userId, role, orgId });
  }
  const options = (found.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.fullName} — ${m.orgName}`,
  }));
  if (member && !options.some((o) => o.value === member.id))
    options.unshift({ value: member.id, label: `${member.fullName} — ${member.orgName}` });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Select
          label={t('rolesPage.person')}
          description={t('rolesPage.personHelp')}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          data={options}
          value={member?.id ?? null}
          onChange={(id) => {
            const m = found.data?.items.find((x) => x.id === id) ?? null;
            setMember(m);
            if (m) setOrgId(m.orgId);
          }}
          nothingFoundMessage={debounced.trim().length >= 2 ? '—' : undefined}
          error={problem}
        />
        {member &&
          (account ? (
            <Text>{t('rolesPage.account', { username: account.username })}</Text>
          ) : (
            <Alert variant="outline" color="gray">
              {t('rolesPage.noAccount')}
            </Alert>
          ))}
        <Select
          label={t('rolesPage.role')}
          value={role}
          onChange={(v) => setRole(v as Role | null)}
          data={GRANTABLE.filter((r) => r !== 'admin' || hasRole(me, 'admin')).map((r) => ({
            value: r,
            label: t(`roles.${r}`),
          }))}
        />
        <OrgSelect label={t('rolesPage.org')} value={orgId} onChange={setOrgId} />
        <ErrorAlert error={assign.error} />
        {assign.isSuccess && <SuccessAlert>{t('rolesPage.assigned')}</SuccessAlert>}
        <Button type="submit" loading={assign.isPending} w="fit-content">
          {t('rolesPage.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Admins clear the second factor of someone who lost both the phone and the backup codes. */
function useTotpReset() {
  const { t } = useTranslation('accounts');
  const [target, setTarget] = useState<{ userId: string; name: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (userId: string) =>
      api.POST('/api/users/{id}/totp-reset', { params: { path: { id: userId } } }),
    onSuccess: () => {
      setDone(t('totpReset.done', { name: target?.name ?? '' }));
      setTarget(null);
    },
  });
  const dialog = (
    <ActionDialog
      open={!!target}
      title={t('totpReset.title', { name: target?.name ?? '' })}
      text={t('totpReset.text')}
      confirmLabel={t('totpReset.confirm')}
      cancelLabel={t('common.cancel')}
      onConfirm={() => target && reset.mutate(target.userId)}
      onClose={() => setTarget(null)}
      busy={reset.isPending}
      error={reset.error}
    />
  );
  const ask = (userId: string, name: string) => {
    setDone(null);
    reset.reset();
    setTarget({ userId, name });
  };
  return { dialog, ask, done };
}

/** The people holding roles above `member`, each with their roles (and, for admins, the second-factor reset). */
function CurrentRoles({ items }: { items: RoleAssignment[] }) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('accounts');
  const me = useMe();
  const queryClient = useQueryClient();
  const shown = items.filter((a) => a.role !== 'member');
  const names = useNamesOf([...new Set(shown.map((a) => a.username))]);
  const totp = useTotpReset();
  const [revoking, setRevoking] = useState<{ id: string; question: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.DELETE('/api/roles/{id}', { params: { path: { id } } }),
    onSuccess: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
  if (!shown.length) return <Text>{t('rolesPage.noRoles')}</Text>;
  const people = [...accountsOf(shown).values()];
  const admin = hasRole(me, 'admin');
  return (
    <Stack gap="sm">
      {revoke.isSuccess && <SuccessAlert>{t('rolesPage.revoked')}</SuccessAlert>}
      {totp.done && <SuccessAlert>{totp.done}</SuccessAlert>}
      <Stack component="ul" gap="xs" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {people.map((p) => {
          const name = names.get(p.username) ?? p.username;
          return (
            <li key={p.userId} className="sotay-list-row">
              <Stack gap="xs">
                <Stack gap={2}>
                  <Text fw={700} size="lg">
                    {name}
                  </Text>
                  {name !== p.username && (
                    <Text c="dimmed">{t('rolesPage.account', { username: p.username })}</Text>
                  )}
                </Stack>
                {p.assignments.map((a) => {
                  const vars = { role: t(`roles.${a.role}`), name, org: a.orgName };
                  return (
                    <Group key={a.id} justify="space-between" gap="sm" wrap="nowrap">
                      <Text>
                        {t(`roles.${a.role}`)} · {a.orgName}
                      </Text>
                      <Button
                        variant="default"
                        aria-label={t('rolesPage.revokeLabel', vars)}
                        loading={revoke.isPending && revoke.variables === a.id}
                        onClick={() => {
                          revoke.reset();
                          setRevoking({ id: a.id, question: t('rolesPage.confirmRevoke', vars) });
                        }}
                        style={{ flex: 'none' }}
                      >
                        {t('rolesPage.revoke')}
                      </Button>
                    </Group>
                  );
                })}
                {admin && p.userId !== me.user.id && (
                  <Button
                    variant="default"
                    w="fit-content"
                    aria-label={ta('totpReset.label', { name })}
                    onClick={() => totp.ask(p.userId, name)}
                  >
                    {ta('totpReset.action')}
                  </Button>
                )}
              </Stack>
            </li>
          );
        })}
      </Stack>
      {totp.dialog}
      <ActionDialog
        open={!!revoking}
        title={revoking?.question ?? ''}
        confirmLabel={t('rolesPage.revoke')}
        cancelLabel={t('app.cancel')}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
        busy={revoke.isPending}
        error={revoke.error}
      />
    </Stack>
  );
}

function Roles() {
  const { t } = useTranslation();
  const roles = useRoles();
  if (roles.error) return <ErrorAlert error={roles.error} />;
  if (!roles.data) return <Skeleton h={300} />;
  return (
    <>
      <Text>{t('rolesPage.intro')}</Text>
      <Section title={t('rolesPage.assign')}>
        <AssignForm items={roles.data.items} />
      </Section>
      <Section title={t('rolesPage.current')}>
        <CurrentRoles items={roles.data.items} />
      </Section>
    </>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('rolesPage.title')} wide>
      <RequireRole allow={canManageRoles}>
        <Roles />
      </RequireRole>
    </Page>
  );
}

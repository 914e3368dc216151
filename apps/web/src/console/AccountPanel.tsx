import { Alert, Anchor, Badge, Button, Code, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { api, data } from '../api/client.ts';
import type { AccountState, Member } from '../api/types.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { DataList } from '../components/DataList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatInstant } from '../lib/format.ts';
import { accountQuery } from './member-queries.ts';
import { type Slip, slipKey } from './slip.ts';

const STATES: AccountState[] = ['none', 'pending', 'active', 'locked', 'rejected', 'disabled'];
const stateOf = (s: string): AccountState =>
  STATES.includes(s as AccountState) ? (s as AccountState) : 'none';

/** "1234 5678": read aloud in two halves. */
export const groupCode = (code: string) => code.replace(/^(\d{4})(\d{4})$/, '$1 $2');

/** Tài khoản: the member's account as the chi ủy manages it (create + slip, reset code, lock). */
export function AccountPanel({ member }: { member: Member }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const account = useQuery(accountQuery(member.id));
  const key = accountQuery(member.id).queryKey;
  const [confirmLock, setConfirmLock] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: ['registrations'] }),
    ]);
  const showSlip = async (slip: Slip) => {
    queryClient.setQueryData(slipKey(member.id), slip);
    await navigate({ to: '/members/$memberId/slip', params: { memberId: member.id } });
  };
  const create = useMutation({
    mutationFn: () => data(api.POST('/api/members/{id}/account', { params: { path: { id: member.id } } })),
    onSuccess: async (r) => {
      await refresh();
      await showSlip({ kind: 'account', issuedAt: new Date().toISOString(), ...r.slip });
    },
  });
  const resetCode = useMutation({
    mutationFn: () => data(api.POST('/api/members/{id}/reset-code', { params: { path: { id: member.id } } })),
    onSuccess: () => setDone(null),
  });
  const lock = useMutation({
    mutationFn: (locked: boolean) =>
      data(
        api.POST(locked ? '/api/members/{id}/lock' : '/api/members/{id}/unlock', {
          params: { path: { id: member.id } },
        }),
      ),
    onSuccess: async (_r, locked) => {
      setConfirmLock(false);
      setDone(locked ? t('account.locked') : t('account.unlocked'));
      await refresh();
    },
  });

  if (account.error) return <ErrorAlert error={account.error} />;
  if (!account.data) return <Skeleton h={160} />;
  const a = account.data;
  const state = stateOf(a.state);
  const code = resetCode.data;
  return (
    <Section title={t('account.title')}>
      <DataList
        items={[
          {
            label: t('account.state'),
            value: (
              <Badge
                variant="outline"
                color="var(--mantine-color-text)"
                size="xl"
                radius="sm"
                tt="none"
                fw={700}
              >
                {t(`account.states.${state}`)}
              </Badge>
            ),
          },
          ...(a.username ? [{ label: t('account.username'), value: a.username }] : []),
          ...(state === 'active' || state === 'locked'
            ? [
                {
                  label: t('account.lastLogin'),
                  value: a.lastLoginAt ? formatInstant(a.lastLoginAt) : t('account.never'),
                },
                // only worth a line where it is on (committee accounts): members do not need it
                ...(a.totpEnabled ? [{ label: t('account.totp'), value: t('account.totpOn') }] : []),
              ]
            : []),
        ]}
      />
      {state === 'active' && a.mustChangePassword && <Text fw={700}>{t('account.mustChange')}</Text>}
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <ErrorAlert error={create.error ?? resetCode.error} />

      {(state === 'none' || state === 'pending' || state === 'rejected') && (
        <Stack gap="sm">
          {state === 'pending' && (
            <Alert variant="outline" color="gray">
              <Stack gap="xs">
                <Text>{t('account.pendingHelp')}</Text>
                <Anchor component={Link} to="/registrations" fw={700} className="sotay-link-target">
                  {t('account.toRegistrations')}
                </Anchor>
              </Stack>
            </Alert>
          )}
          <Text>{t('account.createHelp')}</Text>
          <Button onClick={() => create.mutate()} loading={create.isPending} w="fit-content">
            {t('account.create')}
          </Button>
        </Stack>
      )}

      {(state === 'active' || state === 'locked') && (
        <Stack gap="sm">
          <Text>{t('account.resetHelp')}</Text>
          <Button
            variant="default"
            onClick={() => resetCode.mutate()}
            loading={resetCode.isPending}
            w="fit-content"
          >
            {t('account.resetCode')}
          </Button>
          {code && (
            <Alert
              variant="outline"
              color="var(--sotay-success)"
              title={t('account.codeTitle')}
              role="status"
            >
              <Stack gap="xs">
                <Code fz="2rem" fw={700} data-testid="reset-code" style={{ letterSpacing: '0.08em' }}>
                  {groupCode(code.code)}
                </Code>
                <Text fw={700}>{t('account.codeExpires', { at: formatInstant(code.expiresAt) })}</Text>
                <Text>{t('account.codeOnce', { name: member.fullName })}</Text>
                <Text>{t('account.codeHowTo', { username: code.username })}</Text>
                <Button
                  variant="default"
                  w="fit-content"
                  onClick={() =>
                    void showSlip({
                      kind: 'reset',
                      issuedAt: new Date().toISOString(),
                      fullName: member.fullName,
                      orgName: member.orgName,
                      appUrl: window.location.origin,
                      ...code,
                    })
                  }
                >
                  {t('account.printCode')}
                </Button>
              </Stack>
            </Alert>
          )}
          <Group gap="sm">
            {state === 'active' ? (
              <Button variant="default" onClick={() => setConfirmLock(true)}>
                {t('account.lock')}
              </Button>
            ) : (
              <Button variant="default" onClick={() => lock.mutate(false)} loading={lock.isPending}>
                {t('account.unlock')}
              </Button>
            )}
          </Group>
          {state === 'locked' && <ErrorAlert error={lock.error} />}
        </Stack>
      )}
      {state === 'disabled' && <Text>{t('account.disabledHelp')}</Text>}
      <ActionDialog
        open={confirmLock}
        title={t('account.lockTitle', { name: member.fullName })}
        text={t('account.lockText')}
        confirmLabel={t('account.lock')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => lock.mutate(true)}
        onClose={() => setConfirmLock(false)}
        busy={lock.isPending}
        error={lock.error}
      />
    </Section>
  );
}

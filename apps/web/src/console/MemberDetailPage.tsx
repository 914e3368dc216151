import { Button, List, Select, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { Member, MemberStatus } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { MemberFields } from '../components/MemberFields.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatDate, formatInstant } from '../lib/format.ts';
import { AccountPanel } from './AccountPanel.tsx';
import { DevicePanel } from './DevicePanel.tsx';
import { accountQuery, deviceQuery } from './member-queries.ts';
import { MEMBER_STATUSES } from './members-search.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { RequireRole } from './RequireRole.tsx';

function useMemberUpdated(id: string) {
  const queryClient = useQueryClient();
  return async (member: Member) => {
    queryClient.setQueryData(['member', id], { member });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['member', id, 'history'] }),
      queryClient.invalidateQueries({ queryKey: ['members'] }),
      queryClient.invalidateQueries({ queryKey: ['orgs'] }),
    ]);
  };
}

function StatusForm({ member }: { member: Member }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const updated = useMemberUpdated(member.id);
  const save = useMutation({
    mutationFn: (next: MemberStatus) =>
      data(
        api.POST('/api/members/{id}/status', {
          params: { path: { id: member.id } },
          body: { status: next, reason: reason.trim() || null },
        }),
      ),
    onSuccess: async (r) => {
      setStatus(null);
      setReason('');
      await updated(r.member);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!status || status === member.status) {
      setProblem(t('member.sameStatus'));
      return;
    }
    setProblem(undefined);
    save.mutate(status);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Select
          label={t('member.newStatus')}
          value={status}
          onChange={(v) => setStatus(v as MemberStatus | null)}
          data={MEMBER_STATUSES.filter((s) => s !== member.status).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
          error={problem}
        />
        <Textarea
          label={t('member.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('member.statusSaved')}</SuccessAlert>}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('member.saveStatus')}
        </Button>
      </Stack>
    </form>
  );
}

function TransferForm({ member }: { member: Member }) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const updated = useMemberUpdated(member.id);
  const save = useMutation({
    mutationFn: (target: string) =>
      data(
        api.POST('/api/members/{id}/transfer', {
          params: { path: { id: member.id } },
          body: { orgId: target, reason: reason.trim() || null },
        }),
      ),
    onSuccess: async (r) => {
      setOrgId(null);
      setReason('');
      await updated(r.member);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!orgId) {
      setProblem(t('member.chooseOrg'));
      return;
    }
    setProblem(undefined);
    save.mutate(orgId);
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('member.transferHelp')}</Text>
        <OrgSelect
          label={t('member.transferTo')}
          value={orgId}
          onChange={setOrgId}
          only={(o) =>
            o.id !== member.orgId && !o.closedAt && (o.kind === 'chi_bo' || o.kind === 'chi_bo_co_so')
          }
          error={problem}
        />
        <Textarea
          label={t('member.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('member.transferred')}</SuccessAlert>}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('member.doTransfer')}
        </Button>
      </Stack>
    </form>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['member', id, 'history'],
    queryFn: () => data(api.GET('/api/members/{id}/history', { params: { path: { id } } })),
  });
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data) return <Skeleton h={80} />;
  return (
    <Stack gap="md">
      <Text fw={700}>{t('member.statusHistory')}</Text>
      <List spacing="xs">
        {history.data.status.map((s) => (
          <List.Item key={`${s.at}-${s.status}`}>
            {formatInstant(s.at)}: {t(`status.${s.status as MemberStatus}`, { defaultValue: s.status })}
            {s.reason ? ` — ${s.reason}` : ''}
          </List.Item>
        ))}
      </List>
      <Text fw={700}>{t('member.orgHistory')}</Text>
      <List spacing="xs">
        {history.data.orgs.map((o) => (
          <List.Item key={`${o.validFrom}-${o.orgId}`}>
            {o.orgName}:{' '}
            {t('member.range', {
              from: formatDate(o.validFrom),
              to: o.validTo ? formatDate(o.validTo) : t('member.now'),
            })}
            {o.reason ? ` — ${o.reason}` : ''}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function MemberDetail({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const member = useMemberQuery(memberId);
  // fetched with the record, so the page appears once, without sections pushing the forms down as they arrive
  const account = useQuery(accountQuery(memberId));
  const device = useQuery(deviceQuery(memberId));
  if (member.error) return <ErrorAlert error={member.error} />;
  if (!member.data || account.isPending || device.isPending) return <Skeleton h={300} />;
  const m = member.data.member;
  return (
    <>
      <MemberFields member={m} />
      <AccountPanel member={m} />
      <DevicePanel member={m} />
      <Section title={t('member.changeStatus')}>
        <StatusForm member={m} />
      </Section>
      <Section title={t('member.transfer')}>
        <TransferForm member={m} />
      </Section>
      <Section title={t('member.history')}>
        <History id={memberId} />
      </Section>
    </>
  );
}

const useMemberQuery = (id: string) =>
  useQuery({
    queryKey: ['member', id],
    queryFn: () => data(api.GET('/api/members/{id}', { params: { path: { id } } })),
  });

/** One member's record: the name is the page's heading. */
export function MemberDetailPage() {
  const { t } = useTranslation();
  const { memberId } = useParams({ from: '/members/$memberId' });
  const name = useMemberQuery(memberId).data?.member.fullName;
  return (
    <Page title={name ?? t('member.title')}>
      <RequireRole allow={isCommittee}>
        <MemberDetail memberId={memberId} />
      </RequireRole>
    </Page>
  );
}

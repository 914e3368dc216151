import { Anchor, Button, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { ChangeList } from '../accounts/ChangeList.tsx';
import { api, data } from '../api/client.ts';
import type { Correction } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatInstant } from '../lib/format.ts';
import { pendingCorrectionsQuery } from './pending.ts';
import { RequireRole } from './RequireRole.tsx';

function CorrectionRow({
  c,
  onApprove,
  onReject,
  approving,
}: {
  c: Correction;
  onApprove: () => void;
  onReject: () => void;
  approving: boolean;
}) {
  const { t } = useTranslation('accounts');
  const name = c.fullName ?? '';
  return (
    <li className="sotay-box">
      <Stack gap="sm">
        <Stack gap={2}>
          <Text fw={700} size="xl" component="h2" m={0} lh={1.3}>
            {name}
          </Text>
          <Text>
            {c.orgName} · {t('common.sentAt', { at: formatInstant(c.createdAt) })}
          </Text>
        </Stack>
        <ChangeList changes={c.changes} />
        {c.note && <Text>{t('corrections.memberNote', { note: c.note })}</Text>}
        <Group gap="sm">
          <Button
            onClick={onApprove}
            loading={approving}
            aria-label={t('corrections.approveLabel', { name })}
          >
            {t('corrections.approve')}
          </Button>
          <Button variant="default" onClick={onReject} aria-label={t('corrections.rejectLabel', { name })}>
            {t('corrections.reject')}
          </Button>
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/members/$memberId" params={{ memberId: c.memberId }} />
            )}
            fw={700}
            className="sotay-link-target"
            aria-label={t('common.viewRecordLabel', { name })}
          >
            {t('common.viewRecord')}
          </Anchor>
        </Group>
      </Stack>
    </li>
  );
}

function Corrections() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const list = useQuery(pendingCorrectionsQuery);
  const [done, setDone] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Correction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string>();
  const refresh = (memberId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['corrections'] }),
      queryClient.invalidateQueries({ queryKey: ['member', memberId] }),
      queryClient.invalidateQueries({ queryKey: ['members'] }),
    ]);
  const approve = useMutation({
    mutationFn: (c: Correction) =>
      data(api.POST('/api/corrections/{id}/approve', { params: { path: { id: c.id } } })),
    onSuccess: async (_r, c) => {
      setDone(t('corrections.approved', { name: c.fullName ?? '' }));
      await refresh(c.memberId);
    },
  });
  const reject = useMutation({
    mutationFn: ({ c, why }: { c: Correction; why: string }) =>
      data(
        api.POST('/api/corrections/{id}/reject', { params: { path: { id: c.id } }, body: { reason: why } }),
      ),
    onSuccess: async (_r, { c }) => {
      setDone(t('corrections.rejected', { name: c.fullName ?? '' }));
      setRejecting(null);
      await refresh(c.memberId);
    },
  });
  function confirmReject() {
    if (!rejecting) return;
    if (reason.trim().length < 3) {
      setReasonProblem(t('common.reasonTooShort'));
      return;
    }
    reject.mutate({ c: rejecting, why: reason.trim() });
  }
  return (
    <Stack gap="md">
      <Text>{t('corrections.reviewIntro')}</Text>
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <ErrorAlert error={list.error ?? approve.error} />
      {list.isPending && <Skeleton h={200} />}
      {list.data?.items.length === 0 && <Text fw={700}>{t('corrections.none')}</Text>}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.data?.items.map((c) => (
          <CorrectionRow
            key={c.id}
            c={c}
            approving={approve.isPending && approve.variables?.id === c.id}
            onApprove={() => {
              setDone(null);
              approve.mutate(c);
            }}
            onReject={() => {
              setDone(null);
              setReason('');
              setReasonProblem(undefined);
              reject.reset();
              setRejecting(c);
            }}
          />
        ))}
      </Stack>
      <ActionDialog
        open={!!rejecting}
        title={t('corrections.rejectTitle', { name: rejecting?.fullName ?? '' })}
        confirmLabel={t('corrections.rejectSubmit')}
        cancelLabel={t('common.cancel')}
        onConfirm={confirmReject}
        onClose={() => setRejecting(null)}
        busy={reject.isPending}
        error={reject.error}
      >
        <Textarea
          label={t('corrections.rejectReason')}
          description={t('corrections.rejectHelp')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setReasonProblem(undefined);
          }}
          error={reasonProblem}
          minRows={3}
          maxLength={500}
        />
      </ActionDialog>
    </Stack>
  );
}

/** Đề nghị sửa thông tin: members' requests to correct their Party record, for the chi ủy to decide. */
export function CorrectionsPage() {
  const { t } = useTranslation('accounts');
  return (
    <Page title={t('corrections.title')} wide>
      <RequireRole allow={isCommittee}>
        <Corrections />
      </RequireRole>
    </Page>
  );
}

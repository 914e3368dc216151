import { Alert, Anchor, Button, Group, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { api, data } from '../api/client.ts';
import type { Registration } from '../api/types.ts';
import { isCommittee } from '../auth/session.ts';
import { ActionDialog } from '../components/ActionDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { formatInstant, formatPhone } from '../lib/format.ts';
import { pendingRegistrationsQuery } from './pending.ts';
import { RequireRole } from './RequireRole.tsx';

type Outcome =
  | { kind: 'approved'; name: string; phone: string; warning: string | null }
  | { kind: 'rejected'; name: string };

function RegistrationRow({
  r,
  onApprove,
  onReject,
  approving,
}: {
  r: Registration;
  onApprove: () => void;
  onReject: () => void;
  approving: boolean;
}) {
  const { t } = useTranslation('accounts');
  return (
    <li className="sotay-box">
      <Stack gap="xs">
        <Text fw={700} size="xl" component="h2" m={0} lh={1.3}>
          {r.fullName}
        </Text>
        <Text>{r.orgName}</Text>
        <dl className="sotay-dl">
          <dt>{t('registrations.phone')}</dt>
          <dd>{formatPhone(r.phone)}</dd>
          {r.partyCardNumber && (
            <>
              <dt>{t('registrations.card')}</dt>
              <dd>{r.partyCardNumber}</dd>
            </>
          )}
          <dt>{t('registrations.sentAt')}</dt>
          <dd>{formatInstant(r.createdAt)}</dd>
        </dl>
        <Group gap="sm">
          <Button
            onClick={onApprove}
            loading={approving}
            aria-label={t('registrations.approveLabel', { name: r.fullName })}
          >
            {t('registrations.approve')}
          </Button>
          <Button
            variant="default"
            onClick={onReject}
            aria-label={t('registrations.rejectLabel', { name: r.fullName })}
          >
            {t('registrations.reject')}
          </Button>
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/members/$memberId" params={{ memberId: r.memberId }} />
            )}
            fw={700}
            className="sotay-link-target"
            aria-label={t('common.viewRecordLabel', { name: r.fullName })}
          >
            {t('common.viewRecord')}
          </Anchor>
        </Group>
      </Stack>
    </li>
  );
}

function Registrations() {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const list = useQuery(pendingRegistrationsQuery);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['registrations'] });
  const approve = useMutation({
    mutationFn: (r: Registration) =>
      data(api.POST('/api/registrations/{id}/approve', { params: { path: { id: r.id } } })),
    onSuccess: async (res, r) => {
      setOutcome({ kind: 'approved', name: r.fullName, phone: r.phone, warning: res.warning ?? null });
      await refresh();
    },
  });
  const reject = useMutation({
    mutationFn: ({ r, why }: { r: Registration; why: string }) =>
      data(
        api.POST('/api/registrations/{id}/reject', { params: { path: { id: r.id } }, body: { reason: why } }),
      ),
    onSuccess: async (_res, { r }) => {
      setOutcome({ kind: 'rejected', name: r.fullName });
      setRejecting(null);
      await refresh();
    },
  });

  function confirmReject() {
    if (!rejecting) return;
    if (reason.trim().length < 3) {
      setReasonProblem(t('common.reasonTooShort'));
      return;
    }
    reject.mutate({ r: rejecting, why: reason.trim() });
  }

  return (
    <Stack gap="md">
      <Text>{t('registrations.intro')}</Text>
      {outcome?.kind === 'approved' && (
        <SuccessAlert title={t('registrations.approved', { name: outcome.name })}>
          {!outcome.warning && t('registrations.approvedLogin', { phone: formatPhone(outcome.phone) })}
        </SuccessAlert>
      )}
      {outcome?.kind === 'approved' && outcome.warning && (
        <Alert
          variant="outline"
          color="red"
          icon={<IconAlert />}
          title={t('registrations.warningTitle')}
          role="alert"
        >
          {outcome.warning}
        </Alert>
      )}
      {outcome?.kind === 'rejected' && (
        <SuccessAlert>{t('registrations.rejected', { name: outcome.name })}</SuccessAlert>
      )}
      <ErrorAlert error={list.error ?? approve.error} />
      {list.isPending && <Skeleton h={200} />}
      {list.data && (
        <Text fw={700} role="status">
          {list.data.items.length
            ? t('registrations.count', { count: list.data.items.length })
            : t('registrations.none')}
        </Text>
      )}
      <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.data?.items.map((r) => (
          <RegistrationRow
            key={r.id}
            r={r}
            approving={approve.isPending && approve.variables?.id === r.id}
            onApprove={() => {
              setOutcome(null);
              approve.mutate(r);
            }}
            onReject={() => {
              setOutcome(null);
              setReason('');
              setReasonProblem(undefined);
              reject.reset();
              setRejecting(r);
            }}
          />
        ))}
      </Stack>
      <ActionDialog
        open={!!rejecting}
        title={t('registrations.rejectTitle', { name: rejecting?.fullName ?? '' })}
        confirmLabel={t('registrations.rejectSubmit')}
        cancelLabel={t('common.cancel')}
        onConfirm={confirmReject}
        onClose={() => setRejecting(null)}
        busy={reject.isPending}
        error={reject.error}
      >
        <Textarea
          label={t('registrations.rejectReason')}
          description={t('registrations.rejectHelp')}
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

/** Duyệt đăng ký: self-registrations waiting in the chi ủy's scope. */
export function RegistrationsPage() {
  const { t } = useTranslation('accounts');
  return (
    <Page title={t('registrations.title')} wide>
      <RequireRole allow={isCommittee}>
        <Registrations />
      </RequireRole>
    </Page>
  );
}

import '@mantine/core/styles/Checkbox.css';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Radio,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/accounts.ts';
import { api, data } from '../api/client.ts';
import type { CorrectionRequest, Member } from '../api/types.ts';
import { useMe } from '../auth/session.ts';
import { DateFields } from '../components/DateFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { type DateParts, digits, isoOf, partsOf } from '../lib/dates.ts';
import { formatInstant } from '../lib/format.ts';
import { ChangeList } from './ChangeList.tsx';
import { DATE_FIELDS, OPTIONAL_FIELDS, RECORD_FIELDS, type RecordField, showValue } from './record-fields.ts';

const myCorrectionsKey = ['me', 'corrections'];

type Values = Partial<Record<RecordField, string>>;
type Dates = Partial<Record<RecordField, DateParts>>;

/** What the member's record holds now, as the form starts from (a masked CCCD is not a starting point). */
function currentOf(m: Member, f: RecordField): string {
  if (f === 'cccd' && m.cccdMasked) return '';
  return m[f] ?? '';
}

function RequestForm({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<RecordField[]>([]);
  const [values, setValues] = useState<Values>({});
  const [dates, setDates] = useState<Dates>({});
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Partial<Record<RecordField | 'choose', string>>>({});
  const send = useMutation({
    mutationFn: (changes: Partial<Record<RecordField, string | null>>) =>
      // required fields (name, dates, numbers, gender) were checked above and are never null here
      data(
        api.POST('/api/me/corrections', {
          body: { changes: changes as CorrectionRequest['changes'], note: note.trim() || null },
        }),
      ),
    onSuccess: async () => {
      setChosen([]);
      setValues({});
      setDates({});
      setNote('');
      await queryClient.invalidateQueries({ queryKey: myCorrectionsKey });
    },
  });

  function toggle(f: RecordField, on: boolean) {
    send.reset();
    setProblems((p) => ({ ...p, [f]: undefined, choose: undefined }));
    if (!on) return setChosen((c) => c.filter((x) => x !== f));
    setChosen((c) => RECORD_FIELDS.filter((x) => x === f || c.includes(x)));
    if (DATE_FIELDS.has(f)) setDates((d) => ({ ...d, [f]: partsOf(member[f]) }));
    else setValues((v) => ({ ...v, [f]: currentOf(member, f) }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof problems = {};
    const changes: Partial<Record<RecordField, string | null>> = {};
    if (!chosen.length) found.choose = ta('corrections.chooseOne');
    for (const f of chosen) {
      const label = t(`fields.${f}`).toLowerCase();
      let value: string | null;
      if (DATE_FIELDS.has(f)) {
        const r = isoOf(dates[f] ?? partsOf(null));
        if ('problem' in r) {
          found[f] = ta('corrections.dateInvalid');
          continue;
        }
        value = r.iso;
      } else if (f === 'cccd' || f === 'partyCardNumber') {
        value = digits(values[f] ?? '');
        const ok = f === 'cccd' ? /^(\d{9}|\d{12})$/.test(value) : /^\d{6,12}$/.test(value);
        if (!ok) {
          found[f] = ta(f === 'cccd' ? 'corrections.cccdInvalid' : 'corrections.cardInvalid');
          continue;
        }
      } else {
        value = (values[f] ?? '').trim() || null;
        if (!value && !OPTIONAL_FIELDS.has(f)) {
          found[f] = ta('corrections.required', { field: label });
          continue;
        }
      }
      if (value === (member[f] ?? null)) found[f] = ta('corrections.unchanged');
      else changes[f] = value;
    }
    setProblems(found);
    if (Object.values(found).some(Boolean)) return;
    send.mutate(changes);
  }

  const input = (f: RecordField) => {
    const label = ta('corrections.correctValue', { field: t(`fields.${f}`) });
    if (DATE_FIELDS.has(f))
      return (
        <DateFields
          legend={label}
          value={dates[f] ?? partsOf(null)}
          onChange={(next) => setDates((d) => ({ ...d, [f]: next }))}
          error={problems[f]}
        />
      );
    if (f === 'gender')
      return (
        <Radio.Group
          size="lg"
          label={label}
          value={values.gender ?? ''}
          onChange={(v) => setValues((x) => ({ ...x, gender: v }))}
          error={problems.gender}
        >
          <Group gap="lg" mt="xs">
            <Radio value="nam" size="lg" label={t('gender.nam')} />
            <Radio value="nu" size="lg" label={t('gender.nu')} />
          </Group>
        </Radio.Group>
      );
    const numeric = f === 'cccd' || f === 'partyCardNumber';
    return (
      <TextInput
        label={label}
        value={values[f] ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setValues((x) => ({ ...x, [f]: v }));
        }}
        error={problems[f]}
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="off"
        maxLength={200}
      />
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Checkbox.Group
          size="lg"
          label={ta('corrections.choose')}
          value={chosen}
          error={problems.choose}
          onChange={(next) => {
            const added = next.find((f) => !chosen.includes(f as RecordField));
            const removed = chosen.find((f) => !next.includes(f));
            if (added) toggle(added as RecordField, true);
            if (removed) toggle(removed, false);
          }}
        >
          <Stack gap="sm" mt="xs">
            {RECORD_FIELDS.map((f) => {
              const now = showValue(f, currentOf(member, f) || (f === 'cccd' ? member.cccd : null), t);
              return (
                <Stack key={f} gap="xs">
                  <Checkbox
                    value={f}
                    size="lg"
                    label={t(`fields.${f}`)}
                    description={ta('corrections.current', { value: now || ta('common.empty') })}
                  />
                  {chosen.includes(f) && <div className="sotay-indent">{input(f)}</div>}
                </Stack>
              );
            })}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={ta('corrections.note')}
          description={ta('corrections.noteHelp')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
        />
        <ErrorAlert error={send.error} />
        {send.isSuccess && <SuccessAlert>{ta('corrections.sent')}</SuccessAlert>}
        <Button type="submit" loading={send.isPending} w="fit-content">
          {ta('corrections.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function MyRequests() {
  const { t } = useTranslation('accounts');
  const list = useQuery({
    queryKey: myCorrectionsKey,
    queryFn: () => data(api.GET('/api/me/corrections')),
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={120} />;
  if (!list.data.items.length) return <Text>{t('corrections.mineNone')}</Text>;
  return (
    <Stack component="ul" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {list.data.items.map((c) => {
        const status = (['pending', 'approved', 'rejected', 'superseded'] as const).find(
          (s) => s === c.status,
        );
        return (
          <li key={c.id} className="sotay-box">
            <Stack gap="xs">
              <Group gap="sm" justify="space-between">
                <Text>{t('common.sentAt', { at: formatInstant(c.createdAt) })}</Text>
                <Badge
                  variant={c.status === 'pending' ? 'outline' : 'filled'}
                  color={c.status === 'rejected' ? 'red' : 'var(--mantine-color-text)'}
                  size="lg"
                  radius="sm"
                  tt="none"
                >
                  {status ? t(`corrections.status.${status}`) : c.status}
                </Badge>
              </Group>
              <ChangeList changes={c.changes} status={c.status} />
              {c.reason && <Text fw={700}>{t('corrections.reason', { reason: c.reason })}</Text>}
            </Stack>
          </li>
        );
      })}
    </Stack>
  );
}

/** Đề nghị sửa: the member asks for corrections to their Party record; the chi ủy approves them. */
export function CorrectionRequestPage() {
  const { t } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('corrections.title')}>
      {me.member ? (
        <>
          <Text size="lg">{t('corrections.intro')}</Text>
          <Section title={t('corrections.new')}>
            <RequestForm member={me.member} />
          </Section>
          <Section title={t('corrections.mine')}>
            <MyRequests />
          </Section>
        </>
      ) : (
        <Text>{tc('profile.noMember')}</Text>
      )}
    </Page>
  );
}

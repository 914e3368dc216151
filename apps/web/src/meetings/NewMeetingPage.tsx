import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n/meetings.ts';
import './meetings.css';
import { api, data } from '../api/client.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { DateFields } from '../components/DateFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconSearch } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { RequireRole } from '../console/RequireRole.tsx';
import { type DateParts, isoOf } from '../lib/dates.ts';
import { MEETING_KINDS, type MeetingKind, type NewMeeting, refreshMeetings } from './api.ts';
import { instantOf, isoDayOf, normalTime } from './format.ts';

interface Chosen {
  id: string;
  number: string | null;
  title: string;
}

const label = (d: Chosen) => [d.number, d.title].filter(Boolean).join(' — ');

/** Documents of the library to read before the meeting: search, add, remove. */
function Materials({ chosen, onChange }: { chosen: Chosen[]; onChange: (next: Chosen[]) => void }) {
  const { t } = useTranslation('meetings');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: ['documents', 'pick', q],
    queryFn: () =>
      data(
        api.GET('/api/documents', {
          params: { query: { q: q || undefined, status: 'published', pageSize: 6 } },
        }),
      ),
  });
  const taken = new Set(chosen.map((d) => d.id));
  return (
    <Stack gap="sm">
      {chosen.length === 0 ? (
        <Text>{t('create.noMaterials')}</Text>
      ) : (
        <Stack component="ol" gap="xs" m={0} pl="lg">
          {chosen.map((d) => (
            <li key={d.id}>
              <Group gap="sm" justify="space-between" wrap="nowrap">
                <Text>{label(d)}</Text>
                <Button
                  variant="default"
                  aria-label={t('create.removeDocumentLabel', { title: d.title })}
                  onClick={() => onChange(chosen.filter((x) => x.id !== d.id))}
                >
                  {t('create.removeDocument')}
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <TextInput
        label={t('create.documentSearch')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={<IconSearch size="1.1em" />}
        type="search"
      />
      <ErrorAlert error={found.error} />
      {found.data?.items.length === 0 && <Text>{t('create.noDocumentFound')}</Text>}
      <Stack component="ul" gap="xs" className="sotay-plain-list">
        {found.data?.items
          .filter((d) => !taken.has(d.id))
          .map((d) => (
            <li key={d.id} className="sotay-box">
              <Group gap="sm" justify="space-between" wrap="nowrap">
                <Text>{label(d)}</Text>
                <Button
                  variant="default"
                  aria-label={t('create.addDocumentLabel', { title: d.title })}
                  onClick={() => onChange([...chosen, { id: d.id, number: d.number, title: d.title }])}
                >
                  {t('create.addDocument')}
                </Button>
              </Group>
            </li>
          ))}
      </Stack>
    </Stack>
  );
}

const todayParts = (): DateParts => {
  const [year, month, day] = isoDayOf(new Date().toISOString()).split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
};

type Errors = Partial<Record<'orgId' | 'title' | 'date' | 'startTime' | 'endTime' | 'onlineUrl', string>>;

function Form() {
  const { t } = useTranslation('meetings');
  const me = useMe();
  const navigate = useNavigate();
  const own = me.roles.find((r) => r.role === 'chi_uy') ?? me.roles.find((r) => r.role !== 'member');
  const [orgId, setOrgId] = useState<string | null>(own?.orgId ?? null);
  const [kind, setKind] = useState<MeetingKind>('dinh_ky');
  const [title, setTitle] = useState(t('create.defaultName'));
  const [date, setDate] = useState<DateParts>(todayParts);
  const [startTime, setStartTime] = useState('19:30');
  const [endTime, setEndTime] = useState('');
  const [location, setLocation] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [agenda, setAgenda] = useState<string[]>(['']);
  const [chair, setChair] = useState<string | null>(null);
  const [secretary, setSecretary] = useState<string | null>(null);
  const [materials, setMaterials] = useState<Chosen[]>([]);
  const [repeat, setRepeat] = useState(false);
  const [months, setMonths] = useState<number | string>(3);
  const [errors, setErrors] = useState<Errors>({});
  const people = useQuery({
    queryKey: ['members', 'of', orgId],
    queryFn: () => data(api.GET('/api/members', { params: { query: { orgId: orgId!, pageSize: 200 } } })),
    enabled: !!orgId,
  });
  const peopleOptions = (people.data?.items ?? [])
    .filter((p) => p.status === 'chinh_thuc' || p.status === 'du_bi')
    .map((p) => ({ value: p.id, label: p.fullName }));
  const create = useMutation({
    mutationFn: (body: NewMeeting) => data(api.POST('/api/meetings', { body })),
    onSuccess: async (r) => {
      await refreshMeetings();
      await navigate({ to: '/meetings/$id', params: { id: r.meeting.id } });
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!orgId) next.orgId = t('create.unitRequired');
    if (!title.trim()) next.title = t('create.nameRequired');
    const day = isoOf(date);
    if ('problem' in day)
      next.date = t(day.problem === 'missing' ? 'create.dateMissing' : 'create.dateInvalid');
    const start = normalTime(startTime);
    if (!start) next.startTime = t('create.timeInvalid');
    const end = endTime.trim() ? normalTime(endTime) : null;
    if (endTime.trim() && !end) next.endTime = t('create.timeInvalid');
    else if (end && start && end <= start) next.endTime = t('create.endBeforeStart');
    if (onlineUrl.trim() && !/^https?:\/\/\S+$/.test(onlineUrl.trim()))
      next.onlineUrl = t('create.urlInvalid');
    setErrors(next);
    if (Object.keys(next).length || 'problem' in day || !start || !orgId) {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    create.mutate({
      orgId,
      kind,
      title: title.trim(),
      startsAt: instantOf(day.iso, start),
      endsAt: end ? instantOf(day.iso, end) : null,
      location: location.trim() || null,
      onlineUrl: onlineUrl.trim() || null,
      agenda: agenda.map((a) => a.trim()).filter(Boolean),
      chairMemberId: chair,
      secretaryMemberId: secretary,
      documentIds: materials.map((d) => d.id),
      repeatMonthly: repeat ? Math.min(12, Math.max(1, Number(months) || 1)) : 0,
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Section title={t('create.basics')}>
          <OrgSelect
            label={t('create.unit')}
            description={t('create.invitedNote')}
            value={orgId}
            onChange={(v) => {
              setOrgId(v);
              setChair(null);
              setSecretary(null);
            }}
            error={errors.orgId}
          />
          <Select
            label={t('create.kind')}
            value={kind}
            onChange={(v) => v && setKind(v as MeetingKind)}
            data={MEETING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextInput
            label={t('create.name')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            maxLength={300}
          />
          <DateFields legend={t('create.date')} value={date} onChange={setDate} error={errors.date} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label={t('create.startTime')}
              description={t('create.timeHelp')}
              value={startTime}
              onChange={(e) => setStartTime(e.currentTarget.value)}
              error={errors.startTime}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
            />
            <TextInput
              label={t('create.endTime')}
              description={t('create.timeHelp')}
              value={endTime}
              onChange={(e) => setEndTime(e.currentTarget.value)}
              error={errors.endTime}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
            />
          </SimpleGrid>
        </Section>
        <Section title={t('create.where')}>
          <TextInput
            label={t('create.location')}
            description={t('create.locationHelp')}
            value={location}
            onChange={(e) => setLocation(e.currentTarget.value)}
            maxLength={300}
          />
          <TextInput
            label={t('create.onlineUrl')}
            value={onlineUrl}
            onChange={(e) => setOnlineUrl(e.currentTarget.value)}
            error={errors.onlineUrl}
            type="url"
            inputMode="url"
            maxLength={500}
          />
        </Section>
        <Section title={t('create.agenda')}>
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {agenda.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only added at the end or removed by position
              <li key={i}>
                <Group gap="sm" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t('create.agendaItem', { n: i + 1 })}
                    value={item}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setAgenda((a) => a.map((x, k) => (k === i ? v : x)));
                    }}
                    maxLength={500}
                    style={{ flex: 1 }}
                  />
                  {agenda.length > 1 && (
                    <Button
                      variant="default"
                      aria-label={t('create.removeAgendaLabel', { n: i + 1 })}
                      onClick={() => setAgenda((a) => a.filter((_, k) => k !== i))}
                    >
                      {t('create.removeAgenda')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
          {agenda.length < 30 && (
            <Button variant="default" w="fit-content" onClick={() => setAgenda((a) => [...a, ''])}>
              {t('create.addAgenda')}
            </Button>
          )}
        </Section>
        <Section title={t('create.people')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('create.chair')}
              placeholder={t('create.pickMember')}
              data={peopleOptions}
              value={chair}
              onChange={setChair}
              searchable
              clearable
              allowDeselect
              nothingFoundMessage="—"
            />
            <Select
              label={t('create.secretary')}
              placeholder={t('create.pickMember')}
              data={peopleOptions}
              value={secretary}
              onChange={setSecretary}
              searchable
              clearable
              allowDeselect
              nothingFoundMessage="—"
            />
          </SimpleGrid>
        </Section>
        <Section title={t('create.materials')}>
          <Materials chosen={materials} onChange={setMaterials} />
        </Section>
        <Section title={t('create.repeatSection')}>
          <Checkbox
            label={t('create.repeat')}
            description={t('create.repeatHelp')}
            checked={repeat}
            onChange={(e) => setRepeat(e.currentTarget.checked)}
          />
          {repeat && (
            <NumberInput
              label={t('create.repeatMonths')}
              value={months}
              onChange={setMonths}
              min={1}
              max={12}
              allowDecimal={false}
              allowNegative={false}
              inputMode="numeric"
              size="lg"
              w="12rem"
            />
          )}
        </Section>
        <ErrorAlert error={create.error} />
        <Button type="submit" size="xl" loading={create.isPending}>
          {t('create.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Tạo cuộc họp: unit, kind, title, day and time in Vietnam time, place or link, agenda, people, documents. */
export function NewMeetingPage() {
  const { t } = useTranslation('meetings');
  return (
    <Page title={t('create.title')}>
      <RequireRole allow={isCommittee}>
        <Form />
      </RequireRole>
    </Page>
  );
}

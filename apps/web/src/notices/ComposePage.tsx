import {
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Radio,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { isCommittee, useMe } from '../auth/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconChevronDown, IconEye } from '../components/icons.tsx';
import { Page } from '../components/Page.tsx';
import { Section } from '../components/Section.tsx';
import { SuccessAlert } from '../components/SuccessAlert.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { useOrgOptions } from '../console/orgs.ts';
import { RequireRole } from '../console/RequireRole.tsx';
import '../i18n/notices.ts';
import { formatInstant } from '../lib/format.ts';
import {
  type NoticeInput,
  type NoticeLink,
  type Priority,
  refreshNotices,
  type SentNotice,
  sentNoticeQuery,
} from './api.ts';
import { documentName, NoticeBody, NoticeLinks, UrgentBadge, useLinkName } from './parts.tsx';

/** Roles and statuses a notice may be narrowed to (empty: every chính thức and dự bị member). */
const ROLES = ['chi_uy', 'cap_uy', 'van_phong'] as const;
const STATUSES = ['chinh_thuc', 'du_bi', 'mien_sinh_hoat'] as const;
type When = 'now' | 'later' | 'draft';

interface Draft {
  title: string;
  body: string;
  units: string[];
  roles: string[];
  statuses: string[];
  priority: Priority;
  links: NoticeLink[];
  when: When;
  /** `datetime-local` value, in the device's time. */
  at: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as the value of `<input type="datetime-local">` (local time). */
function localInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The committee's own unit: where a new notice goes unless changed. */
function ownUnit(me: Me): string[] {
  const r = me.roles.find((x) => x.role !== 'member');
  return r ? [r.orgId] : [];
}

function fromNotice(n: SentNotice): Draft {
  return {
    title: n.title,
    body: n.body,
    units: n.audienceOrgIds,
    roles: n.audienceRoles,
    statuses: n.audienceStatuses,
    priority: n.priority,
    links: n.links,
    when: n.status === 'scheduled' ? 'later' : 'draft',
    at: n.scheduledAt ? localInput(new Date(n.scheduledAt)) : '',
  };
}

function LinkRow({ link, onRemove }: { link: NoticeLink; onRemove: () => void }) {
  const { t } = useTranslation('notices');
  const name = useLinkName(link.kind, link.id);
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="nowrap" className="sotay-box">
      <Text lang="vi" style={{ minWidth: 0 }}>
        {name}
      </Text>
      <Button variant="default" onClick={onRemove} aria-label={t('compose.removeItem', { name })}>
        {t('compose.remove')}
      </Button>
    </Group>
  );
}

/** Find a published document by number or words (the server searches), or pick a meeting of the units. */
function LinkPickers({ links, onAdd }: { links: NoticeLink[]; onAdd: (l: NoticeLink) => void }) {
  const { t } = useTranslation('notices');
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const docs = useQuery({
    queryKey: ['notices', 'pick-document', query],
    queryFn: () =>
      data(
        api.GET('/api/documents', {
          params: { query: { q: query || undefined, status: 'published', page: 1, pageSize: 10 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  // meetings of the last week and later: a notice usually announces one coming up
  const [from] = useState(() => new Date(Date.now() - 7 * 86_400_000).toISOString());
  const meetings = useQuery({
    queryKey: ['notices', 'pick-meeting', from],
    queryFn: () => data(api.GET('/api/meetings', { params: { query: { from, page: 1, pageSize: 50 } } })),
  });
  const taken = new Set(links.map((l) => l.id));
  const [reset, setReset] = useState(0);
  return (
    <Stack gap="sm">
      <Select
        key={`doc-${reset}`}
        label={t('compose.addDocument')}
        description={t('compose.addDocumentHelp')}
        searchable
        searchValue={q}
        onSearchChange={setQ}
        filter={({ options }) => options}
        value={null}
        data={(docs.data?.items ?? [])
          .filter((d) => !taken.has(d.id))
          .map((d) => ({ value: d.id, label: documentName(d) }))}
        nothingFoundMessage={t('compose.noDocuments')}
        onChange={(id) => {
          if (!id) return;
          onAdd({ kind: 'document', id });
          setQ('');
          setReset((n) => n + 1);
        }}
      />
      <Select
        key={`meeting-${reset}`}
        label={t('compose.addMeeting')}
        searchable
        value={null}
        data={(meetings.data?.items ?? [])
          .filter((m) => !taken.has(m.id) && m.status === 'scheduled')
          .map((m) => ({
            value: m.id,
            label: t('links.meeting', { name: `${m.title}, ${m.orgName}, ${formatInstant(m.startsAt)}` }),
          }))}
        nothingFoundMessage={t('compose.noMeetings')}
        onChange={(id) => {
          if (!id) return;
          onAdd({ kind: 'meeting', id });
          setReset((n) => n + 1);
        }}
      />
    </Stack>
  );
}

type Errors = Partial<Record<'title' | 'body' | 'units' | 'at', string>>;

function NoticeForm({
  initial,
  noticeId,
  onDone,
}: {
  initial: Draft;
  noticeId?: string;
  onDone: (n: SentNotice) => void;
}) {
  const { t } = useTranslation('notices');
  const { t: tApp } = useTranslation();
  const [d, setD] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [narrow, setNarrow] = useState(initial.roles.length + initial.statuses.length > 0);
  const [preview, setPreview] = useState(false);
  const [unitKey, setUnitKey] = useState(0);
  const { byId } = useOrgOptions();
  const set = (patch: Partial<Draft>) => {
    setD((prev) => ({ ...prev, ...patch }));
    // a field put right loses its message at once
    setErrors((prev) => {
      const next = { ...prev };
      for (const k of Object.keys(patch)) delete next[k as keyof Errors];
      if ('when' in patch) delete next.at;
      return next;
    });
  };
  const unitName = (id: string) => byId.get(id)?.name ?? '…';

  const save = useMutation({
    mutationFn: async (draft: Draft) => {
      const scheduledAt = draft.when === 'later' ? new Date(draft.at).toISOString() : null;
      const common = {
        title: draft.title.trim(),
        body: draft.body.trim(),
        audienceOrgIds: draft.units,
        audienceRoles: draft.roles as NoticeInput['audienceRoles'],
        audienceStatuses: draft.statuses as NoticeInput['audienceStatuses'],
        priority: draft.priority,
        links: draft.links,
        scheduledAt,
      };
      if (noticeId) {
        const r = await data(
          api.PATCH('/api/notices/{id}', {
            params: { path: { id: noticeId } },
            body: { ...common, send: draft.when === 'now' },
          }),
        );
        return r.notice;
      }
      const r = await data(api.POST('/api/notices', { body: { ...common, draft: draft.when === 'draft' } }));
      return r.notice;
    },
    onSuccess: (n) => {
      void refreshNotices();
      onDone(n);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!d.title.trim()) next.title = t('compose.required.title');
    if (!d.body.trim()) next.body = t('compose.required.body');
    if (!d.units.length) next.units = t('compose.required.units');
    if (d.when === 'later') {
      const at = new Date(d.at);
      if (!d.at || Number.isNaN(at.getTime())) next.at = t('compose.required.at');
      else if (at.getTime() <= Date.now()) next.at = t('compose.required.past');
    }
    setErrors(next);
    if (Object.keys(next).length) {
      const first = document.querySelector<HTMLElement>(`[data-field="${Object.keys(next)[0]}"]`);
      first?.focus();
      return;
    }
    save.mutate(d);
  }

  const submitLabel = {
    now: t('compose.submitNow'),
    later: t('compose.submitLater'),
    draft: t('compose.submitDraft'),
  }[d.when];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <TextInput
          label={t('compose.noticeTitle')}
          description={t('compose.noticeTitleHelp')}
          value={d.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={errors.title}
          maxLength={300}
          data-field="title"
        />
        <Textarea
          label={t('compose.body')}
          value={d.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
          error={errors.body}
          minRows={5}
          maxRows={16}
          data-field="body"
        />

        <Stack gap="xs" component="fieldset" className="sotay-fieldset">
          <legend className="sotay-legend">{t('compose.units')}</legend>
          <Text size="sm" c="dimmed">
            {t('compose.unitsHelp')}
          </Text>
          {d.units.length > 0 ? (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {d.units.map((id) => (
                <Group
                  key={id}
                  component="li"
                  justify="space-between"
                  gap="xs"
                  wrap="nowrap"
                  className="sotay-box"
                >
                  <Text fw={700}>{unitName(id)}</Text>
                  <Button
                    variant="default"
                    aria-label={t('compose.removeItem', { name: unitName(id) })}
                    onClick={() => set({ units: d.units.filter((u) => u !== id) })}
                  >
                    {t('compose.remove')}
                  </Button>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text>{t('compose.noUnits')}</Text>
          )}
          {errors.units && (
            <Text c="var(--mantine-color-error)" fw={700} role="alert">
              {errors.units}
            </Text>
          )}
          <OrgSelect
            key={unitKey}
            label={d.units.length ? t('compose.addUnit') : t('compose.chooseUnit')}
            description={t('compose.addUnitHelp')}
            value={null}
            only={(o) => !d.units.includes(o.id)}
            onChange={(id) => {
              if (!id) return;
              set({ units: [...d.units, id] });
              setUnitKey((k) => k + 1);
            }}
            data-field="units"
          />
        </Stack>

        <Stack gap="xs">
          <Button
            variant="default"
            w="fit-content"
            onClick={() => setNarrow((o) => !o)}
            aria-expanded={narrow}
            aria-controls="notice-audience"
            rightSection={
              <IconChevronDown style={{ transform: narrow ? 'rotate(180deg)' : undefined }} size="1.2em" />
            }
          >
            {t('compose.narrow')}
          </Button>
          <Collapse in={narrow} id="notice-audience">
            <Stack gap="md" pt="xs">
              <Checkbox.Group
                size="lg"
                label={t('compose.roles')}
                description={t('compose.rolesHelp')}
                value={d.roles}
                onChange={(roles) => set({ roles })}
              >
                <Stack gap={4} mt="xs">
                  {ROLES.map((r) => (
                    <Checkbox key={r} value={r} label={tApp(`roles.${r}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox.Group
                size="lg"
                label={t('compose.statuses')}
                description={t('compose.statusesHelp')}
                value={d.statuses}
                onChange={(statuses) => set({ statuses })}
              >
                <Stack gap={4} mt="xs">
                  {STATUSES.map((s) => (
                    <Checkbox key={s} value={s} label={tApp(`status.${s}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Stack>
          </Collapse>
        </Stack>

        <Radio.Group
          size="lg"
          label={t('compose.priority')}
          description={t('compose.priorityHelp')}
          value={d.priority}
          onChange={(v) => set({ priority: v === 'khan' ? 'khan' : 'thuong' })}
        >
          <Group gap="lg" mt="xs">
            <Radio value="thuong" size="lg" label={t('priority.thuong')} />
            <Radio value="khan" size="lg" label={t('priority.khan')} />
          </Group>
        </Radio.Group>

        <Stack gap="xs" component="fieldset" className="sotay-fieldset">
          <legend className="sotay-legend">{t('compose.links')}</legend>
          {d.links.length > 0 && (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {d.links.map((l) => (
                <LinkRow
                  key={l.id}
                  link={l}
                  onRemove={() => set({ links: d.links.filter((x) => x.id !== l.id) })}
                />
              ))}
            </Stack>
          )}
          <LinkPickers links={d.links} onAdd={(l) => set({ links: [...d.links, l].slice(0, 20) })} />
        </Stack>

        <Radio.Group
          size="lg"
          label={t('compose.when')}
          value={d.when}
          onChange={(v) => set({ when: v as When })}
        >
          <Stack gap={4} mt="xs">
            <Radio value="now" size="lg" label={t('compose.now')} />
            <Radio value="later" size="lg" label={t('compose.later')} />
            <Radio value="draft" size="lg" label={t('compose.draft')} />
          </Stack>
        </Radio.Group>
        {d.when === 'later' && (
          <TextInput
            type="datetime-local"
            label={t('compose.at')}
            description={t('compose.atHelp')}
            value={d.at}
            min={localInput(new Date())}
            onChange={(e) => set({ at: e.currentTarget.value })}
            error={errors.at}
            data-field="at"
            w={{ base: '100%', sm: '20rem' }}
          />
        )}

        <Button
          variant="default"
          w="fit-content"
          leftSection={<IconEye />}
          onClick={() => setPreview((p) => !p)}
          aria-expanded={preview}
          aria-controls="notice-preview"
        >
          {preview ? t('compose.hidePreview') : t('compose.preview')}
        </Button>
        <div id="notice-preview">
          {preview && (
            <Section title={t('compose.previewTitle')}>
              {d.priority === 'khan' && (
                <Group gap="xs">
                  <UrgentBadge />
                </Group>
              )}
              <Title order={3} lang="vi">
                {d.title.trim() || t('compose.previewNoTitle')}
              </Title>
              <NoticeBody body={d.body.trim() || t('compose.previewNoBody')} />
              <NoticeLinks links={d.links} />
            </Section>
          )}
        </div>

        <ErrorAlert error={save.error} />
        <Button type="submit" loading={save.isPending} w="fit-content">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}

function Done({ notice, onAgain }: { notice: SentNotice; onAgain: () => void }) {
  const { t } = useTranslation('notices');
  const message =
    notice.status === 'sent'
      ? t('compose.doneSent', { count: notice.recipients })
      : notice.status === 'scheduled'
        ? t('compose.doneScheduled', { when: formatInstant(notice.scheduledAt) })
        : t('compose.doneDraft');
  return (
    <Stack gap="md">
      <SuccessAlert title={message}>
        <Text lang="vi">{notice.title}</Text>
      </SuccessAlert>
      <Group gap="sm">
        {notice.status === 'sent' && (
          <Button
            renderRoot={(props) => <Link {...props} to="/notices/$id/stats" params={{ id: notice.id }} />}
          >
            {t('compose.toStats')}
          </Button>
        )}
        <Button variant="default" renderRoot={(props) => <Link {...props} to="/notices/sent" />}>
          {t('compose.toSent')}
        </Button>
        <Button variant="default" onClick={onAgain}>
          {t('compose.another')}
        </Button>
      </Group>
    </Stack>
  );
}

function Compose() {
  const me = useMe();
  const [done, setDone] = useState<SentNotice | null>(null);
  const [round, setRound] = useState(0);
  const blank: Draft = {
    title: '',
    body: '',
    units: ownUnit(me),
    roles: [],
    statuses: [],
    priority: 'thuong',
    links: [],
    when: 'now',
    at: '',
  };
  if (done) {
    return (
      <Done
        notice={done}
        onAgain={() => {
          setDone(null);
          setRound((r) => r + 1);
        }}
      />
    );
  }
  return <NoticeForm key={round} initial={blank} onDone={setDone} />;
}

export function ComposePage() {
  const { t } = useTranslation('notices');
  return (
    <Page title={t('compose.title')}>
      <RequireRole allow={isCommittee}>
        <Compose />
      </RequireRole>
    </Page>
  );
}

function Edit() {
  const { t } = useTranslation('notices');
  const { id } = useParams({ from: '/notices/$id/edit' });
  const notice = useQuery(sentNoticeQuery(id));
  const [done, setDone] = useState<SentNotice | null>(null);
  if (done) return <Done notice={done} onAgain={() => setDone(null)} />;
  if (notice.isPending) return <Skeleton h={400} />;
  if (notice.isError) return <ErrorAlert error={notice.error} />;
  const n = notice.data;
  if (n.status !== 'draft' && n.status !== 'scheduled') {
    return (
      <Stack gap="md">
        <Text size="lg">{t('compose.notEditable')}</Text>
        <Button
          w="fit-content"
          renderRoot={(props) => <Link {...props} to="/notices/$id/stats" params={{ id }} />}
        >
          {t('compose.toStats')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="filled" color="gray.8" size="lg" radius="sm" tt="none">
          {t(`status.${n.status}`)}
        </Badge>
        {n.status === 'scheduled' && (
          <Text>{t('sent.scheduledFor', { when: formatInstant(n.scheduledAt) })}</Text>
        )}
      </Group>
      <NoticeForm initial={fromNotice(n)} noticeId={id} onDone={setDone} />
    </Stack>
  );
}

export function EditNoticePage() {
  const { t } = useTranslation('notices');
  return (
    <Page title={t('compose.editTitle')}>
      <RequireRole allow={isCommittee}>
        <Edit />
      </RequireRole>
    </Page>
  );
}

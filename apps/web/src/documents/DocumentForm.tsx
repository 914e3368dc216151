import { Alert, Anchor, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../api/client.ts';
import { DateFields } from '../components/DateFields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IconAlert } from '../components/icons.tsx';
import { OrgSelect } from '../console/OrgSelect.tsx';
import { type DateParts, isoOf, partsOf } from '../lib/dates.ts';
import { formatDate } from '../lib/format.ts';
import { type Detected, type DocumentDetail, refreshDocuments } from './api.ts';
import { documentTitle, useTypeName } from './parts.tsx';

type Editable = Pick<
  DocumentDetail,
  'id' | 'number' | 'type' | 'typeName' | 'title' | 'issuedOn' | 'issuingBody' | 'audienceOrgId'
>;

/** Documents of the library that already carry this number (a second upload of the same plan?). */
function useSameNumber(id: string, number: string) {
  const wanted = number.replace(/\s+/g, '').toLocaleUpperCase('vi');
  const found = useQuery({
    queryKey: ['documents', 'same-number', wanted],
    queryFn: () => data(api.GET('/api/documents', { params: { query: { q: wanted, pageSize: 10 } } })),
    enabled: /^\d+-[^/]+\/.+$/.test(wanted),
  });
  return (found.data?.items ?? []).filter((d) => d.id !== id && d.number?.toLocaleUpperCase('vi') === wanted);
}

/** The type code inside a number as typed ("18-KH/ĐU" → KH). */
const typeOf = (number: string) => /^\s*\d+\s*-\s*([^/\s]+)\s*\//u.exec(number)?.[1] ?? null;

function Missing({ show, children }: { show: boolean; children: ReactNode }) {
  const { t } = useTranslation('documents');
  // the same elements either way: the field keeps the focus when the note goes away as one types
  return (
    <div className={show ? 'sotay-missing' : undefined}>
      {children}
      {show && (
        <Text className="sotay-missing-note" size="sm" mt={4}>
          {t('upload.missing')}
        </Text>
      )}
    </div>
  );
}

/**
 * Số/ký hiệu, cơ quan ban hành, ngày ban hành, trích yếu and the receiving unit of a document: after an
 * upload (pre-filled with what was read from the file, what could not be read highlighted), or to correct
 * them later. `mode` picks the buttons: save and publish / keep as draft, or save changes / cancel.
 */
export function DocumentForm({
  doc,
  detected,
  mode,
  onDone,
  onCancel,
}: {
  doc: Editable;
  detected?: Detected;
  mode: 'confirm' | 'edit';
  onDone: (doc: DocumentDetail, published: boolean) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('documents');
  const typeName = useTypeName();
  const unread = (v: unknown) => !!detected && (v === null || v === '');
  const [number, setNumber] = useState(doc.number ?? '');
  const [issuingBody, setIssuingBody] = useState(doc.issuingBody ?? '');
  const [issuedOn, setIssuedOn] = useState<DateParts>(partsOf(doc.issuedOn));
  // a title the server made up from the file name is no title: it is asked for
  const [title, setTitle] = useState(detected && !detected.title ? '' : doc.title);
  const [orgId, setOrgId] = useState<string | null>(doc.audienceOrgId);
  const [problems, setProblems] = useState<{ date?: string; title?: string; org?: string }>({});

  const save = useMutation({
    mutationFn: async ({ publish, issued }: { publish: boolean; issued: string | null }) => {
      const r = await data(
        api.PATCH('/api/documents/{id}', {
          params: { path: { id: doc.id } },
          body: {
            number: number.trim() || null,
            title: title.trim(),
            issuedOn: issued,
            issuingBody: issuingBody.trim() || null,
            audienceOrgId: orgId ?? undefined,
          },
        }),
      );
      if (!publish) return r.document;
      return (await data(api.POST('/api/documents/{id}/publish', { params: { path: { id: doc.id } } })))
        .document;
    },
    onSuccess: async (saved, { publish }) => {
      await refreshDocuments();
      onDone(saved, publish);
    },
  });

  function submit(publish: boolean) {
    const p: typeof problems = {};
    let issued: string | null = null;
    const blank = !issuedOn.day && !issuedOn.month && !issuedOn.year;
    if (!blank) {
      const r = isoOf(issuedOn);
      if ('iso' in r) issued = r.iso;
      else
        p.date =
          r.problem === 'missing'
            ? t('upload.dateMissing')
            : r.problem === 'year'
              ? t('upload.dateYear')
              : t('upload.dateInvalid', { date: `${issuedOn.day}/${issuedOn.month}/${issuedOn.year}` });
    }
    if (!title.trim()) p.title = t('upload.titleRequired');
    if (!orgId) p.org = t('upload.chooseUnit');
    setProblems(p);
    if (Object.keys(p).length) return;
    save.mutate({ publish, issued });
  }

  const sameNumber = useSameNumber(doc.id, mode === 'confirm' ? number : '');
  const code = number.trim() ? typeOf(number) : doc.type;
  const shownType = code ? typeName(code, code === doc.type ? doc.typeName : null) : null;
  const fieldError = (c: string) => (isApiError(save.error, c) ? save.error.message : undefined);
  const otherError =
    save.error && !isApiError(save.error, 'invalid_number') && !isApiError(save.error, 'invalid_date')
      ? save.error
      : null;

  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <Stack gap="md">
        {detected?.numberSource === 'annex' && (
          <Alert color="gray" variant="outline" icon={<IconAlert />}>
            {t('upload.fromAnnex')}
          </Alert>
        )}
        <Missing show={unread(detected?.number) && !number.trim()}>
          <TextInput
            label={t('upload.number')}
            description={t('upload.numberHelp')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={fieldError('invalid_number')}
            autoComplete="off"
            spellCheck={false}
          />
        </Missing>
        {sameNumber.length > 0 && (
          <Alert color="gray" variant="outline" icon={<IconAlert />} title={t('upload.duplicate')}>
            <Stack gap={4}>
              {sameNumber.map((d) => (
                <Anchor
                  key={d.id}
                  renderRoot={(props) => <Link {...props} to="/documents/$id" params={{ id: d.id }} />}
                  className="sotay-link-target"
                >
                  {[d.number, d.issuedOn && formatDate(d.issuedOn), documentTitle(d)]
                    .filter(Boolean)
                    .join(' · ')}
                </Anchor>
              ))}
              <Text size="sm">{t('upload.duplicateHelp')}</Text>
            </Stack>
          </Alert>
        )}
        <div>
          <Text fw={700}>{t('upload.type')}</Text>
          <Text size="lg">{shownType ?? t('upload.typeUnknown')}</Text>
        </div>
        <Missing show={unread(detected?.issuingBody) && !issuingBody.trim()}>
          <TextInput
            label={t('upload.issuingBody')}
            description={t('upload.issuingBodyHelp')}
            value={issuingBody}
            onChange={(e) => setIssuingBody(e.currentTarget.value)}
            autoComplete="off"
          />
        </Missing>
        <Missing show={unread(detected?.issuedOn) && !issuedOn.day && !issuedOn.month && !issuedOn.year}>
          <DateFields
            legend={t('upload.issuedOn')}
            description={t('upload.issuedOnHelp')}
            value={issuedOn}
            onChange={setIssuedOn}
            error={problems.date ?? fieldError('invalid_date')}
          />
        </Missing>
        <Missing show={unread(detected?.title) && !title.trim()}>
          <Textarea
            label={t('upload.docTitle')}
            description={t('upload.docTitleHelp')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={problems.title}
            minRows={2}
          />
        </Missing>
        <OrgSelect
          label={t('upload.unit')}
          description={t('upload.unitHelp')}
          value={orgId}
          onChange={setOrgId}
          error={problems.org}
        />
        <ErrorAlert error={otherError} />
        <Group gap="sm">
          {mode === 'confirm' ? (
            <>
              <Button onClick={() => submit(true)} loading={save.isPending && save.variables?.publish}>
                {t('upload.publish')}
              </Button>
              <Button
                type="submit"
                variant="default"
                loading={save.isPending && !save.variables?.publish}
                disabled={save.isPending && save.variables?.publish}
              >
                {t('upload.saveDraft')}
              </Button>
            </>
          ) : (
            <>
              <Button type="submit" loading={save.isPending}>
                {t('upload.save')}
              </Button>
              {onCancel && (
                <Button variant="default" onClick={onCancel}>
                  {t('manage.cancel')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}

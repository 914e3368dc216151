import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  type Actor,
  can,
  cleanText,
  DOCUMENT_TYPES,
  detectDocumentMeta,
  fold,
  numberKey,
  parseDate,
  parseDocumentNumber,
  parseNumberQuery,
  ROLES,
  scopePaths,
} from '@sotay/core';
import { documentFiles, documents, documentTexts, type Executor, orgUnits } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError, badRequest, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { CONTENT_TYPES, type FileKind, sniffFile } from '../../lib/sniff.ts';
import { appendAudit } from '../audit/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import { extractDocumentText } from './extract.ts';
import { type NewReference, resolveReferences, saveReferences } from './references.ts';
import {
  bodyTextOf,
  citingDocuments,
  type DocumentRow,
  documentsByIds,
  documentVector,
  filesOf,
  findVisible,
  type ListFilter,
  listDocuments,
  markRead,
  readState,
  referencesOf,
  setBookmark,
  type Viewer,
  visibleIds,
} from './repo.ts';
import { phraseQuery, searchBody, searchHead, snippet, tsQuery } from './search-text.ts';
import { viewerOf } from './viewer.ts';

export const MAX_DOCUMENT_BYTES = 30 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;
const ATTACHMENT_KINDS: FileKind[] = ['mp4', 'webm', 'jpeg', 'png', 'webp', 'pdf', 'docx'];

export interface UploadedFile {
  path: string;
  name: string;
  size: number;
}

/** Metadata a committee may give or correct; whatever is left out is read from the file. */
export interface DocumentFields {
  number?: string | null;
  title?: string | null;
  issuedOn?: string | null;
  issuingBody?: string | null;
  category?: string | null;
  audienceOrgId?: string;
  audienceRoles?: string[];
}

function parseNumberField(raw: string) {
  const n = parseDocumentNumber(raw);
  if (!n) {
    throw badRequest(
      `Số/ký hiệu "${raw}" không đúng dạng <số>-<loại>/<cơ quan ban hành>, ví dụ 18-KH/ĐU hoặc 339-QĐ/TW.`,
      'invalid_number',
    );
  }
  return n;
}

function parseIssuedOn(raw: string): string {
  const r = parseDate(raw);
  if (!r.ok || !r.value)
    throw badRequest(`Ngày ban hành "${raw}" không hợp lệ (dạng dd/mm/yyyy).`, 'invalid_date');
  return r.value;
}

function checkRoles(roles: string[]): string[] {
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length) throw badRequest(`Vai trò không hợp lệ: ${bad.join(', ')}.`);
  return roles;
}

/** The unit a document is addressed to: the given one, or the single unit where the actor manages documents. */
async function audienceFor(db: Executor, actor: Actor, orgId: string | undefined) {
  if (!orgId) {
    const scope = scopePaths(actor, 'document.manage');
    const grant = actor.roles.find((r) => r.orgPath === scope[0]);
    if (scope.length !== 1 || !grant) {
      throw unprocessable('audience_required', 'Hãy chọn đơn vị nhận văn bản (audienceOrgId).');
    }
    const [unit] = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(sql`${orgUnits.path} = ${grant.orgPath}::ltree`);
    orgId = unit?.id;
  }
  const org = orgId ? await findOrg(db, orgId) : null;
  if (!org || org.closedAt) throw unprocessable('unknown_org', 'Không tìm thấy đơn vị nhận văn bản.');
  if (!can(actor, 'document.manage', { orgPath: org.path })) {
    throw forbidden('Bạn không có quyền đăng văn bản cho đơn vị này.');
  }
  return org;
}

async function storeFile(deps: Deps, documentId: string, role: string, file: UploadedFile, kind: FileKind) {
  const id = crypto.randomUUID();
  const ext = kind === 'jpeg' ? 'jpg' : kind;
  const storageKey = `documents/${documentId}/${id}.${ext}`;
  const sha256 = crypto
    .createHash('sha256')
    .update(await fs.promises.readFile(file.path))
    .digest('hex');
  await deps.files.putFile(storageKey, file.path, CONTENT_TYPES[kind]);
  return {
    id,
    documentId,
    role,
    storageKey,
    fileName: cleanText(file.name).slice(0, 200) || `tep.${ext}`,
    contentType: CONTENT_TYPES[kind],
    size: file.size,
    sha256,
  };
}

function citationsToReferences(text: string, ownKey: string | null): NewReference[] {
  const meta = detectDocumentMeta(text);
  const seen = new Map<string, NewReference>();
  for (const c of meta.citations) {
    const key = numberKey(c.number);
    if (key === ownKey) continue;
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, {
        number: c.number.number,
        numberKey: key,
        typeName: c.typeName,
        citedIssuedOn: c.issuedOn,
        citedIssuingOrg: c.issuingOrg,
      });
    } else {
      // a later mention may carry the date or the body the first one lacked
      prev.citedIssuedOn ??= c.issuedOn;
      prev.citedIssuingOrg ??= c.issuingOrg;
    }
  }
  return [...seen.values()];
}

async function readMainFile(file: UploadedFile) {
  if (file.size === 0) throw badRequest('Chưa chọn tệp (trường "file").');
  if (file.size > MAX_DOCUMENT_BYTES)
    throw new AppError(413, 'payload_too_large', 'Tệp văn bản quá lớn (tối đa 30 MB).');
  const kind = await sniffFile(file.path);
  if (kind !== 'pdf' && kind !== 'docx') {
    throw new AppError(
      415,
      'unsupported_file_type',
      'Chỉ nhận văn bản dạng PDF hoặc DOCX (nội dung tệp không phải PDF/DOCX, dù tên tệp có đuôi gì).',
    );
  }
  const text = await extractDocumentText(file.path, kind);
  return { kind, text, meta: detectDocumentMeta(text) };
}

export async function uploadDocument(
  deps: Deps,
  actor: Actor,
  file: UploadedFile,
  fields: DocumentFields & { publish?: boolean; previousVersionId?: string },
) {
  const db = deps.database.db;
  const givenNumber = fields.number ? parseNumberField(fields.number) : null;
  const givenDate = fields.issuedOn ? parseIssuedOn(fields.issuedOn) : null;
  const audience = await audienceFor(db, actor, fields.audienceOrgId);
  const { kind, text, meta } = await readMainFile(file);

  const number = givenNumber ?? meta.number;
  const title = cleanText(fields.title ?? '') || meta.title || cleanText(file.name.replace(/\.[^.]+$/, ''));
  const row = {
    orgId: audience.id,
    audienceOrgId: audience.id,
    audienceRoles: checkRoles(fields.audienceRoles ?? []),
    number: number?.number ?? null,
    numberKey: number ? numberKey(number) : null,
    type: number?.type ?? meta.type ?? null,
    issuer: number?.issuer ?? meta.issuer ?? null,
    issuingBody: cleanText(fields.issuingBody ?? '') || meta.issuingBody,
    issuedOn: givenDate ?? meta.issuedOn,
    title: title.slice(0, 1000),
    category: cleanText(fields.category ?? '') || null,
  };
  const id = crypto.randomUUID();
  const stored = await storeFile(deps, id, 'main', file, kind);
  const now = deps.now();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(documents).values({
        id,
        ...row,
        searchHead: searchHead(row),
        searchVector: documentVector(searchHead(row), searchBody(text)),
        status: 'draft',
        previousVersionId: fields.previousVersionId ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(documentTexts).values({ documentId: id, bodyText: text });
      await tx.insert(documentFiles).values({ ...stored, createdAt: now });
      await saveReferences(tx, id, citationsToReferences(text, row.numberKey));
      if (row.numberKey) await resolveReferences(tx, [row.numberKey]);
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'document.upload',
          entity: 'document',
          entityId: id,
          orgPath: audience.path,
          after: { number: row.number, title: row.title, issuedOn: row.issuedOn, file: stored.fileName },
        },
        now,
      );
      if (fields.publish) await publishIn(tx, actor, id, audience.path, now);
    });
  } catch (e) {
    await deps.files.remove(stored.storageKey).catch(() => {});
    throw e;
  }
  return {
    id,
    detected: {
      number: meta.number?.number ?? null,
      numberSource: meta.numberSource,
      type: meta.type,
      issuer: meta.issuer,
      issuingBody: meta.issuingBody,
      issuedOn: meta.issuedOn,
      title: meta.title,
    },
  };
}

async function publishIn(tx: Executor, actor: Actor, id: string, orgPath: string, now: Date) {
  const [doc] = await tx.select().from(documents).where(eq(documents.id, id));
  if (!doc) throw notFound('Không tìm thấy văn bản.');
  await tx
    .update(documents)
    .set({ status: 'published', publishedAt: now, withdrawnAt: null, updatedAt: now })
    .where(eq(documents.id, id));
  if (doc.previousVersionId) {
    await tx
      .update(documents)
      .set({ status: 'replaced', replacedById: id, updatedAt: now })
      .where(eq(documents.id, doc.previousVersionId));
  }
  await appendAudit(
    tx,
    { actorUserId: actor.userId, action: 'document.publish', entity: 'document', entityId: id, orgPath },
    now,
  );
}

/** A document the actor manages (404 when they may not even see it, 403 when they only read it). */
async function managed(deps: Deps, actor: Actor, id: string) {
  const v = await viewerOf(deps.database.db, actor);
  const found = await findVisible(deps.database.db, v, id);
  if (!found) throw notFound('Không tìm thấy văn bản.');
  if (!found.managed) throw forbidden('Bạn chỉ được xem văn bản này, không được sửa.');
  return found;
}

export async function publishDocument(deps: Deps, actor: Actor, id: string) {
  const { doc, audiencePath } = await managed(deps, actor, id);
  if (doc.status === 'replaced') {
    throw unprocessable('document_replaced', 'Văn bản này đã có bản thay thế; hãy ban hành bản mới.');
  }
  if (doc.status === 'published') return;
  await deps.database.db.transaction((tx) => publishIn(tx, actor, id, audiencePath, deps.now()));
}

export async function withdrawDocument(deps: Deps, actor: Actor, id: string) {
  const { doc, audiencePath } = await managed(deps, actor, id);
  if (doc.status === 'withdrawn') return;
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(eq(documents.id, id));
    if (doc.numberKey) await resolveReferences(tx, [doc.numberKey]);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'document.withdraw',
        entity: 'document',
        entityId: id,
        orgPath: audiencePath,
      },
      now,
    );
  });
}

export async function updateDocument(deps: Deps, actor: Actor, id: string, patch: DocumentFields) {
  const db = deps.database.db;
  const { doc, audiencePath } = await managed(deps, actor, id);
  const audience = patch.audienceOrgId ? await audienceFor(db, actor, patch.audienceOrgId) : null;
  const next = { ...doc };
  if (patch.number !== undefined) {
    const n = patch.number ? parseNumberField(patch.number) : null;
    Object.assign(next, {
      number: n?.number ?? null,
      numberKey: n ? numberKey(n) : null,
      type: n?.type ?? doc.type,
      issuer: n?.issuer ?? null,
    });
  }
  if (patch.title !== undefined) {
    const t = cleanText(patch.title ?? '');
    if (!t) throw badRequest('Trích yếu không được để trống.');
    next.title = t.slice(0, 1000);
  }
  if (patch.issuedOn !== undefined) next.issuedOn = patch.issuedOn ? parseIssuedOn(patch.issuedOn) : null;
  if (patch.issuingBody !== undefined) next.issuingBody = cleanText(patch.issuingBody ?? '') || null;
  if (patch.category !== undefined) next.category = cleanText(patch.category ?? '') || null;
  if (patch.audienceRoles !== undefined) next.audienceRoles = checkRoles(patch.audienceRoles);
  if (audience) {
    next.audienceOrgId = audience.id;
    next.orgId = audience.id;
  }
  const now = deps.now();
  await db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set({
        number: next.number,
        numberKey: next.numberKey,
        type: next.type,
        issuer: next.issuer,
        title: next.title,
        issuedOn: next.issuedOn,
        issuingBody: next.issuingBody,
        category: next.category,
        audienceRoles: next.audienceRoles,
        audienceOrgId: next.audienceOrgId,
        orgId: next.orgId,
        searchHead: searchHead(next),
        searchVector: documentVector(searchHead(next), searchBody(await bodyTextOf(tx, id))),
        updatedAt: now,
      })
      .where(eq(documents.id, id));
    if (next.numberKey !== doc.numberKey) {
      await saveReferences(tx, id, citationsToReferences(await bodyTextOf(tx, id), next.numberKey));
    }
    await resolveReferences(
      tx,
      [doc.numberKey, next.numberKey].filter((k): k is string => !!k),
    );
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'document.update',
        entity: 'document',
        entityId: id,
        orgPath: audience?.path ?? audiencePath,
        before: pick(doc),
        after: pick(next),
      },
      now,
    );
  });
}

const pick = (d: DocumentRow) => ({
  number: d.number,
  title: d.title,
  issuedOn: d.issuedOn,
  issuingBody: d.issuingBody,
  category: d.category,
  audienceOrgId: d.audienceOrgId,
  audienceRoles: d.audienceRoles,
});

/** A new version of a document: a draft that, once published, marks the old one replaced. */
export async function newVersion(
  deps: Deps,
  actor: Actor,
  id: string,
  file: UploadedFile,
  fields: DocumentFields & { publish?: boolean },
) {
  const { doc } = await managed(deps, actor, id);
  if (doc.status === 'replaced') {
    throw unprocessable(
      'document_replaced',
      'Văn bản này đã được thay thế; hãy tải bản mới lên từ văn bản thay thế.',
    );
  }
  return uploadDocument(deps, actor, file, {
    audienceOrgId: doc.audienceOrgId,
    audienceRoles: doc.audienceRoles,
    category: doc.category,
    ...fields,
    previousVersionId: id,
  });
}

export async function addAttachment(deps: Deps, actor: Actor, id: string, file: UploadedFile) {
  const { audiencePath } = await managed(deps, actor, id);
  if (file.size === 0) throw badRequest('Chưa chọn tệp (trường "file").');
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError(413, 'payload_too_large', 'Tệp đính kèm quá lớn (tối đa 200 MB).');
  }
  const kind = await sniffFile(file.path);
  if (!kind || !ATTACHMENT_KINDS.includes(kind)) {
    throw new AppError(
      415,
      'unsupported_file_type',
      'Tệp đính kèm phải là video (MP4, WebM), ảnh (JPEG, PNG, WebP), PDF hoặc DOCX — kiểm tra theo nội dung tệp.',
    );
  }
  const stored = await storeFile(deps, id, 'attachment', file, kind);
  const now = deps.now();
  try {
    await deps.database.db.transaction(async (tx) => {
      await tx.insert(documentFiles).values({ ...stored, createdAt: now });
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'document.attach',
          entity: 'document',
          entityId: id,
          orgPath: audiencePath,
          after: { file: stored.fileName, contentType: stored.contentType, size: stored.size },
        },
        now,
      );
    });
  } catch (e) {
    await deps.files.remove(stored.storageKey).catch(() => {});
    throw e;
  }
  return presentFile(id, { ...stored, createdAt: now });
}

const presentFile = (documentId: string, f: typeof documentFiles.$inferSelect) => ({
  id: f.id,
  role: f.role,
  fileName: f.fileName,
  contentType: f.contentType,
  size: f.size,
  url: `/api/documents/${documentId}/files/${f.id}`,
});

export interface ListQuery {
  q?: string;
  type?: string;
  issuer?: string;
  year?: number;
  category?: string;
  status?: string;
  unread?: boolean;
  bookmarked?: boolean;
  page: number;
  pageSize: number;
}

function numberMatch(q: string): Pick<ListFilter, 'numberKey' | 'numberPrefix'> {
  const nq = parseNumberQuery(q);
  if (!nq?.serial) return { numberKey: null, numberPrefix: null };
  if (nq.type && nq.issuer)
    return { numberKey: numberKey(`${nq.serial}-${nq.type}/${nq.issuer}`), numberPrefix: null };
  return { numberKey: null, numberPrefix: `${nq.serial}-${nq.type ? `${fold(nq.type)}/` : ''}%` };
}

export async function listForActor(deps: Deps, actor: Actor, query: ListQuery) {
  const db = deps.database.db;
  const v = await viewerOf(db, actor);
  const q = query.q?.trim() ?? '';
  if (query.status && !v.manageScope.length)
    throw forbidden('Chỉ cấp ủy, văn phòng mới lọc theo trạng thái.');
  const filter: ListFilter = {
    type: query.type ?? null,
    issuer: query.issuer ?? null,
    year: query.year ?? null,
    category: query.category ?? null,
    status: query.status ?? (v.manageScope.length ? null : 'published'),
    unread: query.unread,
    bookmarked: query.bookmarked,
    tsq: q ? tsQuery(q) : null,
    phrase: q ? phraseQuery(q) : null,
    ...(q ? numberMatch(q) : { numberKey: null, numberPrefix: null }),
    page: query.page,
    pageSize: query.pageSize,
  };
  if (q && !filter.tsq && !filter.numberKey && !filter.numberPrefix) return { items: [], total: 0 };
  const { items, total } = await listDocuments(db, v, filter, !!q);
  return {
    total,
    items: items.map(({ bodyText, ...d }) => ({
      ...d,
      typeName: d.type ? (DOCUMENT_TYPES[d.type] ?? null) : null,
      snippet: q && bodyText ? snippet(bodyText, q) : null,
    })),
  };
}

export async function documentDetail(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const v = await viewerOf(db, actor);
  const found = await findVisible(db, v, id);
  if (!found) throw notFound('Không tìm thấy văn bản.');
  const { doc } = found;
  const [files, refs, citing, state] = await Promise.all([
    filesOf(db, id),
    referencesOf(db, id),
    citingDocuments(db, id),
    readState(db, id, actor.userId),
  ]);
  const linked = [...refs.flatMap((r) => [r.targetId, ...r.candidateIds]), ...citing.map((c) => c.id)];
  for (const x of [doc.previousVersionId, doc.replacedById]) if (x) linked.push(x);
  const seen = await visibleIds(
    db,
    v,
    linked.filter((x): x is string => !!x),
  );
  const info = new Map((await documentsByIds(db, [...seen])).map((d) => [d.id, d]));
  const brief = (x: string | null) =>
    x && seen.has(x) ? { id: x, number: info.get(x)?.number ?? null, title: info.get(x)?.title ?? '' } : null;
  return {
    id: doc.id,
    number: doc.number,
    type: doc.type,
    typeName: doc.type ? (DOCUMENT_TYPES[doc.type] ?? null) : null,
    issuer: doc.issuer,
    issuingBody: doc.issuingBody,
    issuedOn: doc.issuedOn,
    title: doc.title,
    category: doc.category,
    status: doc.status,
    audienceOrgId: doc.audienceOrgId,
    audienceRoles: doc.audienceRoles,
    publishedAt: doc.publishedAt?.toISOString() ?? null,
    text: await bodyTextOf(db, id),
    files: files.map((f) => presentFile(id, f)),
    references: refs.map((r) => ({
      number: r.number,
      typeName: r.typeName,
      issuedOn: r.citedIssuedOn,
      issuingOrg: r.citedIssuingOrg,
      documentId: r.targetId && seen.has(r.targetId) ? r.targetId : null,
      title: r.targetId && seen.has(r.targetId) ? (info.get(r.targetId)?.title ?? null) : null,
      candidates: r.candidateIds.map(brief).filter((c) => c !== null),
    })),
    referencedBy: citing
      .filter((c) => seen.has(c.id))
      .map((c) => ({ documentId: c.id, number: c.number, title: c.title, issuedOn: c.issuedOn })),
    previousVersion: brief(doc.previousVersionId),
    replacedBy: brief(doc.replacedById),
    readAt: state.readAt?.toISOString() ?? null,
    bookmarked: state.bookmarked,
    canManage: found.managed,
  };
}

async function visibleOrThrow(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ v: Viewer; doc: DocumentRow }> {
  const v = await viewerOf(deps.database.db, actor);
  const found = await findVisible(deps.database.db, v, id);
  if (!found) throw notFound('Không tìm thấy văn bản.');
  return { v, doc: found.doc };
}

export async function recordRead(deps: Deps, actor: Actor, id: string) {
  await visibleOrThrow(deps, actor, id);
  await markRead(deps.database.db, id, actor.userId, actor.memberId, deps.now());
}

export async function bookmark(deps: Deps, actor: Actor, id: string, on: boolean) {
  await visibleOrThrow(deps, actor, id);
  await setBookmark(deps.database.db, id, actor.userId, on);
}

/** The stored file of a document the actor may see, for streaming (with the byte range asked for). */
export async function documentFile(deps: Deps, actor: Actor, id: string, fileId: string) {
  await visibleOrThrow(deps, actor, id);
  const file = (await filesOf(deps.database.db, id)).find((f) => f.id === fileId);
  if (!file) throw notFound('Không tìm thấy tệp.');
  return file;
}

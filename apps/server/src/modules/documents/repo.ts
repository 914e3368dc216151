import {
  type DocumentStatus,
  documentBookmarks,
  documentFiles,
  documentReads,
  documentReferences,
  documents,
  documentTexts,
  type Executor,
} from '@sotay/db';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentFileRow = typeof documentFiles.$inferSelect;
export type ReferenceRow = typeof documentReferences.$inferSelect;

/** Who is looking: decides which documents exist for them. */
export interface Viewer {
  userId: string;
  /** The viewer's chi bộ, the units they hold a role on, and every ancestor of those: what reaches them. */
  addressedOrgIds: string[];
  roleNames: string[];
  /** Units where the viewer manages documents: everything addressed inside, drafts included. */
  manageScope: string[];
}

const list = (values: string[], type: 'uuid' | 'text' | 'ltree') =>
  values.length
    ? sql`array[${sql.join(
        values.map((x) => sql`${x}`),
        sql`, `,
      )}]::${sql.raw(type)}[]`
    : sql`array[]::${sql.raw(type)}[]`;

/**
 * SQL true when document `d` is visible to the viewer: addressed (published) to one of their units
 * or an ancestor — an indexed `audience_org_id = any(…)` — or addressed inside a unit they manage.
 */
export function visibleTo(v: Viewer): SQL {
  const addressed = v.addressedOrgIds.length
    ? sql`(d.audience_org_id = any(${list(v.addressedOrgIds, 'uuid')}) and d.status in ('published', 'replaced')
        and (d.audience_roles = '{}' or d.audience_roles && ${list(v.roleNames, 'text')}))`
    : sql`false`;
  return v.manageScope.length ? sql`(${addressed} or ${managedBy(v)})` : addressed;
}

export function managedBy(v: Viewer): SQL {
  return v.manageScope.length
    ? sql`d.audience_org_id in (select o.id from org_units o where o.path <@ ${list(v.manageScope, 'ltree')})`
    : sql`false`;
}

/** The stored search vector: the head at weight A, the folded body at weight C. */
export function documentVector(head: string, foldedBody: string): SQL {
  return sql`setweight(to_tsvector('simple', ${head}), 'A') || setweight(to_tsvector('simple', ${foldedBody}), 'C')`;
}

export async function bodyTextOf(db: Executor, documentId: string): Promise<string> {
  const [t] = await db.select().from(documentTexts).where(eq(documentTexts.documentId, documentId));
  return t?.bodyText ?? '';
}

export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export interface ListFilter {
  type?: string | null;
  issuer?: string | null;
  year?: number | null;
  category?: string | null;
  status?: string | null;
  unread?: boolean;
  bookmarked?: boolean;
  /** Full-text match (folded AND query), or null. */
  tsq: string | null;
  /** Exact number key ("73-kh/du") and a LIKE prefix ("73-kh/%"), from a query shaped like a number. */
  numberKey: string | null;
  numberPrefix: string | null;
  /** The words as a phrase (adjacent, in order): a bonus for documents that hold them so. */
  phrase: string | null;
  page: number;
  pageSize: number;
}

export interface ListedDocument {
  id: string;
  number: string | null;
  type: string | null;
  issuer: string | null;
  issuingBody: string | null;
  issuedOn: string | null;
  title: string;
  category: string | null;
  status: DocumentStatus;
  audienceOrgId: string;
  audienceName: string;
  publishedAt: string | null;
  read: boolean;
  bookmarked: boolean;
  bodyText?: string;
}

const iso = (col: SQL) => sql`(to_json(${col}) #>> '{}')`;

export async function listDocuments(db: Executor, v: Viewer, f: ListFilter, withBody: boolean) {
  const match: SQL[] = [];
  if (f.tsq) match.push(sql`d.search_vector @@ to_tsquery('simple', ${f.tsq})`);
  if (f.numberKey) match.push(sql`d.number_key = ${f.numberKey}`);
  if (f.numberPrefix) match.push(sql`d.number_key like ${f.numberPrefix}`);
  const searching = match.length > 0;
  const where = sql.join(
    [
      visibleTo(v),
      f.status ? sql`d.status = ${f.status}` : sql`d.status <> 'replaced'`,
      f.type ? sql`d.type = ${f.type}` : null,
      f.issuer ? sql`d.issuer = ${f.issuer}` : null,
      f.year
        ? sql`d.issued_on >= make_date(${f.year}, 1, 1) and d.issued_on < make_date(${f.year + 1}, 1, 1)`
        : null,
      f.category ? sql`d.category = ${f.category}` : null,
      f.unread
        ? sql`not exists (select 1 from document_reads r where r.document_id = d.id and r.user_id = ${v.userId})`
        : null,
      f.bookmarked
        ? sql`exists (select 1 from document_bookmarks b where b.document_id = d.id and b.user_id = ${v.userId})`
        : null,
      searching ? sql`(${sql.join(match, sql` or `)})` : null,
    ].filter((x): x is SQL => x !== null),
    sql` and `,
  );
  // Number matches first; then documents whose number or trích yếu holds the words, by relevance (ranked
  // on the small head vector only); then those with the words only in the body. Among equals the level
  // closest to the viewer comes first (a đảng ủy's own 18-KH/ĐU before the province's 18-KH/TU), then the
  // newest. (Ranking every body match with ts_rank_cd costs ~15 µs a row: 150 ms for a common word.)
  const closeness = v.addressedOrgIds.length
    ? sql`0.05 * coalesce(array_position(${list(v.addressedOrgIds, 'uuid')}, d.audience_org_id), 0)`
    : sql`0`;
  const rank = searching
    ? sql`(${f.numberKey ? sql`case when d.number_key = ${f.numberKey} then 4 else 0 end` : sql`0`}
        + ${f.numberPrefix ? sql`case when d.number_key like ${f.numberPrefix} then 2 else 0 end` : sql`0`}
        + ${
          f.tsq
            ? sql`case when d.head_vector @@ to_tsquery('simple', ${f.tsq})
                then 1 + ts_rank_cd(d.head_vector, to_tsquery('simple', ${f.tsq}), 1) else 0 end`
            : sql`0`
        }
        + ${f.phrase ? sql`case when d.search_vector @@ to_tsquery('simple', ${f.phrase}) then 0.5 else 0 end` : sql`0`}
        + ${closeness})`
    : null;
  // The page is chosen from ids and ranks alone; details, read state and bodies only for its rows. A
  // search sorts every match anyway, so it counts them in the same pass (one scan, not two).
  const pageQuery = sql`with page as (
      select d.id, ${rank ?? sql`0`} as rank, d.issued_on, d.created_at
        ${searching ? sql`, count(*) over () as total` : sql``}
      from documents d where ${where}
      order by ${rank ? sql`rank desc,` : sql``} d.issued_on desc nulls last, d.created_at desc, d.id
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}
    )
    select d.id, d.number, d.type, d.issuer, d.issuing_body as "issuingBody", d.issued_on::text as "issuedOn",
      d.title, d.category, d.status, d.audience_org_id as "audienceOrgId", ao.name as "audienceName",
      ${iso(sql`d.published_at`)} as "publishedAt",
      exists (select 1 from document_reads r where r.document_id = d.id and r.user_id = ${v.userId}) as read,
      exists (select 1 from document_bookmarks b where b.document_id = d.id and b.user_id = ${v.userId}) as bookmarked
      ${searching ? sql`, page.total::int as total` : sql``}
      ${withBody ? sql`, (select t.body_text from document_texts t where t.document_id = d.id) as "bodyText"` : sql``}
    from page join documents d on d.id = page.id join org_units ao on ao.id = d.audience_org_id
    order by page.rank desc, page.issued_on desc nulls last, page.created_at desc, page.id`;
  const countQuery = sql`select count(*)::int as n from documents d where ${where}`;
  if (searching) {
    const items = await rows<ListedDocument & { total?: number }>(db, pageQuery);
    const total =
      items[0]?.total ?? (f.page > 1 ? ((await rows<{ n: number }>(db, countQuery))[0]?.n ?? 0) : 0);
    return { items: items.map(({ total: _t, ...d }) => d), total };
  }
  const [items, [count]] = await Promise.all([
    rows<ListedDocument>(db, pageQuery),
    rows<{ n: number }>(db, countQuery),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** One document if the viewer may see it, with its audience unit's path. */
export async function findVisible(db: Executor, v: Viewer, id: string) {
  const [row] = await rows<{ id: string; audiencePath: string; managed: boolean }>(
    db,
    sql`select d.id, ao.path::text as "audiencePath", ${managedBy(v)} as managed
      from documents d join org_units ao on ao.id = d.audience_org_id
      where d.id = ${id} and ${visibleTo(v)}`,
  );
  if (!row) return null;
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  return doc ? { doc, audiencePath: row.audiencePath, managed: row.managed } : null;
}

export async function visibleIds(db: Executor, v: Viewer, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select d.id from documents d
      where d.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )}) and ${visibleTo(v)}`,
  );
  return new Set(found.map((r) => r.id));
}

export async function filesOf(db: Executor, documentId: string) {
  return db
    .select()
    .from(documentFiles)
    .where(eq(documentFiles.documentId, documentId))
    .orderBy(asc(documentFiles.createdAt));
}

export async function referencesOf(db: Executor, documentId: string) {
  return db
    .select()
    .from(documentReferences)
    .where(eq(documentReferences.documentId, documentId))
    .orderBy(asc(documentReferences.position));
}

export async function citingDocuments(db: Executor, targetId: string) {
  return db
    .selectDistinct({
      id: documents.id,
      number: documents.number,
      title: documents.title,
      issuedOn: documents.issuedOn,
    })
    .from(documentReferences)
    .innerJoin(documents, eq(documents.id, documentReferences.documentId))
    .where(eq(documentReferences.targetId, targetId));
}

export async function documentsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: documents.id,
      number: documents.number,
      title: documents.title,
      issuedOn: documents.issuedOn,
    })
    .from(documents)
    .where(inArray(documents.id, ids));
}

export async function markRead(
  db: Executor,
  documentId: string,
  userId: string,
  memberId: string | null,
  at: Date,
) {
  await db
    .insert(documentReads)
    .values({ documentId, userId, memberId, firstReadAt: at, lastReadAt: at })
    .onConflictDoUpdate({
      target: [documentReads.documentId, documentReads.userId],
      set: { lastReadAt: at },
    });
}

export async function readState(db: Executor, documentId: string, userId: string) {
  const [r] = await db
    .select({ firstReadAt: documentReads.firstReadAt })
    .from(documentReads)
    .where(and(eq(documentReads.documentId, documentId), eq(documentReads.userId, userId)));
  const [b] = await db
    .select({ at: documentBookmarks.createdAt })
    .from(documentBookmarks)
    .where(and(eq(documentBookmarks.documentId, documentId), eq(documentBookmarks.userId, userId)));
  return { readAt: r?.firstReadAt ?? null, bookmarked: !!b };
}

export async function setBookmark(db: Executor, documentId: string, userId: string, on: boolean) {
  if (on) {
    await db.insert(documentBookmarks).values({ documentId, userId }).onConflictDoNothing();
  } else {
    await db
      .delete(documentBookmarks)
      .where(and(eq(documentBookmarks.documentId, documentId), eq(documentBookmarks.userId, userId)));
  }
}

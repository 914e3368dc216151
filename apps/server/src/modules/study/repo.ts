import {
  documentReads,
  documents,
  type Executor,
  members,
  orgUnits,
  studyAttempts,
  studyEssays,
  studyQuestions,
  studyTopicDocuments,
  studyTopics,
  users,
} from '@sotay/db';
import { and, asc, count, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { BankQuestion, QuestionOrder } from './quiz.ts';

export type TopicRow = typeof studyTopics.$inferSelect;
export interface TopicWithOrg {
  topic: TopicRow;
  orgPath: string;
  orgName: string;
}
export type AttemptRow = typeof studyAttempts.$inferSelect;
export type EssayRow = typeof studyEssays.$inferSelect;

/** Members expected to study: chính thức and dự bị (not miễn sinh hoạt, chuyển đi, từ trần, xóa tên). */
export const STUDYING_STATUSES = ['chinh_thuc', 'du_bi'] as const;

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
/** An instant as epoch milliseconds (a plain number on PGlite and node-postgres alike). */
const epochMs = (col: SQL) => sql`(extract(epoch from ${col}) * 1000)::float8`;
export const msToIso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

function arrayOfPaths(paths: string[]) {
  return sql`array[${sql.join(
    paths.map((p) => sql`${p}::ltree`),
    sql`, `,
  )}]`;
}

// ---- topics

export async function findTopic(db: Executor, id: string): Promise<TopicWithOrg | null> {
  const [r] = await db
    .select({ topic: studyTopics, orgPath: orgUnits.path, orgName: orgUnits.name })
    .from(studyTopics)
    .innerJoin(orgUnits, eq(orgUnits.id, studyTopics.orgId))
    .where(eq(studyTopics.id, id))
    .limit(1);
  return r ?? null;
}

export async function findOrgByPath(db: Executor, path: string) {
  const [o] = await db.select().from(orgUnits).where(sql`${orgUnits.path} = ${path}::ltree`).limit(1);
  return o ?? null;
}

export interface TopicListFilter {
  /** Units the actor reviews: topics assigned above them (their members study it) or inside them. */
  reviewPaths: string[];
  /** Units the actor manages: drafts are seen only there. */
  managePaths: string[];
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listTopics(db: Executor, f: TopicListFilter) {
  if (!f.reviewPaths.length) return { items: [], total: 0 };
  const reviewed = arrayOfPaths(f.reviewPaths);
  const where = and(
    sql`(${orgUnits.path} <@ ${reviewed} or ${orgUnits.path} @> ${reviewed})`,
    f.managePaths.length
      ? sql`(${studyTopics.status} <> 'draft' or ${orgUnits.path} <@ ${arrayOfPaths(f.managePaths)})`
      : sql`${studyTopics.status} <> 'draft'`,
    f.status ? eq(studyTopics.status, f.status) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        topic: studyTopics,
        orgPath: orgUnits.path,
        orgName: orgUnits.name,
        documentCount: sql<number>`(select count(*)::int from ${studyTopicDocuments} td where td.topic_id = ${studyTopics.id})`,
        questionCount: sql<number>`(select count(*)::int from ${studyQuestions} q where q.topic_id = ${studyTopics.id})`,
      })
      .from(studyTopics)
      .innerJoin(orgUnits, eq(orgUnits.id, studyTopics.orgId))
      .where(where)
      .orderBy(
        sql`case ${studyTopics.status} when 'assigned' then 0 when 'draft' then 1 else 2 end`,
        desc(studyTopics.createdAt),
        asc(studyTopics.id),
      )
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(studyTopics)
      .innerJoin(orgUnits, eq(orgUnits.id, studyTopics.orgId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function topicDocuments(db: Executor, topicId: string) {
  return db
    .select({
      id: documents.id,
      number: documents.number,
      title: documents.title,
      issuedOn: documents.issuedOn,
      status: documents.status,
    })
    .from(studyTopicDocuments)
    .innerJoin(documents, eq(documents.id, studyTopicDocuments.documentId))
    .where(eq(studyTopicDocuments.topicId, topicId))
    .orderBy(asc(studyTopicDocuments.position));
}

/** The documents a topic may link: their status, audience unit path and audience roles. */
export async function documentsForLinking(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: documents.id,
      title: documents.title,
      status: documents.status,
      audienceRoles: documents.audienceRoles,
      audiencePath: orgUnits.path,
    })
    .from(documents)
    .innerJoin(orgUnits, eq(orgUnits.id, documents.audienceOrgId))
    .where(
      sql`${documents.id} in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
}

export async function topicQuestions(db: Executor, topicId: string): Promise<BankQuestion[]> {
  const rows = await db
    .select()
    .from(studyQuestions)
    .where(eq(studyQuestions.topicId, topicId))
    .orderBy(asc(studyQuestions.position));
  return rows.map((q) => ({
    id: q.id,
    kind: q.kind as BankQuestion['kind'],
    prompt: q.prompt,
    options: q.options as BankQuestion['options'],
    correct: q.correct,
    explanation: q.explanation,
  }));
}

export async function attemptCountOfTopic(db: Executor, topicId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(studyAttempts).where(eq(studyAttempts.topicId, topicId));
  return r?.n ?? 0;
}

export async function insertTopic(db: Executor, row: typeof studyTopics.$inferInsert): Promise<TopicRow> {
  const [t] = await db.insert(studyTopics).values(row).returning();
  return t!;
}

export async function updateTopic(db: Executor, id: string, patch: Partial<typeof studyTopics.$inferInsert>) {
  const [t] = await db.update(studyTopics).set(patch).where(eq(studyTopics.id, id)).returning();
  return t!;
}

export async function replaceDocuments(db: Executor, topicId: string, documentIds: string[]) {
  await db.delete(studyTopicDocuments).where(eq(studyTopicDocuments.topicId, topicId));
  if (documentIds.length)
    await db
      .insert(studyTopicDocuments)
      .values(documentIds.map((documentId, position) => ({ topicId, documentId, position })));
}

export async function replaceQuestions(db: Executor, topicId: string, questions: Omit<BankQuestion, 'id'>[]) {
  await db.delete(studyQuestions).where(eq(studyQuestions.topicId, topicId));
  if (questions.length)
    await db.insert(studyQuestions).values(
      questions.map((q, position) => ({
        topicId,
        position,
        kind: q.kind,
        prompt: q.prompt,
        options: q.options,
        correct: q.correct,
        explanation: q.explanation,
      })),
    );
}

// ---- one member's own study

export interface MyTopicRow {
  id: string;
  kind: string;
  title: string;
  description: string;
  orgName: string;
  dueOn: string | null;
  passMark: number;
  maxAttempts: number | null;
  essayRequired: boolean;
  status: string;
  questionCount: number;
  documentsTotal: number;
  documentsRead: number;
  attemptsUsed: number;
  bestScore: number | null;
  passed: boolean;
  essaySubmitted: boolean;
  createdMs: number;
}

/** Published documents of a topic: what "đã đọc hết" counts (a withdrawn one is no longer asked for). */
const requiredDocs = (topicId: SQL) => sql`
  select td.document_id from study_topic_documents td
  join documents d on d.id = td.document_id and d.status = 'published'
  where td.topic_id = ${topicId}`;

/**
 * Topics addressed to a member's chi bộ or one of its ancestors, with that user's progress.
 * `topicId` narrows to one topic (then closed topics are included too).
 */
export async function topicsOfMember(
  db: Executor,
  { userId, memberPath, topicId }: { userId: string; memberPath: string; topicId?: string },
): Promise<MyTopicRow[]> {
  const r = await db.execute(sql`
    select t.id, t.kind, t.title, t.description, o.name as "orgName", t.due_on::text as "dueOn",
      t.pass_mark as "passMark", t.max_attempts as "maxAttempts", t.essay_required as "essayRequired", t.status,
      (select count(*)::int from study_questions q where q.topic_id = t.id) as "questionCount",
      (select count(*)::int from (${requiredDocs(sql`t.id`)}) d) as "documentsTotal",
      (select count(*)::int from document_reads r
        where r.user_id = ${userId}::uuid and r.document_id in (${requiredDocs(sql`t.id`)})) as "documentsRead",
      a.used as "attemptsUsed", a.best as "bestScore", a.passed,
      exists (select 1 from study_essays e where e.topic_id = t.id and e.user_id = ${userId}::uuid) as "essaySubmitted",
      ${epochMs(sql`t.created_at`)} as "createdMs"
    from study_topics t
    join org_units o on o.id = t.org_id
    left join lateral (
      select count(*)::int as used, max(score)::int as best, coalesce(bool_or(passed), false) as passed
      from study_attempts a where a.topic_id = t.id and a.user_id = ${userId}::uuid and a.submitted_at is not null
    ) a on true
    where o.path @> ${memberPath}::ltree
      and ${topicId ? sql`t.id = ${topicId}::uuid and t.status in ('assigned', 'closed')` : sql`t.status = 'assigned'`}`);
  return rowsOf<MyTopicRow>(r);
}

/** Which of a topic's documents the user has opened ("đã đọc"). */
export async function readDocumentIds(db: Executor, topicId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: documentReads.documentId })
    .from(documentReads)
    .innerJoin(studyTopicDocuments, eq(studyTopicDocuments.documentId, documentReads.documentId))
    .where(and(eq(studyTopicDocuments.topicId, topicId), eq(documentReads.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

export async function attemptsOf(db: Executor, topicId: string, userId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(studyAttempts)
    .where(and(eq(studyAttempts.topicId, topicId), eq(studyAttempts.userId, userId)))
    .orderBy(asc(studyAttempts.startedAt), asc(studyAttempts.id));
}

export async function findAttempt(db: Executor, id: string): Promise<AttemptRow | null> {
  const [a] = await db.select().from(studyAttempts).where(eq(studyAttempts.id, id)).limit(1);
  return a ?? null;
}

export async function openAttempt(db: Executor, topicId: string, userId: string): Promise<AttemptRow | null> {
  const [a] = await db
    .select()
    .from(studyAttempts)
    .where(
      and(
        eq(studyAttempts.topicId, topicId),
        eq(studyAttempts.userId, userId),
        isNull(studyAttempts.submittedAt),
      ),
    )
    .orderBy(desc(studyAttempts.startedAt))
    .limit(1);
  return a ?? null;
}

export async function submittedCount(db: Executor, topicId: string, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(studyAttempts)
    .where(
      and(
        eq(studyAttempts.topicId, topicId),
        eq(studyAttempts.userId, userId),
        isNotNull(studyAttempts.submittedAt),
      ),
    );
  return r?.n ?? 0;
}

/** Serialises one user's quiz and essay writes (two tabs starting or submitting at once). */
export async function lockUser(tx: Executor, userId: string) {
  await tx.execute(sql`select id from users where id = ${userId}::uuid for update`);
}

export async function insertAttempt(db: Executor, row: typeof studyAttempts.$inferInsert) {
  const [a] = await db.insert(studyAttempts).values(row).returning();
  return a!;
}

export async function finishAttempt(
  db: Executor,
  id: string,
  patch: {
    answers: Record<string, string[]>;
    correctCount: number;
    score: number;
    passed: boolean;
    submittedAt: Date;
  },
) {
  const [a] = await db.update(studyAttempts).set(patch).where(eq(studyAttempts.id, id)).returning();
  return a!;
}

export const attemptOrder = (a: AttemptRow) => a.questionOrder as QuestionOrder;

const commenter = alias(users, 'commenter');
const commenterMember = alias(members, 'commenter_member');

export async function findEssay(db: Executor, topicId: string, userId: string) {
  const [r] = await db
    .select({
      essay: studyEssays,
      commentedBy: sql<string | null>`coalesce(${commenterMember.fullName}, ${commenter.username})`,
    })
    .from(studyEssays)
    .leftJoin(commenter, eq(commenter.id, studyEssays.commentedBy))
    .leftJoin(commenterMember, eq(commenterMember.id, commenter.memberId))
    .where(and(eq(studyEssays.topicId, topicId), eq(studyEssays.userId, userId)))
    .limit(1);
  return r ?? null;
}

export async function saveEssay(
  db: Executor,
  row: {
    topicId: string;
    userId: string;
    memberId: string | null;
    body: string;
    fileKey: string | null;
    fileName: string | null;
    fileType: string | null;
    fileSize: number | null;
    submittedAt: Date;
  },
) {
  const [e] = await db
    .insert(studyEssays)
    .values(row)
    .onConflictDoUpdate({
      target: [studyEssays.topicId, studyEssays.userId],
      set: {
        memberId: row.memberId,
        body: row.body,
        fileKey: row.fileKey,
        fileName: row.fileName,
        fileType: row.fileType,
        fileSize: row.fileSize,
        submittedAt: row.submittedAt,
      },
    })
    .returning();
  return e!;
}

export async function commentEssay(db: Executor, id: string, comment: string, by: string, at: Date) {
  await db
    .update(studyEssays)
    .set({ comment, commentedBy: by, commentedAt: at })
    .where(eq(studyEssays.id, id));
}

export async function userOfMember(db: Executor, memberId: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.memberId, memberId)).limit(1);
  return u ?? null;
}

// ---- completion over a unit

export interface ProgressRow {
  memberId: string;
  fullName: string;
  orgId: string;
  orgName: string;
  status: string;
  hasAccount: boolean;
  documentsTotal: number;
  documentsRead: number;
  attempts: number;
  bestScore: number | null;
  passed: boolean;
  passedMs: number | null;
  essayMs: number | null;
  commented: boolean;
  completed: boolean;
}

export interface ProgressScope {
  topicId: string;
  topicPath: string;
  essayRequired: boolean;
  /** The unit looked at: members of its subtree that are also in the topic's subtree. */
  unitPath: string;
  memberId?: string;
}

/**
 * One row per member expected to study the topic (chính thức, dự bị) in the unit: documents read,
 * attempts, best score, passed, essay, and whether all of it makes the topic completed.
 */
function progressQuery(s: ProgressScope) {
  return sql`
    with docs as (${requiredDocs(sql`${s.topicId}::uuid`)}),
    p as (
      select m.id as "memberId", m.full_name as "fullName", m.name_sort as "nameSort", m.org_id as "orgId",
        o.name as "orgName", m.status, u.id is not null as "hasAccount",
        (select count(*)::int from docs) as "documentsTotal",
        (select count(*)::int from document_reads r
          where r.user_id = u.id and r.document_id in (select document_id from docs)) as "documentsRead",
        a.n as attempts, a.best as "bestScore", a.passed, ${epochMs(sql`a.passed_at`)} as "passedMs",
        ${epochMs(sql`e.submitted_at`)} as "essayMs", e.comment is not null as commented
      from members m
      join org_units o on o.id = m.org_id
      left join users u on u.member_id = m.id
      left join lateral (
        select count(*)::int as n, max(score)::int as best, coalesce(bool_or(passed), false) as passed,
          min(submitted_at) filter (where passed) as passed_at
        from study_attempts where topic_id = ${s.topicId}::uuid and user_id = u.id and submitted_at is not null
      ) a on true
      left join study_essays e on e.topic_id = ${s.topicId}::uuid and e.user_id = u.id
      where o.path <@ ${s.unitPath}::ltree and o.path <@ ${s.topicPath}::ltree
        and m.status in ('chinh_thuc', 'du_bi')
        ${s.memberId ? sql`and m.id = ${s.memberId}::uuid` : sql``}
    ),
    c as (
      select p.*, (p."documentsRead" >= p."documentsTotal" and p.passed
        and (p."essayMs" is not null or not ${s.essayRequired}::boolean)) as completed
      from p
    )`;
}

export async function progressRows(
  db: Executor,
  s: ProgressScope,
  opts: { completed?: boolean | undefined; page?: number; pageSize?: number } = {},
): Promise<{ items: ProgressRow[]; total: number }> {
  const filter = opts.completed === undefined ? sql`true` : sql`completed = ${opts.completed}::boolean`;
  const paged = opts.page && opts.pageSize;
  const [items, total] = await Promise.all([
    db.execute(sql`${progressQuery(s)}
      select * from c where ${filter}
      order by ${paged ? sql`` : sql`"orgName", `}"nameSort", "memberId"
      ${paged ? sql`limit ${opts.pageSize} offset ${(opts.page! - 1) * opts.pageSize!}` : sql``}`),
    db.execute(sql`${progressQuery(s)} select count(*)::int as n from c where ${filter}`),
  ]);
  return { items: rowsOf<ProgressRow>(items), total: rowsOf<{ n: number }>(total)[0]?.n ?? 0 };
}

export interface UnitRollupRow {
  orgId: string;
  name: string;
  members: number;
  readAll: number;
  passed: number;
  essays: number;
  completed: number;
}

export async function rollupByChiBo(db: Executor, s: ProgressScope): Promise<UnitRollupRow[]> {
  const r = await db.execute(sql`${progressQuery(s)}
    select "orgId", "orgName" as name, count(*)::int as members,
      (count(*) filter (where "documentsRead" >= "documentsTotal"))::int as "readAll",
      (count(*) filter (where passed))::int as passed,
      (count(*) filter (where "essayMs" is not null))::int as essays,
      (count(*) filter (where completed))::int as completed
    from c group by "orgId", "orgName"`);
  return rowsOf<UnitRollupRow>(r);
}

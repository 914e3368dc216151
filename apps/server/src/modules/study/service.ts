import crypto from 'node:crypto';
import { type Actor, can, isAncestorOrSelf, scopePaths } from '@sotay/core';
import type { Executor } from '@sotay/db';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import type { BankQuestion } from './quiz.ts';
import * as repo from './repo.ts';
import type { CreateTopicInput, QuestionInput, UpdateTopicInput } from './schemas.ts';

/** Today's date in Vietnam (YYYY-MM-DD): due dates are days as people there count them. */
export function vnToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const topicNotFound = () => notFound('Không tìm thấy chuyên đề học tập.');

/** What the actor may do with a topic: manage it (its unit is theirs) and/or review it. */
export function access(actor: Actor, t: repo.TopicWithOrg) {
  const canManage = can(actor, 'study.manage', { orgPath: t.orgPath });
  const canReview =
    canManage ||
    (t.topic.status !== 'draft' &&
      scopePaths(actor, 'study.review').some(
        (p) => isAncestorOrSelf(p, t.orgPath) || isAncestorOrSelf(t.orgPath, p),
      ));
  return { canManage, canReview };
}

/** A topic the actor may review (or manage); 404 otherwise, so other units' topics stay unseen. */
export async function reviewableTopic(deps: Deps, actor: Actor, id: string) {
  const t = await repo.findTopic(deps.database.db, id);
  if (!t) throw topicNotFound();
  const a = access(actor, t);
  if (!a.canReview) throw topicNotFound();
  return { ...t, ...a };
}

async function manageableTopic(deps: Deps, actor: Actor, id: string) {
  const t = await reviewableTopic(deps, actor, id);
  if (!t.canManage) throw forbidden('Chỉ cấp ủy của đơn vị giao chuyên đề mới sửa được chuyên đề này.');
  return t;
}

/**
 * Stored option ids are the server's own random ones, so an id never hints at the answer (an author
 * who always puts the right answer first as "a" gives nothing away once the options are shuffled).
 */
function rekey(questions: QuestionInput[]): Omit<BankQuestion, 'id'>[] {
  return questions.map((q) => {
    const ids = new Map(q.options.map((o) => [o.id, crypto.randomBytes(4).toString('hex')]));
    return {
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o) => ({ id: ids.get(o.id)!, text: o.text })),
      correct: q.correct.map((c) => ids.get(c)!),
      explanation: q.explanation?.trim() || null,
    };
  });
}

/**
 * Documents a topic asks members to read must be published to the whole topic's audience: the
 * document's audience unit is the topic's unit or above, and it is not limited to some roles.
 */
async function checkDocuments(db: Executor, ids: string[], topicPath: string) {
  const found = await repo.documentsForLinking(db, ids);
  const byId = new Map(found.map((d) => [d.id, d]));
  for (const id of ids) {
    const d = byId.get(id);
    if (!d)
      throw unprocessable('study_document_unknown', 'Không tìm thấy một văn bản đã chọn trong thư viện.');
    if (d.status !== 'published')
      throw unprocessable(
        'study_document_unpublished',
        `Văn bản "${d.title}" chưa được phát hành (hoặc đã thu hồi, thay thế) nên không đưa vào chuyên đề được.`,
      );
    if (!isAncestorOrSelf(d.audiencePath, topicPath) || d.audienceRoles.length > 0)
      throw unprocessable(
        'study_document_audience',
        `Văn bản "${d.title}" không được gửi tới toàn bộ đảng viên của đơn vị được giao chuyên đề.`,
      );
  }
}

function checkDueDate(dueOn: string | null, now: Date) {
  if (dueOn && dueOn < vnToday(now))
    throw unprocessable('study_due_past', 'Hạn hoàn thành đã qua. Hãy chọn một ngày từ hôm nay trở đi.');
}

async function present(deps: Deps, t: repo.TopicWithOrg & { canManage: boolean }) {
  const db = deps.database.db;
  const [docs, questions, attemptCount] = await Promise.all([
    repo.topicDocuments(db, t.topic.id),
    t.canManage ? repo.topicQuestions(db, t.topic.id) : Promise.resolve(null),
    repo.attemptCountOfTopic(db, t.topic.id),
  ]);
  return { ...summary(t), canManage: t.canManage, attemptCount, documents: docs, questions };
}

function summary(t: repo.TopicWithOrg) {
  const x = t.topic;
  return {
    id: x.id,
    orgId: x.orgId,
    orgName: t.orgName,
    kind: x.kind as 'chuyen_de' | 'nghi_quyet',
    title: x.title,
    description: x.description,
    dueOn: x.dueOn,
    passMark: x.passMark,
    maxAttempts: x.maxAttempts,
    essayRequired: x.essayRequired,
    status: x.status as 'draft' | 'assigned' | 'closed',
    createdAt: x.createdAt.toISOString(),
    updatedAt: x.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a topic (not the question bank's answers, which stay in the topic). */
const auditView = (x: repo.TopicRow, extra: Record<string, unknown> = {}) => ({
  kind: x.kind,
  title: x.title,
  orgId: x.orgId,
  dueOn: x.dueOn,
  passMark: x.passMark,
  maxAttempts: x.maxAttempts,
  essayRequired: x.essayRequired,
  status: x.status,
  ...extra,
});

export async function listTopics(
  deps: Deps,
  actor: Actor,
  q: { status?: string | undefined; page: number; pageSize: number },
) {
  const { items, total } = await repo.listTopics(deps.database.db, {
    reviewPaths: scopePaths(actor, 'study.review'),
    managePaths: scopePaths(actor, 'study.manage'),
    ...q,
  });
  return {
    items: items.map((r) => ({
      ...summary(r),
      documentCount: r.documentCount,
      questionCount: r.questionCount,
      canManage: can(actor, 'study.manage', { orgPath: r.orgPath }),
    })),
    total,
  };
}

export async function getTopic(deps: Deps, actor: Actor, id: string) {
  return present(deps, await reviewableTopic(deps, actor, id));
}

export async function createTopic(deps: Deps, actor: Actor, input: CreateTopicInput) {
  const db = deps.database.db;
  const org = await findOrg(db, input.orgId);
  if (!org) throw unprocessable('org_not_found', 'Không tìm thấy đơn vị được giao chuyên đề.');
  if (!can(actor, 'study.manage', { orgPath: org.path }))
    throw forbidden('Đồng chí không có quyền giao chuyên đề cho đơn vị này.');
  await checkDocuments(db, input.documentIds, org.path);
  const now = deps.now();
  const id = await db.transaction(async (tx) => {
    const topic = await repo.insertTopic(tx, {
      orgId: org.id,
      kind: input.kind,
      title: input.title,
      description: input.description,
      dueOn: input.dueOn,
      passMark: input.passMark,
      maxAttempts: input.maxAttempts,
      essayRequired: input.essayRequired,
      status: 'draft',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceDocuments(tx, topic.id, input.documentIds);
    await repo.replaceQuestions(tx, topic.id, rekey(input.questions));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'study.topic.create',
        entity: 'study_topic',
        entityId: topic.id,
        orgPath: org.path,
        after: auditView(topic, { documents: input.documentIds.length, questions: input.questions.length }),
      },
      now,
    );
    return topic.id;
  });
  return getTopic(deps, actor, id);
}

export async function updateTopic(deps: Deps, actor: Actor, id: string, input: UpdateTopicInput) {
  const t = await manageableTopic(deps, actor, id);
  const db = deps.database.db;
  if (t.topic.status === 'closed')
    throw unprocessable('study_topic_closed', 'Chuyên đề đã kết thúc nên không sửa được nữa.');
  if (input.questions) {
    if ((await repo.attemptCountOfTopic(db, id)) > 0)
      throw unprocessable(
        'study_questions_locked',
        'Đã có đảng viên làm bài kiểm tra nên không sửa được bộ câu hỏi. Vẫn sửa được tên, mô tả, hạn hoàn thành và văn bản.',
      );
    if (t.topic.status === 'assigned' && input.questions.length === 0)
      throw unprocessable('study_no_questions', 'Chuyên đề đã giao cần ít nhất một câu hỏi kiểm tra.');
  }
  if (input.documentIds) await checkDocuments(db, input.documentIds, t.orgPath);
  const now = deps.now();
  if (t.topic.status === 'assigned' && input.dueOn !== undefined && input.dueOn !== t.topic.dueOn)
    checkDueDate(input.dueOn, now);
  const { documentIds, questions, ...fields } = input;
  await db.transaction(async (tx) => {
    const updated = await repo.updateTopic(tx, id, { ...fields, updatedAt: now });
    if (documentIds) await repo.replaceDocuments(tx, id, documentIds);
    if (questions) await repo.replaceQuestions(tx, id, rekey(questions));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'study.topic.update',
        entity: 'study_topic',
        entityId: id,
        orgPath: t.orgPath,
        before: auditView(t.topic),
        after: auditView(updated, {
          ...(documentIds ? { documents: documentIds.length } : {}),
          ...(questions ? { questions: questions.length } : {}),
        }),
      },
      now,
    );
  });
  return getTopic(deps, actor, id);
}

/** Draft → assigned: members of the subtree see it from now on. */
export async function assignTopic(deps: Deps, actor: Actor, id: string) {
  const t = await manageableTopic(deps, actor, id);
  const db = deps.database.db;
  if (t.topic.status !== 'draft')
    throw unprocessable('study_topic_not_draft', 'Chuyên đề này đã được giao rồi.');
  if ((await repo.topicQuestions(db, id)).length === 0)
    throw unprocessable(
      'study_no_questions',
      'Hãy soạn ít nhất một câu hỏi kiểm tra trước khi giao chuyên đề.',
    );
  const now = deps.now();
  checkDueDate(t.topic.dueOn, now);
  await setStatus(deps, actor, t, 'assigned', 'study.topic.assign', now);
  return getTopic(deps, actor, id);
}

/** Assigned → closed: no more attempts or essays; results stay. */
export async function closeTopic(deps: Deps, actor: Actor, id: string) {
  const t = await manageableTopic(deps, actor, id);
  if (t.topic.status !== 'assigned')
    throw unprocessable(
      'study_topic_not_assigned',
      t.topic.status === 'closed'
        ? 'Chuyên đề đã kết thúc rồi.'
        : 'Chuyên đề chưa được giao nên chưa thể kết thúc.',
    );
  await setStatus(deps, actor, t, 'closed', 'study.topic.close', deps.now());
  return getTopic(deps, actor, id);
}

async function setStatus(
  deps: Deps,
  actor: Actor,
  t: repo.TopicWithOrg,
  status: 'assigned' | 'closed',
  action: string,
  now: Date,
) {
  await deps.database.db.transaction(async (tx) => {
    await repo.updateTopic(tx, t.topic.id, { status, updatedAt: now });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action,
        entity: 'study_topic',
        entityId: t.topic.id,
        orgPath: t.orgPath,
        before: { status: t.topic.status },
        after: { status },
      },
      now,
    );
  });
}

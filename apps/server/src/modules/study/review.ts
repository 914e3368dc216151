import { type Actor, can, isAncestorOrSelf, scopePaths } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findMember } from '../members/repo.ts';
import { findOrg, type OrgRow } from '../orgs/repo.ts';
import { attemptSummaries, essayFile, presentEssay } from './learning.ts';
import * as repo from './repo.ts';
import { reviewableTopic } from './service.ts';

type Topic = Awaited<ReturnType<typeof reviewableTopic>>;

/**
 * The unit looked at: the one asked for (within the actor's review scope and overlapping the topic's
 * subtree), or by default the topic's own unit when the actor reviews it, else the actor's own unit
 * inside the topic's subtree (a chi ủy looking at a commune-wide topic sees their chi bộ).
 */
async function resolveUnit(deps: Deps, actor: Actor, t: Topic, orgId: string | undefined): Promise<OrgRow> {
  const db = deps.database.db;
  if (orgId) {
    const org = await findOrg(db, orgId);
    if (!org || !can(actor, 'study.review', { orgPath: org.path })) throw notFound('Không tìm thấy đơn vị.');
    if (!isAncestorOrSelf(t.orgPath, org.path) && !isAncestorOrSelf(org.path, t.orgPath))
      throw unprocessable('study_unit_outside', 'Chuyên đề này không được giao cho đơn vị đã chọn.');
    return org;
  }
  if (can(actor, 'study.review', { orgPath: t.orgPath })) return (await findOrg(db, t.topic.orgId))!;
  const inside = scopePaths(actor, 'study.review').find((p) => isAncestorOrSelf(t.orgPath, p));
  const org = inside ? await repo.findOrgByPath(db, inside) : null;
  if (!org) throw notFound('Không tìm thấy chuyên đề học tập.');
  return org;
}

const rate = (done: number, of: number) => (of ? Math.round((done * 1000) / of) / 10 : 0);

async function scopeOf(deps: Deps, actor: Actor, topicId: string, orgId: string | undefined) {
  const t = await reviewableTopic(deps, actor, topicId);
  const org = await resolveUnit(deps, actor, t, orgId);
  const scope: repo.ProgressScope = {
    topicId,
    topicPath: t.orgPath,
    essayRequired: t.topic.essayRequired,
    unitPath: org.path,
  };
  return { t, org, scope };
}

export const presentProgress = (r: repo.ProgressRow) => ({
  memberId: r.memberId,
  fullName: r.fullName,
  orgId: r.orgId,
  orgName: r.orgName,
  status: r.status,
  hasAccount: r.hasAccount,
  documentsRead: r.documentsRead,
  documentsTotal: r.documentsTotal,
  attempts: r.attempts,
  bestScore: r.bestScore,
  passed: r.passed,
  passedAt: repo.msToIso(r.passedMs),
  essaySubmittedAt: repo.msToIso(r.essayMs),
  commented: r.commented,
  completed: r.completed,
});

/** Completion for a unit, rolled up per chi bộ (members expected to study, completed, rate in %). */
export async function completion(deps: Deps, actor: Actor, topicId: string, orgId: string | undefined) {
  const { t, org, scope } = await scopeOf(deps, actor, topicId, orgId);
  const units = (await repo.rollupByChiBo(deps.database.db, scope))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((u) => ({ ...u, rate: rate(u.completed, u.members) }));
  const members = units.reduce((n, u) => n + u.members, 0);
  const completed = units.reduce((n, u) => n + u.completed, 0);
  return {
    topic: {
      id: t.topic.id,
      title: t.topic.title,
      dueOn: t.topic.dueOn,
      status: t.topic.status as 'draft' | 'assigned' | 'closed',
    },
    org: { id: org.id, name: org.name },
    members,
    completed,
    rate: rate(completed, members),
    units,
  };
}

export async function memberProgress(
  deps: Deps,
  actor: Actor,
  topicId: string,
  q: { orgId?: string | undefined; completed?: 'true' | 'false' | undefined; page: number; pageSize: number },
) {
  const { scope } = await scopeOf(deps, actor, topicId, q.orgId);
  const { items, total } = await repo.progressRows(deps.database.db, scope, {
    completed: q.completed === undefined ? undefined : q.completed === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map(presentProgress), total };
}

/** One member of the reviewer's scope who is expected to study the topic, with their row of progress. */
async function reviewedMember(deps: Deps, actor: Actor, topicId: string, memberId: string) {
  const t = await reviewableTopic(deps, actor, topicId);
  const db = deps.database.db;
  const m = await findMember(db, memberId);
  const missing = () => notFound('Không tìm thấy đảng viên này trong danh sách học chuyên đề.');
  if (!m || !can(actor, 'study.review', { orgPath: m.orgPath }) || !isAncestorOrSelf(t.orgPath, m.orgPath))
    throw missing();
  const { items } = await repo.progressRows(db, {
    topicId,
    topicPath: t.orgPath,
    essayRequired: t.topic.essayRequired,
    unitPath: m.orgPath,
    memberId,
  });
  if (!items[0]) throw missing();
  const user = await repo.userOfMember(db, memberId);
  return { t, m, progress: items[0], userId: user?.id ?? null };
}

export async function memberStudy(deps: Deps, actor: Actor, topicId: string, memberId: string) {
  const { t, progress, userId } = await reviewedMember(deps, actor, topicId, memberId);
  const db = deps.database.db;
  const [attempts, essay] = userId
    ? await Promise.all([repo.attemptsOf(db, topicId, userId), repo.findEssay(db, topicId, userId)])
    : [[], null];
  return {
    topic: {
      id: t.topic.id,
      title: t.topic.title,
      passMark: t.topic.passMark,
      essayRequired: t.topic.essayRequired,
    },
    member: presentProgress(progress),
    attempts: attemptSummaries(attempts),
    essay: presentEssay(essay),
  };
}

export async function commentOnEssay(
  deps: Deps,
  actor: Actor,
  topicId: string,
  memberId: string,
  comment: string,
) {
  const { m, userId } = await reviewedMember(deps, actor, topicId, memberId);
  const db = deps.database.db;
  const e = userId ? await repo.findEssay(db, topicId, userId) : null;
  if (!e)
    throw unprocessable('study_no_essay', 'Đồng chí này chưa nộp bài thu hoạch nên chưa nhận xét được.');
  const now = deps.now();
  await db.transaction(async (tx) => {
    await repo.commentEssay(tx, e.essay.id, comment, actor.userId, now);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'study.essay.comment',
        entity: 'study_essay',
        entityId: e.essay.id,
        orgPath: m.orgPath,
        before: { comment: e.essay.comment },
        after: { comment },
      },
      now,
    );
  });
  return presentEssay(await repo.findEssay(db, topicId, userId!))!;
}

export async function memberEssayFile(deps: Deps, actor: Actor, topicId: string, memberId: string) {
  const { userId } = await reviewedMember(deps, actor, topicId, memberId);
  return essayFile(deps, userId ? await repo.findEssay(deps.database.db, topicId, userId) : null);
}

/** Every member row of the unit (for the XLSX export), ordered by chi bộ then name. */
export async function exportRows(deps: Deps, actor: Actor, topicId: string, orgId: string | undefined) {
  const { t, org, scope } = await scopeOf(deps, actor, topicId, orgId);
  const { items } = await repo.progressRows(deps.database.db, scope);
  items.sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi'));
  return { topic: t.topic, org, rows: items };
}

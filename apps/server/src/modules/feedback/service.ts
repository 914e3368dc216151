import { type Actor, can, cleanText, isAncestorOrSelf, scopePaths } from '@sotay/core';
import { type FEEDBACK_KINDS, type FEEDBACK_STATUSES, feedback, feedbackMessages, orgUnits } from '@sotay/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { rows } from '../documents/repo.ts';
import { pushToUser } from '../notices/push.ts';
import { memberPath } from '../notices/service.ts';
import { findOrg } from '../orgs/repo.ts';

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** A thread is overdue when no committee has answered it within this many days (FEEDBACK_OVERDUE_DAYS). */
export const overdueDays = () => Math.max(1, Number(process.env.FEEDBACK_OVERDUE_DAYS || 3));

export const FEEDBACK_TOPIC = (userId: string) => `feedback:${userId}`;

function own(actor: Actor) {
  if (!actor.memberId) throw unprocessable('no_member', 'Tài khoản này không gắn với đảng viên nào.');
  return actor.memberId;
}

export async function createFeedback(
  deps: Deps,
  actor: Actor,
  input: { kind: FeedbackKind; title: string; body: string; orgId?: string },
) {
  const memberId = own(actor);
  const db = deps.database.db;
  const path = await memberPath(deps, memberId);
  if (!path) throw unprocessable('no_member', 'Không tìm thấy chi bộ của đồng chí.');
  const [chiBo] = await db.select().from(orgUnits).where(sql`${orgUnits.path} = ${path}::ltree`);
  const target = input.orgId ? await findOrg(db, input.orgId) : chiBo!;
  // to their chi ủy or any cấp ủy above it — never sideways
  if (!target || !isAncestorOrSelf(target.path, path)) {
    throw unprocessable('not_above', 'Chỉ gửi được đến chi ủy của mình hoặc cấp ủy cấp trên.');
  }
  const title = cleanText(input.title);
  const body = input.body.normalize('NFC').trim();
  if (!title || !body) throw badRequest('Hãy nhập tiêu đề và nội dung.');
  const now = deps.now();
  const [f] = await db.transaction(async (tx) => {
    const created = await tx
      .insert(feedback)
      .values({
        memberId,
        userId: actor.userId,
        kind: input.kind,
        title,
        orgId: target.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(feedbackMessages).values({
      feedbackId: created[0]!.id,
      userId: actor.userId,
      fromCommittee: false,
      body,
      createdAt: now,
    });
    return created;
  });
  return detail(deps, actor, f!.id);
}

/** The thread if the actor wrote it or handles the unit it is addressed to. */
async function thread(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.database.db
    .select({ f: feedback, orgPath: orgUnits.path, orgName: orgUnits.name })
    .from(feedback)
    .innerJoin(orgUnits, eq(orgUnits.id, feedback.orgId))
    .where(eq(feedback.id, id));
  if (!row) throw notFound('Không tìm thấy câu hỏi/phản ánh.');
  const handles = can(actor, 'feedback.handle', { orgPath: row.orgPath });
  const mine = row.f.userId === actor.userId;
  if (!handles && !mine) throw notFound('Không tìm thấy câu hỏi/phản ánh.');
  return { ...row, handles, mine };
}

export async function detail(deps: Deps, actor: Actor, id: string) {
  const t = await thread(deps, actor, id);
  const messages = await rows<{
    id: string;
    body: string;
    fromCommittee: boolean;
    author: string | null;
    createdAt: string;
  }>(
    deps.database.db,
    sql`select fm.id, fm.body, fm.from_committee as "fromCommittee",
        coalesce(m.full_name, u.username) as author, (to_json(fm.created_at) #>> '{}') as "createdAt"
      from feedback_messages fm left join users u on u.id = fm.user_id left join members m on m.id = u.member_id
      where fm.feedback_id = ${id} order by fm.created_at, fm.id`,
  );
  const [author] = await rows<{ fullName: string; orgName: string }>(
    deps.database.db,
    sql`select m.full_name as "fullName", o.name as "orgName" from members m join org_units o on o.id = m.org_id
      where m.id = ${t.f.memberId}`,
  );
  return {
    ...summary(t.f, t.orgName),
    author: author ?? null,
    messages,
    canHandle: t.handles,
  };
}

function summary(f: typeof feedback.$inferSelect, orgName: string) {
  const due = f.createdAt.getTime() + overdueDays() * 86_400_000;
  return {
    id: f.id,
    kind: f.kind,
    title: f.title,
    status: f.status,
    orgId: f.orgId,
    orgName,
    escalated: f.escalatedFromOrgId !== null,
    createdAt: f.createdAt.toISOString(),
    answeredAt: f.answeredAt?.toISOString() ?? null,
    overdue: !f.answeredAt && f.status !== 'da_dong' && Date.now() > due,
  };
}

export async function listMine(deps: Deps, actor: Actor) {
  const found = await deps.database.db
    .select({ f: feedback, orgName: orgUnits.name })
    .from(feedback)
    .innerJoin(orgUnits, eq(orgUnits.id, feedback.orgId))
    .where(eq(feedback.userId, actor.userId))
    .orderBy(sql`${feedback.updatedAt} desc`);
  return { items: found.map((r) => summary(r.f, r.orgName)) };
}

/** Threads addressed to the units the actor handles; `overdue`: unanswered for FEEDBACK_OVERDUE_DAYS days. */
export async function listToHandle(
  deps: Deps,
  actor: Actor,
  q: { status?: FeedbackStatus; overdue?: boolean },
) {
  const scope = scopePaths(actor, 'feedback.handle');
  if (!scope.length) return { items: [] };
  const cutoff = new Date(deps.now().getTime() - overdueDays() * 86_400_000);
  const found = await deps.database.db
    .select({ f: feedback, orgName: orgUnits.name })
    .from(feedback)
    .innerJoin(orgUnits, eq(orgUnits.id, feedback.orgId))
    .where(
      sql.join(
        [
          sql`${orgUnits.path} <@ array[${sql.join(
            scope.map((p) => sql`${p}::ltree`),
            sql`, `,
          )}]`,
          q.status ? sql`${feedback.status} = ${q.status}` : null,
          q.overdue
            ? sql`${feedback.answeredAt} is null and ${feedback.status} <> 'da_dong' and ${feedback.createdAt} < ${cutoff.toISOString()}::timestamptz`
            : null,
        ].filter((x) => x !== null),
        sql` and `,
      ),
    )
    .orderBy(asc(feedback.createdAt));
  return { items: found.map((r) => summary(r.f, r.orgName)) };
}

export async function reply(deps: Deps, actor: Actor, id: string, body: string) {
  const t = await thread(deps, actor, id);
  const text = body.normalize('NFC').trim();
  if (!text) throw badRequest('Hãy nhập nội dung trả lời.');
  if (t.f.status === 'da_dong' && !t.handles)
    throw conflict('feedback_closed', 'Câu hỏi đã đóng; hãy gửi câu hỏi mới.');
  const now = deps.now();
  const fromCommittee = t.handles && !t.mine;
  await deps.database.db.transaction(async (tx) => {
    await tx
      .insert(feedbackMessages)
      .values({ feedbackId: id, userId: actor.userId, fromCommittee, body: text, createdAt: now });
    await tx
      .update(feedback)
      .set(
        fromCommittee
          ? { status: 'da_tra_loi', answeredAt: now, updatedAt: now }
          : { status: t.f.status === 'da_tra_loi' ? 'moi' : t.f.status, updatedAt: now },
      )
      .where(eq(feedback.id, id));
  });
  if (fromCommittee) {
    await deps.events.publish(FEEDBACK_TOPIC(t.f.userId), {
      type: 'feedback-reply',
      feedbackId: id,
      title: t.f.title,
    });
    void pushToUser(deps, t.f.userId, {
      title: `Đã có trả lời: ${t.f.title}`,
      body: text.length > 140 ? `${text.slice(0, 137)}…` : text,
      url: `/feedback/${id}`,
      tag: `feedback-${id}`,
    }).catch(() => {});
  }
  return detail(deps, actor, id);
}

export async function setStatus(deps: Deps, actor: Actor, id: string, status: 'dang_xu_ly' | 'da_dong') {
  const t = await thread(deps, actor, id);
  if (!t.handles) throw notFound('Không tìm thấy câu hỏi/phản ánh.');
  const now = deps.now();
  await deps.database.db.update(feedback).set({ status, updatedAt: now }).where(eq(feedback.id, id));
  return detail(deps, actor, id);
}

/** Hands the thread to the cấp ủy one level up (the chi ủy cannot settle it alone). */
export async function escalate(deps: Deps, actor: Actor, id: string, note?: string) {
  const t = await thread(deps, actor, id);
  if (!t.handles) throw notFound('Không tìm thấy câu hỏi/phản ánh.');
  const unit = await findOrg(deps.database.db, t.f.orgId);
  const parent = unit?.parentId ? await findOrg(deps.database.db, unit.parentId) : null;
  if (!parent) throw unprocessable('no_parent', 'Đây đã là cấp cao nhất, không chuyển lên được nữa.');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(feedback)
      .set({ orgId: parent.id, escalatedFromOrgId: t.f.orgId, status: 'moi', updatedAt: now })
      .where(eq(feedback.id, id));
    await tx.insert(feedbackMessages).values({
      feedbackId: id,
      userId: actor.userId,
      fromCommittee: true,
      body: `Đã chuyển lên ${parent.name}${note ? `: ${cleanText(note)}` : '.'}`,
      createdAt: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'feedback.escalate',
        entity: 'feedback',
        entityId: id,
        orgPath: parent.path,
        after: { to: parent.id },
      },
      now,
    );
  });
}

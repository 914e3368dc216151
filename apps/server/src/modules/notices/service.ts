import crypto from 'node:crypto';
import {
  type Actor,
  can,
  cleanText,
  isAncestorOrSelf,
  MEMBER_STATUSES,
  ROLES,
  scopePaths,
} from '@sotay/core';
import { type Executor, noticeRecipients, notices, orgUnits } from '@sotay/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { rows } from '../documents/repo.ts';
import { pushNotice } from './push.ts';

export const NOTICES_TOPIC = 'notices';
const DEFAULT_STATUSES = ['chinh_thuc', 'du_bi'];

export interface NoticeInput {
  title: string;
  body: string;
  audienceOrgId?: string;
  audienceOrgIds?: string[];
  audienceRoles?: string[];
  audienceStatuses?: string[];
  priority?: 'thuong' | 'khan';
  links?: { kind: 'document' | 'meeting'; id: string }[];
  /** Send later; in the past or absent: now. */
  scheduledAt?: string | null;
  /** Keep as a draft (edit, then send). */
  draft?: boolean;
}

type NoticeRow = typeof notices.$inferSelect;

/** What a live inbox learns when a notice goes out: enough to tell whether it is for this member. */
export interface NoticeEvent {
  type: 'notice';
  noticeId: string;
  title: string;
  priority: string;
  audiencePaths: string[];
}

async function audienceUnits(db: Executor, actor: Actor, ids: string[]) {
  if (!ids.length) throw badRequest('Hãy chọn ít nhất một đơn vị nhận thông báo.');
  const units = await db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
  if (units.length !== new Set(ids).size)
    throw unprocessable('unknown_org', 'Có đơn vị nhận không tìm thấy.');
  for (const u of units) {
    if (!can(actor, 'notice.send', { orgPath: u.path })) {
      throw forbidden(`Bạn không có quyền gửi thông báo đến ${u.name}.`);
    }
  }
  return units;
}

function checkList(values: string[] | undefined, allowed: readonly string[], what: string) {
  const bad = (values ?? []).filter((v) => !allowed.includes(v));
  if (bad.length) throw badRequest(`${what} không hợp lệ: ${bad.join(', ')}.`);
  return values ?? [];
}

/** The unit that sends: the actor's own unit that holds every audience unit. */
async function senderUnit(db: Executor, actor: Actor, audiencePaths: string[]) {
  const own = scopePaths(actor, 'notice.send').find((p) =>
    audiencePaths.every((a) => isAncestorOrSelf(p, a)),
  );
  const [u] = own ? await db.select().from(orgUnits).where(sql`${orgUnits.path} = ${own}::ltree`) : [];
  if (!u) throw forbidden('Các đơn vị nhận phải cùng thuộc một đơn vị bạn phụ trách.');
  return u;
}

/** Writes the inbox rows of every recipient; returns how many. One INSERT … SELECT, whatever the size. */
async function deliver(tx: Executor, n: NoticeRow, at: Date): Promise<number> {
  const units = await tx
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, n.audienceOrgIds));
  const statuses = n.audienceStatuses.length ? n.audienceStatuses : DEFAULT_STATUSES;
  const list = (xs: string[], type: string) =>
    sql`array[${sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    )}]::${sql.raw(type)}[]`;
  const roleFilter = n.audienceRoles.length
    ? sql`and exists (select 1 from users u join role_assignments r on r.user_id = u.id and r.revoked_at is null
        where u.member_id = m.id and r.role = any(${list(n.audienceRoles, 'text')}))`
    : sql``;
  const [r] = await rows<{ n: number }>(
    tx,
    sql`with ins as (
        insert into notice_recipients (notice_id, member_id, sent_at)
        select ${n.id}::uuid, m.id, ${at.toISOString()}::timestamptz
        from members m join org_units o on o.id = m.org_id
        where o.path <@ ${list(
          units.map((u) => u.path),
          'ltree',
        )} and m.status = any(${list(statuses, 'text')}) ${roleFilter}
        on conflict do nothing returning 1
      ) select count(*)::int as n from ins`,
  );
  return r?.n ?? 0;
}

async function sendNow(tx: Executor, n: NoticeRow, at: Date) {
  const count = await deliver(tx, n, at);
  await tx
    .update(notices)
    .set({ status: 'sent', sentAt: at, recipients: count, updatedAt: at })
    .where(eq(notices.id, n.id));
  return count;
}

async function announce(deps: Deps, n: NoticeRow) {
  const units = await deps.database.db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, n.audienceOrgIds));
  const event: NoticeEvent = {
    type: 'notice',
    noticeId: n.id,
    title: n.title,
    priority: n.priority,
    audiencePaths: units.map((u) => u.path),
  };
  await deps.events.publish(NOTICES_TOPIC, event);
  // pushes go out in the background: the sender does not wait for thousands of devices
  if (deps.pushInBackground !== false) void pushNotice(deps, n.id).catch(() => {});
}

export async function createNotice(deps: Deps, actor: Actor, input: NoticeInput) {
  const db = deps.database.db;
  const title = cleanText(input.title);
  const body = input.body.normalize('NFC').trim();
  if (!title || !body) throw badRequest('Thông báo cần có tiêu đề và nội dung.');
  const ids = [
    ...new Set([...(input.audienceOrgIds ?? []), ...(input.audienceOrgId ? [input.audienceOrgId] : [])]),
  ];
  const units = await audienceUnits(db, actor, ids);
  const sender = await senderUnit(
    db,
    actor,
    units.map((u) => u.path),
  );
  const now = deps.now();
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
  const later = scheduledAt !== null && scheduledAt > now;
  const row: NoticeRow = {
    id: crypto.randomUUID(),
    orgId: sender.id,
    audienceOrgIds: ids,
    audienceRoles: checkList(input.audienceRoles, ROLES, 'Vai trò'),
    audienceStatuses: checkList(input.audienceStatuses, MEMBER_STATUSES, 'Trạng thái đảng viên'),
    priority: input.priority ?? 'thuong',
    title,
    body,
    links: input.links ?? [],
    status: input.draft ? 'draft' : later ? 'scheduled' : 'sent',
    scheduledAt: later ? scheduledAt : null,
    sentAt: null,
    recalledAt: null,
    recipients: 0,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(notices).values({ ...row, status: row.status === 'sent' ? 'draft' : row.status });
    if (row.status === 'sent') await sendNow(tx, row, now);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'notice.create',
        entity: 'notice',
        entityId: row.id,
        orgPath: sender.path,
        after: { title, status: row.status, audienceOrgIds: ids, scheduledAt: row.scheduledAt },
      },
      now,
    );
  });
  if (row.status === 'sent') await announce(deps, row);
  return noticeForSender(deps, actor, row.id);
}

async function ownNotice(deps: Deps, actor: Actor, id: string) {
  const [row] = await deps.database.db
    .select({ n: notices, path: orgUnits.path })
    .from(notices)
    .innerJoin(orgUnits, eq(orgUnits.id, notices.orgId))
    .where(eq(notices.id, id));
  if (!row || !can(actor, 'notice.send', { orgPath: row.path })) throw notFound('Không tìm thấy thông báo.');
  return row;
}

export async function noticeForSender(deps: Deps, actor: Actor, id: string) {
  const { n } = await ownNotice(deps, actor, id);
  const [read] = await rows<{ read: number }>(
    deps.database.db,
    sql`select count(*)::int as read from notice_recipients where notice_id = ${id} and read_at is not null`,
  );
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    priority: n.priority,
    status: n.status,
    audienceOrgIds: n.audienceOrgIds,
    audienceRoles: n.audienceRoles,
    audienceStatuses: n.audienceStatuses,
    links: n.links,
    scheduledAt: n.scheduledAt?.toISOString() ?? null,
    sentAt: n.sentAt?.toISOString() ?? null,
    recalledAt: n.recalledAt?.toISOString() ?? null,
    recipients: n.recipients,
    read: read?.read ?? 0,
  };
}

export async function listSent(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const scope = scopePaths(actor, 'notice.send');
  const db = deps.database.db;
  const where = scope.length
    ? sql`o.path <@ array[${sql.join(
        scope.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}]`
    : sql`false`;
  const ids = await rows<{ id: string }>(
    db,
    sql`select n.id from notices n join org_units o on o.id = n.org_id where ${where}
      order by coalesce(n.sent_at, n.scheduled_at, n.created_at) desc, n.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notices n join org_units o on o.id = n.org_id where ${where}`,
  );
  const items = [];
  for (const { id } of ids) items.push(await noticeForSender(deps, actor, id));
  return { items, total: total?.n ?? 0 };
}

/** Edit a draft or scheduled notice; sending it now when asked. */
export async function updateNotice(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Partial<NoticeInput> & { send?: boolean },
) {
  const { n, path } = await ownNotice(deps, actor, id);
  if (n.status !== 'draft' && n.status !== 'scheduled') {
    throw conflict('notice_sent', 'Thông báo đã gửi; chỉ có thể thu hồi.');
  }
  const db = deps.database.db;
  const next = { ...n };
  if (input.title !== undefined) next.title = cleanText(input.title);
  if (input.body !== undefined) next.body = input.body.normalize('NFC').trim();
  if (!next.title || !next.body) throw badRequest('Thông báo cần có tiêu đề và nội dung.');
  if (input.priority) next.priority = input.priority;
  if (input.audienceOrgIds) {
    await audienceUnits(db, actor, input.audienceOrgIds);
    next.audienceOrgIds = input.audienceOrgIds;
  }
  if (input.audienceRoles) next.audienceRoles = checkList(input.audienceRoles, ROLES, 'Vai trò');
  if (input.audienceStatuses)
    next.audienceStatuses = checkList(input.audienceStatuses, MEMBER_STATUSES, 'Trạng thái đảng viên');
  if (input.links) next.links = input.links;
  const now = deps.now();
  if (input.scheduledAt !== undefined) {
    const at = input.scheduledAt ? new Date(input.scheduledAt) : null;
    next.scheduledAt = at && at > now ? at : null;
    next.status = next.scheduledAt ? 'scheduled' : 'draft';
  }
  await db.transaction(async (tx) => {
    await tx
      .update(notices)
      .set({ ...next, id: undefined, updatedAt: now })
      .where(eq(notices.id, id));
    if (input.send) await sendNow(tx, next, now);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: input.send ? 'notice.send' : 'notice.update',
        entity: 'notice',
        entityId: id,
        orgPath: path,
      },
      now,
    );
  });
  if (input.send) await announce(deps, next);
  return noticeForSender(deps, actor, id);
}

export async function recallNotice(deps: Deps, actor: Actor, id: string) {
  const { n, path } = await ownNotice(deps, actor, id);
  if (n.status !== 'sent') throw conflict('notice_not_sent', 'Chỉ thu hồi được thông báo đã gửi.');
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(notices)
      .set({ status: 'recalled', recalledAt: now, updatedAt: now })
      .where(eq(notices.id, id));
    await appendAudit(
      tx,
      { actorUserId: actor.userId, action: 'notice.recall', entity: 'notice', entityId: id, orgPath: path },
      now,
    );
  });
  await deps.events.publish(NOTICES_TOPIC, { type: 'recall', noticeId: id });
}

/** Sends scheduled notices whose time has come. Safe on several nodes: the status flip is the claim. */
export async function sendDueNotices(deps: Deps): Promise<number> {
  const now = deps.now();
  const due = await deps.database.db
    .select({ id: notices.id })
    .from(notices)
    .where(
      and(eq(notices.status, 'scheduled'), sql`${notices.scheduledAt} <= ${now.toISOString()}::timestamptz`),
    );
  let sent = 0;
  for (const { id } of due) {
    const claimed = await deps.database.db.transaction(async (tx) => {
      const [n] = await tx
        .update(notices)
        .set({ status: 'sent', sentAt: now, updatedAt: now })
        .where(and(eq(notices.id, id), eq(notices.status, 'scheduled')))
        .returning();
      if (!n) return null;
      await sendNow(tx, n, now);
      return n;
    });
    if (claimed) {
      sent++;
      await announce(deps, claimed);
    }
  }
  return sent;
}

// ── the member's inbox ───────────────────────────────────────────────────────────────────────────

function ownMember(actor: Actor): string | null {
  return actor.memberId;
}

export async function unreadCount(deps: Deps, memberId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    deps.database.db,
    sql`select count(*)::int as n from notice_recipients r join notices n on n.id = r.notice_id
      where r.member_id = ${memberId} and r.read_at is null and n.status = 'sent'`,
  );
  return r?.n ?? 0;
}

export async function inbox(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const memberId = ownMember(actor);
  if (!memberId) return { items: [], unread: 0, total: 0 };
  const db = deps.database.db;
  const items = await rows<{
    id: string;
    title: string;
    body: string;
    priority: string;
    sentAt: string;
    readAt: string | null;
    sender: string;
    links: { kind: string; id: string }[];
  }>(
    db,
    sql`select n.id, n.title, n.body, n.priority, (to_json(r.sent_at) #>> '{}') as "sentAt",
        (to_json(r.read_at) #>> '{}') as "readAt", o.name as sender, n.links
      from notice_recipients r join notices n on n.id = r.notice_id join org_units o on o.id = n.org_id
      where r.member_id = ${memberId} and n.status = 'sent'
      order by r.sent_at desc, n.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notice_recipients r join notices n on n.id = r.notice_id
      where r.member_id = ${memberId} and n.status = 'sent'`,
  );
  return { items, unread: await unreadCount(deps, memberId), total: total?.n ?? 0 };
}

export async function markRead(deps: Deps, actor: Actor, noticeId: string) {
  const memberId = ownMember(actor);
  const db = deps.database.db;
  const [row] = memberId
    ? await db
        .select({ readAt: noticeRecipients.readAt, status: notices.status })
        .from(noticeRecipients)
        .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
        .where(and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.memberId, memberId)))
    : [];
  if (row?.status !== 'sent' || !memberId) throw notFound('Không tìm thấy thông báo.');
  if (!row.readAt) {
    await db
      .update(noticeRecipients)
      .set({ readAt: deps.now() })
      .where(and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.memberId, memberId)));
  }
}

/** The member's chi bộ path, to tell which notice events concern them. */
export async function memberPath(deps: Deps, memberId: string): Promise<string | null> {
  const [r] = await rows<{ path: string }>(
    deps.database.db,
    sql`select o.path::text as path from members m join org_units o on o.id = m.org_id where m.id = ${memberId}`,
  );
  return r?.path ?? null;
}

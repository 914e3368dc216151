import crypto from 'node:crypto';
import { type Actor, can, cleanText, scopePaths } from '@sotay/core';
import {
  documents,
  type Executor,
  type MeetingKind,
  meetingCheckIns,
  meetingInvitations,
  meetingMaterials,
  meetings,
  members,
} from '@sotay/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { badRequest, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { rows } from '../documents/repo.ts';
import { findOrg, underAny } from '../orgs/repo.ts';
import { codeValidAt, currentCode, newCheckInSecret } from './check-in-code.ts';
import {
  attendanceRows,
  checkInOf,
  counts,
  invitation,
  inviteSubtree,
  type MeetingRow,
  meetingWithOrg,
} from './repo.ts';

/** Codes are accepted from two hours before the start until the end (or eight hours after the start). */
const OPEN_BEFORE_MS = 2 * 3_600_000;
const OPEN_AFTER_MS = 8 * 3_600_000;
/** An offline check-in is sent within two days of the scan, or not at all. */
const OFFLINE_MAX_AGE_MS = 48 * 3_600_000;

export const topicOf = (meetingId: string) => `meeting:${meetingId}`;

export interface NewMeeting {
  orgId: string;
  title: string;
  startsAt: string;
  endsAt?: string | null;
  location?: string | null;
  onlineUrl?: string | null;
  kind?: MeetingKind;
  agenda?: string[];
  chairMemberId?: string | null;
  secretaryMemberId?: string | null;
  documentIds?: string[];
  /** Also create this many monthly meetings after this one (a định kỳ series). */
  repeatMonthly?: number;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof meetingWithOrg>>>;

/** A meeting the actor may see: invited, or managing its unit. Anyone else gets 404. */
async function visible(deps: Deps, actor: Actor, id: string) {
  const m = await meetingWithOrg(deps.database.db, id);
  if (!m) throw notFound('Không tìm thấy cuộc họp.');
  const manages = can(actor, 'meeting.manage', { orgPath: m.orgPath });
  const invite = actor.memberId ? await invitation(deps.database.db, id, actor.memberId) : null;
  if (!manages && !invite) throw notFound('Không tìm thấy cuộc họp.');
  return { m, manages, invite };
}

async function managed(deps: Deps, actor: Actor, id: string): Promise<Loaded> {
  const { m, manages } = await visible(deps, actor, id);
  if (!manages) throw forbidden('Chỉ chi ủy/cấp ủy của đơn vị tổ chức cuộc họp mới làm được việc này.');
  return m;
}

function addMonths(d: Date, n: number): Date {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x;
}

async function checkMembersOf(db: Executor, path: string, ids: (string | null | undefined)[]) {
  const wanted = ids.filter((x): x is string => !!x);
  if (!wanted.length) return;
  const found = await rows<{ id: string }>(
    db,
    sql`select m.id from members m join org_units o on o.id = m.org_id
      where m.id in (${sql.join(
        wanted.map((i) => sql`${i}::uuid`),
        sql`, `,
      )}) and o.path <@ ${path}::ltree`,
  );
  if (found.length !== new Set(wanted).size) {
    throw unprocessable('unknown_member', 'Chủ trì/thư ký phải là đảng viên của đơn vị tổ chức cuộc họp.');
  }
}

export async function createMeeting(deps: Deps, actor: Actor, input: NewMeeting) {
  const db = deps.database.db;
  const org = await findOrg(db, input.orgId);
  if (!org || org.closedAt) throw unprocessable('unknown_org', 'Không tìm thấy đơn vị tổ chức cuộc họp.');
  if (!can(actor, 'meeting.manage', { orgPath: org.path })) {
    throw forbidden('Bạn không có quyền tổ chức cuộc họp cho đơn vị này.');
  }
  const title = cleanText(input.title);
  if (!title) throw badRequest('Tên cuộc họp không được để trống.');
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= startsAt) throw badRequest('Giờ kết thúc phải sau giờ bắt đầu.');
  await checkMembersOf(db, org.path, [input.chairMemberId, input.secretaryMemberId]);
  const docIds = [...new Set(input.documentIds ?? [])];
  if (docIds.length) {
    const found = await db.select({ id: documents.id }).from(documents).where(inArray(documents.id, docIds));
    if (found.length !== docIds.length)
      throw unprocessable('unknown_document', 'Có tài liệu không tìm thấy trong thư viện.');
  }
  const repeat = input.repeatMonthly ?? 0;
  const seriesId = repeat > 0 ? crypto.randomUUID() : null;
  const now = deps.now();
  const ids: string[] = [];
  await db.transaction(async (tx) => {
    for (let k = 0; k <= repeat; k++) {
      const id = crypto.randomUUID();
      ids.push(id);
      await tx.insert(meetings).values({
        id,
        orgId: org.id,
        kind: input.kind ?? (org.kind === 'chi_bo' ? 'dinh_ky' : 'hoi_nghi'),
        title,
        startsAt: addMonths(startsAt, k),
        endsAt: endsAt ? addMonths(endsAt, k) : null,
        location: cleanText(input.location ?? '') || null,
        onlineUrl: input.onlineUrl?.trim() || null,
        agenda: (input.agenda ?? []).map(cleanText).filter(Boolean),
        chairMemberId: input.chairMemberId ?? null,
        secretaryMemberId: input.secretaryMemberId ?? null,
        seriesId,
        checkInSecret: newCheckInSecret(),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await inviteSubtree(tx, id, org.path);
      if (docIds.length) {
        await tx
          .insert(meetingMaterials)
          .values(docIds.map((documentId, position) => ({ meetingId: id, documentId, position })));
      }
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'meeting.create',
        entity: 'meeting',
        entityId: ids[0]!,
        orgPath: org.path,
        after: { title, startsAt: startsAt.toISOString(), repeatMonthly: repeat },
      },
      now,
    );
  });
  return meetingDetail(deps, actor, ids[0]!);
}

const personName = async (db: Executor, id: string | null) => {
  if (!id) return null;
  const [m] = await db
    .select({ id: members.id, fullName: members.fullName })
    .from(members)
    .where(eq(members.id, id));
  return m ? { memberId: m.id, fullName: m.fullName } : null;
};

export async function meetingDetail(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const { m, manages, invite } = await visible(deps, actor, id);
  const mine = invite && actor.memberId ? await checkInOf(db, id, actor.memberId) : null;
  const materials = await db
    .select({ documentId: documents.id, number: documents.number, title: documents.title })
    .from(meetingMaterials)
    .innerJoin(documents, eq(documents.id, meetingMaterials.documentId))
    .where(eq(meetingMaterials.meetingId, id))
    .orderBy(asc(meetingMaterials.position));
  return {
    ...present(m),
    chair: await personName(db, m.chairMemberId),
    secretary: await personName(db, m.secretaryMemberId),
    materials,
    ...(await counts(db, id)),
    myInvitation: invite
      ? {
          rsvp: invite.rsvp,
          reason: invite.reason,
          guest: invite.guest,
          checkedInAt: mine?.checkedInAt.toISOString() ?? null,
          method: mine?.method ?? null,
        }
      : null,
    canManage: manages,
  };
}

function present(m: Loaded) {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName,
    kind: m.kind,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    location: m.location,
    onlineUrl: m.onlineUrl,
    agenda: m.agenda,
    status: m.status,
    seriesId: m.seriesId,
    minutesFinalizedAt: m.minutesFinalizedAt?.toISOString() ?? null,
  };
}

/** The actor's meetings: those they are invited to, and (for committees) those of the units they manage. */
export async function listMeetings(
  deps: Deps,
  actor: Actor,
  q: { from?: string; to?: string; orgId?: string; page: number; pageSize: number },
) {
  const db = deps.database.db;
  const scope = scopePaths(actor, 'meeting.manage');
  let under: string | null = null;
  if (q.orgId) {
    const org = await findOrg(db, q.orgId);
    if (!org) throw notFound('Không tìm thấy đơn vị.');
    under = org.path;
  }
  const where = sql.join(
    [
      sql`(${underAny(sql`o.path`, scope)} or exists (select 1 from meeting_invitations i
        where i.meeting_id = m.id and i.member_id = ${actor.memberId ?? '00000000-0000-0000-0000-000000000000'}::uuid))`,
      q.from ? sql`m.starts_at >= ${new Date(q.from).toISOString()}::timestamptz` : null,
      q.to ? sql`m.starts_at < ${new Date(q.to).toISOString()}::timestamptz` : null,
      under ? sql`o.path <@ ${under}::ltree` : null,
    ].filter((x) => x !== null),
    sql` and `,
  );
  const items = await rows<{ id: string }>(
    db,
    sql`select m.id from meetings m join org_units o on o.id = m.org_id where ${where}
      order by m.starts_at desc, m.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from meetings m join org_units o on o.id = m.org_id where ${where}`,
  );
  const detailed = [];
  for (const { id } of items) detailed.push(await meetingDetail(deps, actor, id));
  return { items: detailed, total: total?.n ?? 0 };
}

export async function respond(
  deps: Deps,
  actor: Actor,
  id: string,
  body: { rsvp: 'yes' | 'no'; reason?: string },
) {
  const { m, invite } = await visible(deps, actor, id);
  if (!invite || !actor.memberId)
    throw forbidden('Đồng chí không có tên trong danh sách mời của cuộc họp này.');
  const reason = cleanText(body.reason ?? '') || null;
  if (body.rsvp === 'no' && !reason) throw badRequest('Hãy ghi lý do vắng mặt.');
  await deps.database.db
    .update(meetingInvitations)
    .set({ rsvp: body.rsvp, reason: body.rsvp === 'no' ? reason : null, rsvpAt: deps.now() })
    .where(and(eq(meetingInvitations.meetingId, id), eq(meetingInvitations.memberId, actor.memberId)));
  await publishCounts(deps, m.id);
}

/** Invites guests by hand: a cấp ủy viên phụ trách, or an exempt member who wishes to come. */
export async function addGuests(deps: Deps, actor: Actor, id: string, memberIds: string[]) {
  const m = await managed(deps, actor, id);
  const db = deps.database.db;
  const found = await rows<{ id: string; path: string }>(
    db,
    sql`select m.id, o.path::text as path from members m join org_units o on o.id = m.org_id
      where m.id in (${sql.join(
        memberIds.map((x) => sql`${x}::uuid`),
        sql`, `,
      )})`,
  );
  if (found.length !== new Set(memberIds).size)
    throw unprocessable('unknown_member', 'Có đảng viên không tìm thấy.');
  if (found.some((f) => !can(actor, 'member.read', { orgPath: f.path }))) {
    throw forbidden('Chỉ mời được đảng viên trong phạm vi đồng chí quản lý.');
  }
  await db
    .insert(meetingInvitations)
    .values(found.map((f) => ({ meetingId: id, memberId: f.id, guest: true })))
    .onConflictDoNothing();
  await appendAudit(db, {
    actorUserId: actor.userId,
    action: 'meeting.guests',
    entity: 'meeting',
    entityId: id,
    orgPath: m.orgPath,
    after: { memberIds },
  });
  await publishCounts(deps, id);
}

export async function cancelMeeting(deps: Deps, actor: Actor, id: string) {
  const m = await managed(deps, actor, id);
  await deps.database.db.transaction(async (tx) => {
    await tx.update(meetings).set({ status: 'cancelled', updatedAt: deps.now() }).where(eq(meetings.id, id));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: 'meeting.cancel',
      entity: 'meeting',
      entityId: id,
      orgPath: m.orgPath,
    });
  });
}

export async function checkInCode(deps: Deps, actor: Actor, id: string) {
  const m = await managed(deps, actor, id);
  const { code, expiresAt } = currentCode(m.checkInSecret, m.id, deps.now());
  return { code, expiresAt: expiresAt.toISOString() };
}

function openWindow(m: MeetingRow) {
  const from = m.startsAt.getTime() - OPEN_BEFORE_MS;
  const to = (m.endsAt ?? new Date(m.startsAt.getTime() + OPEN_AFTER_MS)).getTime();
  return { from, to };
}

export interface CheckInInput {
  code?: string;
  /** When the code was scanned (offline check-ins sent later). */
  scannedAt?: string;
  /** Marked by the chi ủy (members without a smartphone, or who forgot it). */
  memberId?: string;
  via?: 'qr' | 'code';
}

/** Records a check-in; `created` is false when the member was already present (200, never a duplicate). */
export async function checkIn(deps: Deps, actor: Actor, id: string, input: CheckInInput) {
  const db = deps.database.db;
  const { m, manages, invite } = await visible(deps, actor, id);
  if (m.status === 'cancelled') throw unprocessable('meeting_cancelled', 'Cuộc họp đã bị hủy.');
  const now = deps.now();
  let memberId: string;
  let method: 'code' | 'qr' | 'offline' | 'manual';
  let at = now;
  if (input.memberId) {
    if (!manages) throw forbidden('Chỉ chi ủy mới điểm danh hộ đảng viên khác.');
    if (!(await invitation(db, id, input.memberId))) {
      throw unprocessable(
        'not_invited',
        'Đảng viên này không có trong danh sách mời; hãy thêm vào khách mời trước.',
      );
    }
    [memberId, method] = [input.memberId, 'manual'];
  } else {
    if (!actor.memberId || !invite) {
      throw forbidden('Đồng chí không có tên trong danh sách mời của cuộc họp này.');
    }
    if (!input.code) throw badRequest('Hãy nhập mã điểm danh gồm 6 chữ số.');
    memberId = actor.memberId;
    method = input.via === 'qr' ? 'qr' : 'code';
    if (input.scannedAt) {
      at = new Date(input.scannedAt);
      if (at.getTime() > now.getTime() + 60_000 || now.getTime() - at.getTime() > OFFLINE_MAX_AGE_MS) {
        throw unprocessable(
          'invalid_code',
          'Thời điểm quét mã không hợp lệ (mã quét quá 2 ngày trước không được chấp nhận).',
        );
      }
      if (now.getTime() - at.getTime() > 60_000) method = 'offline';
    }
    const open = openWindow(m);
    if (at.getTime() < open.from || at.getTime() > open.to) {
      throw unprocessable('check_in_closed', 'Chưa đến hoặc đã hết giờ điểm danh của cuộc họp này.');
    }
    if (!codeValidAt(m.checkInSecret, m.id, input.code, at)) {
      throw unprocessable(
        'invalid_code',
        'Mã điểm danh không đúng hoặc đã hết hạn. Hãy nhìn mã mới trên màn hình của chi ủy.',
      );
    }
  }
  const lateMinutes = Math.max(0, Math.floor((at.getTime() - m.startsAt.getTime()) / 60_000));
  const inserted = await db
    .insert(meetingCheckIns)
    .values({
      meetingId: id,
      memberId,
      method,
      checkedInAt: at,
      lateMinutes,
      recordedBy: actor.userId,
      recordedAt: now,
    })
    .onConflictDoNothing()
    .returning({ memberId: meetingCheckIns.memberId });
  const created = inserted.length > 0;
  const row = (await checkInOf(db, id, memberId))!;
  if (created) {
    if (method === 'manual') {
      await appendAudit(db, {
        actorUserId: actor.userId,
        action: 'meeting.mark',
        entity: 'meeting',
        entityId: id,
        orgPath: m.orgPath,
        after: { memberId },
      });
    }
    const [who] = await db.select({ n: members.fullName }).from(members).where(eq(members.id, memberId));
    await publishCounts(deps, id, {
      memberId,
      method,
      checkedInAt: row.checkedInAt.toISOString(),
      fullName: who?.n ?? null,
    });
  }
  return {
    created,
    checkIn: {
      memberId,
      method: row.method,
      checkedInAt: row.checkedInAt.toISOString(),
      lateMinutes: row.lateMinutes,
    },
  };
}

/** Undoes a check-in recorded by mistake (chi ủy only; audited). */
export async function removeCheckIn(deps: Deps, actor: Actor, id: string, memberId: string) {
  const m = await managed(deps, actor, id);
  const removed = await deps.database.db
    .delete(meetingCheckIns)
    .where(and(eq(meetingCheckIns.meetingId, id), eq(meetingCheckIns.memberId, memberId)))
    .returning();
  if (!removed.length) throw notFound('Đảng viên này chưa được điểm danh.');
  await appendAudit(deps.database.db, {
    actorUserId: actor.userId,
    action: 'meeting.unmark',
    entity: 'meeting',
    entityId: id,
    orgPath: m.orgPath,
    before: { memberId, method: removed[0]!.method },
  });
  await publishCounts(deps, id);
}

/** Per event bus: meetings whose counts are due to be sent (coalesced, so a burst costs one count). */
const dueCounts = new WeakMap<object, Set<string>>();
const COUNTS_EVERY_MS = 250;

/**
 * Tells live screens: a check-in at once (no database work), and the counts a moment later, once for
 * however many check-ins arrived meanwhile — 5 000 members checking in must not mean 5 000 recounts.
 */
async function publishCounts(
  deps: Deps,
  id: string,
  checkIn?: { memberId: string; method: string; checkedInAt: string; fullName: string | null },
) {
  if (checkIn) await deps.events.publish(topicOf(id), { type: 'check-in', ...checkIn });
  const due = dueCounts.get(deps.events) ?? new Set<string>();
  dueCounts.set(deps.events, due);
  if (due.has(id)) return;
  due.add(id);
  setTimeout(() => {
    due.delete(id);
    counts(deps.database.db, id)
      .then((c) => deps.events.publish(topicOf(id), { type: 'counts', ...c }))
      .catch(() => {}); // the server may be closing; the next check-in sends them again
  }, COUNTS_EVERY_MS).unref();
}

export async function attendance(deps: Deps, actor: Actor, id: string) {
  await managed(deps, actor, id);
  const db = deps.database.db;
  const items = await attendanceRows(db, id);
  return {
    ...(await counts(db, id)),
    items: items.map((r) => ({
      ...r,
      state: r.checkedInAt
        ? ('present' as const)
        : r.rsvp === 'no'
          ? ('excused' as const)
          : ('absent' as const),
    })),
  };
}

/** For the live screen: the counts now (sent first) and whether the actor may watch. */
export async function liveSnapshot(deps: Deps, actor: Actor, id: string) {
  await managed(deps, actor, id);
  return counts(deps.database.db, id);
}

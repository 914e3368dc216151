import { type Actor, can, cleanText, scopePaths } from '@sotay/core';
import { members, orgUnits, profileCorrections, users } from '@sotay/db';
import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findByCardOrCccd, findMember, type MemberWithOrg } from '../members/repo.ts';
import { nameSort, searchText } from '../members/search-text.ts';
import { underAny } from '../orgs/repo.ts';

/** Party-record fields a member may not edit directly: they ask, the chi ủy approves. */
export const RECORD_FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'cccd',
  'partyCardNumber',
  'joinedOn',
  'officialOn',
  'education',
  'position',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export type Changes = Partial<Record<RecordField, string | null>>;
type Diff = Partial<Record<RecordField, { from: string | null; to: string | null }>>;

function ownMember(actor: Actor): string {
  if (!actor.memberId) throw new AppError(422, 'no_member', 'Tài khoản này không gắn với đảng viên nào.');
  return actor.memberId;
}

const present = (
  r: typeof profileCorrections.$inferSelect,
  extra: { fullName?: string; orgName?: string } = {},
) => ({
  id: r.id,
  memberId: r.memberId,
  changes: r.changes as Diff,
  note: r.note,
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  fullName: extra.fullName ?? null,
  orgName: extra.orgName ?? null,
});

/** The member confirms their brief profile is right (one of the basic functions of proficiency). */
export async function confirmProfile(deps: Deps, actor: Actor) {
  const m = (await findMember(deps.database.db, ownMember(actor)))!;
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx.update(members).set({ profileConfirmedAt: now }).where(eq(members.id, m.id));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'member.profile.confirm',
        entity: 'member',
        entityId: m.id,
        orgPath: m.orgPath,
      },
      now,
    );
  });
  return { confirmedAt: now.toISOString() };
}

export async function requestCorrection(deps: Deps, actor: Actor, changes: Changes, note: string | null) {
  const m = (await findMember(deps.database.db, ownMember(actor)))!;
  const diff: Diff = {};
  for (const f of RECORD_FIELDS) {
    if (!(f in changes)) continue;
    const to = typeof changes[f] === 'string' ? cleanText(changes[f]!) || null : null;
    const from = (m[f] as string | null) ?? null;
    if (to !== from) diff[f] = { from, to };
  }
  if (!Object.keys(diff).length)
    throw new AppError(422, 'no_changes', 'Các thông tin đề nghị sửa giống hệt hồ sơ hiện tại.');
  const now = deps.now();
  const row = await deps.database.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(profileCorrections)
      .values({ memberId: m.id, changes: diff, note, createdAt: now })
      .returning();
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'member.correction.request',
        entity: 'profile_correction',
        entityId: r!.id,
        orgPath: m.orgPath,
        after: diff,
      },
      now,
    );
    return r!;
  });
  return present(row);
}

export async function myCorrections(deps: Deps, actor: Actor) {
  const rows = await deps.database.db
    .select()
    .from(profileCorrections)
    .where(eq(profileCorrections.memberId, ownMember(actor)))
    .orderBy(desc(profileCorrections.createdAt));
  return { items: rows.map((r) => present(r)) };
}

export async function listCorrections(deps: Deps, actor: Actor, status: string) {
  const rows = await deps.database.db
    .select({ c: profileCorrections, fullName: members.fullName, orgName: orgUnits.name })
    .from(profileCorrections)
    .innerJoin(members, eq(members.id, profileCorrections.memberId))
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(
      and(eq(profileCorrections.status, status), underAny(orgUnits.path, scopePaths(actor, 'member.write'))),
    )
    .orderBy(desc(profileCorrections.createdAt))
    .limit(500);
  return { items: rows.map((r) => present(r.c, { fullName: r.fullName, orgName: r.orgName })) };
}

async function pending(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ c: typeof profileCorrections.$inferSelect; m: MemberWithOrg }> {
  const [c] = await deps.database.db
    .select()
    .from(profileCorrections)
    .where(eq(profileCorrections.id, id))
    .limit(1);
  const m = c ? await findMember(deps.database.db, c.memberId) : null;
  if (!c || !m || !can(actor, 'member.write', { orgPath: m.orgPath }))
    throw notFound('Không tìm thấy đề nghị sửa thông tin.');
  if (c.status !== 'pending') throw conflict('correction_decided', 'Đề nghị này đã được xử lý.');
  return { c, m };
}

export async function decide(deps: Deps, actor: Actor, id: string, approve: boolean, reason: string | null) {
  const { c, m } = await pending(deps, actor, id);
  const diff = c.changes as Diff;
  const patch = Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, v!.to])) as Changes;
  if (approve && (patch.partyCardNumber || patch.cccd)) {
    const other = await findByCardOrCccd(deps.database.db, patch.partyCardNumber ?? null, patch.cccd ?? null);
    if (other && other.id !== m.id)
      throw conflict('member_duplicate', 'Số thẻ hoặc CCCD mới trùng với một đảng viên khác.');
  }
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (approve) {
      // an account named after the old số thẻ follows the new one, so the old number no longer signs in
      if (patch.partyCardNumber && m.partyCardNumber) {
        await tx
          .update(users)
          .set({ username: patch.partyCardNumber })
          .where(and(eq(users.memberId, m.id), eq(users.username, m.partyCardNumber)));
      }
      const next = { ...m, ...patch, fullName: patch.fullName ?? m.fullName };
      await tx
        .update(members)
        .set({
          ...patch,
          fullName: next.fullName,
          searchText: searchText(next),
          nameSort: nameSort(next.fullName),
          updatedAt: now,
        })
        .where(eq(members.id, m.id));
    }
    await tx
      .update(profileCorrections)
      .set({ status: approve ? 'approved' : 'rejected', reason, decidedAt: now, decidedBy: actor.userId })
      .where(eq(profileCorrections.id, id));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: approve ? 'member.correction.approve' : 'member.correction.reject',
        entity: 'member',
        entityId: m.id,
        orgPath: m.orgPath,
        before: Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, v!.from])),
        after: approve ? patch : { reason },
      },
      now,
    );
  });
  return { id, status: approve ? ('approved' as const) : ('rejected' as const) };
}

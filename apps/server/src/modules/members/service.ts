import { type Actor, can, cleanText, foldedTokens, parsePhone, scopePaths } from '@sotay/core';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findOrg, type OrgRow } from '../orgs/repo.ts';
import { presentMember } from './presenter.ts';
import type { MemberWithOrg } from './repo.ts';
import * as repo from './repo.ts';
import type { createMemberBody, listQuery, updateMemberBody } from './schemas.ts';
import { nameSort, searchText } from './search-text.ts';

const personalOf = (actor: Actor, m: MemberWithOrg) =>
  can(actor, 'member.personal', { orgPath: m.orgPath, memberId: m.id });

export async function listMembers(deps: Deps, actor: Actor, q: z.infer<typeof listQuery>) {
  const db = deps.database.db;
  const scope = scopePaths(actor, 'member.list');
  let underPath: string | null = null;
  if (q.orgId) {
    const org = await findOrg(db, q.orgId);
    if (!org || !can(actor, 'member.list', { orgPath: org.path })) {
      throw forbidden('Bạn không có quyền xem đảng viên của đơn vị này.');
    }
    underPath = org.path;
  }
  const { items, total } = await repo.listMembers(db, {
    scope,
    underPath,
    status: q.status ?? null,
    tokens: foldedTokens(q.q ?? ''),
    vneidLevel: q.vneidLevel ?? null,
    hasSmartphone: q.hasSmartphone == null ? null : q.hasSmartphone === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  // Lists never carry a full CCCD: only the detail view shows it, and audits it.
  return {
    items: items.map((m) => presentMember(m, { personal: personalOf(actor, m), fullCccd: false })),
    total,
  };
}

/** A member the actor may act on, or 404 (a unit outside one's scope does not exist for them). */
async function memberFor(deps: Deps, actor: Actor, id: string, action: 'member.read' | 'member.write') {
  const m = await repo.findMember(deps.database.db, id);
  if (!m || !can(actor, action, { orgPath: m.orgPath, memberId: m.id }))
    throw notFound('Không tìm thấy đảng viên.');
  return m;
}

async function orgFor(deps: Deps, actor: Actor, orgId: string, message: string): Promise<OrgRow> {
  const org = await findOrg(deps.database.db, orgId);
  if (!org || org.closedAt)
    throw new AppError(422, 'unknown_org', 'Không tìm thấy đơn vị (hoặc đơn vị đã giải thể).');
  if (!can(actor, 'member.write', { orgPath: org.path })) throw forbidden(message);
  return org;
}

export async function getMember(deps: Deps, actor: Actor, id: string) {
  const m = await memberFor(deps, actor, id, 'member.read');
  const personal = personalOf(actor, m);
  if (personal && m.cccd) {
    await deps.database.db.transaction((tx) =>
      appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'member.cccd.read',
          entity: 'member',
          entityId: m.id,
          orgPath: m.orgPath,
        },
        deps.now(),
      ),
    );
  }
  return presentMember(m, { personal, fullCccd: true });
}

function normalisePhone(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  const p = parsePhone(raw);
  if (!p.ok) throw badRequest(p.message);
  return p.value;
}

async function assertUnique(
  deps: Deps,
  card: string | null | undefined,
  cccd: string | null | undefined,
  selfId?: string,
) {
  const other = await repo.findByCardOrCccd(deps.database.db, card ?? null, cccd ?? null);
  if (other && other.id !== selfId) {
    throw conflict('member_duplicate', 'Đã có đảng viên khác với cùng số thẻ đảng viên hoặc số CCCD.');
  }
}

export async function createMember(deps: Deps, actor: Actor, body: z.infer<typeof createMemberBody>) {
  body = { ...body, fullName: cleanText(body.fullName) };
  const org = await orgFor(deps, actor, body.orgId, 'Bạn không có quyền thêm đảng viên vào đơn vị này.');
  const phone = normalisePhone(body.phone) ?? null;
  await assertUnique(deps, body.partyCardNumber, body.cccd);
  const now = deps.now();
  const id = await deps.database.db.transaction(async (tx) => {
    const m = await repo.insertMember(
      tx,
      {
        ...body,
        phone,
        orgId: org.id,
        searchText: searchText({ ...body, phone }),
        nameSort: nameSort(body.fullName),
      },
      actor.userId,
      now,
    );
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'member.create',
        entity: 'member',
        entityId: m.id,
        orgPath: org.path,
        after: m,
      },
      now,
    );
    return m.id;
  });
  return getMember(deps, actor, id);
}

function changed<T extends object>(before: T, patch: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && (before as Record<string, unknown>)[k] !== v),
  ) as Partial<T>;
}

export async function updateMember(
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<typeof updateMemberBody>,
) {
  if (body.fullName !== undefined) body = { ...body, fullName: cleanText(body.fullName) };
  const m = await memberFor(deps, actor, id, 'member.write');
  const patch = changed(m, { ...body, phone: normalisePhone(body.phone) });
  if (patch.partyCardNumber !== undefined || patch.cccd !== undefined)
    await assertUnique(deps, patch.partyCardNumber, patch.cccd, id);
  if (Object.keys(patch).length) {
    const next = { ...m, ...patch };
    const now = deps.now();
    await deps.database.db.transaction(async (tx) => {
      await repo.updateMember(tx, id, {
        ...patch,
        searchText: searchText(next),
        nameSort: nameSort(next.fullName),
        updatedAt: now,
      });
      const before = Object.fromEntries(
        Object.keys(patch).map((k) => [k, (m as Record<string, unknown>)[k]]),
      );
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'member.update',
          entity: 'member',
          entityId: id,
          orgPath: m.orgPath,
          before,
          after: patch,
        },
        now,
      );
    });
  }
  return getMember(deps, actor, id);
}

export async function setStatus(deps: Deps, actor: Actor, id: string, status: string, reason: string | null) {
  const m = await memberFor(deps, actor, id, 'member.write');
  if (m.status !== status) {
    const now = deps.now();
    await deps.database.db.transaction(async (tx) => {
      await repo.updateMember(tx, id, { status, updatedAt: now });
      await repo.recordStatus(tx, id, status, reason, actor.userId, now);
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'member.status',
          entity: 'member',
          entityId: id,
          orgPath: m.orgPath,
          before: { status: m.status },
          after: { status, reason },
        },
        now,
      );
    });
  }
  return getMember(deps, actor, id);
}

export async function transferMember(
  deps: Deps,
  actor: Actor,
  id: string,
  orgId: string,
  reason: string | null,
) {
  const m = await memberFor(deps, actor, id, 'member.write');
  const target = await orgFor(deps, actor, orgId, 'Bạn không có quyền chuyển đảng viên đến đơn vị này.');
  if (m.orgId !== target.id) {
    const now = deps.now();
    await deps.database.db.transaction(async (tx) => {
      await repo.updateMember(tx, id, { orgId: target.id, updatedAt: now });
      await repo.recordTransfer(tx, id, target.id, reason, actor.userId, now);
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'member.transfer',
          entity: 'member',
          entityId: id,
          orgPath: target.path,
          before: { orgId: m.orgId, orgPath: m.orgPath },
          after: { orgId: target.id, reason },
        },
        now,
      );
    });
  }
  return getMember(deps, actor, id);
}

export async function memberHistory(deps: Deps, actor: Actor, id: string) {
  await memberFor(deps, actor, id, 'member.read');
  const h = await repo.memberHistory(deps.database.db, id);
  return {
    status: h.status.map((s) => ({ status: s.status, reason: s.reason, at: s.at.toISOString() })),
    orgs: h.orgs.map((o) => ({
      orgId: o.orgId,
      orgName: o.orgName,
      validFrom: o.validFrom.toISOString(),
      validTo: o.validTo?.toISOString() ?? null,
      reason: o.reason,
    })),
  };
}

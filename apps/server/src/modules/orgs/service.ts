import crypto from 'node:crypto';
import { type Actor, can, isAncestorOrSelf, scopePaths } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import * as repo from './repo.ts';

export const ORG_KINDS = [
  'trung_uong',
  'tinh_uy',
  'dang_uy',
  'dang_bo_co_so',
  'chi_bo_co_so',
  'dang_bo_bo_phan',
  'chi_bo',
] as const;

async function orgInScope(deps: Deps, actor: Actor, id: string, action: 'org.read' | 'org.manage') {
  const org = await repo.findOrg(deps.database.db, id);
  if (!org || !can(actor, 'org.read', { orgPath: org.path })) throw notFound('Không tìm thấy đơn vị.');
  if (action === 'org.manage' && !can(actor, 'org.manage', { orgPath: org.path })) {
    throw forbidden('Chỉ quản trị viên hoặc cấp ủy cấp trên được thay đổi đơn vị này.');
  }
  return org;
}

export async function tree(deps: Deps, actor: Actor, includeClosed: boolean) {
  const items = await repo.treeWithCounts(deps.database.db, scopePaths(actor, 'org.read'), includeClosed);
  return {
    items: items.map((u) => ({ ...u, closedAt: u.closedAt ? new Date(u.closedAt).toISOString() : null })),
  };
}

export async function detail(deps: Deps, actor: Actor, id: string) {
  const org = await orgInScope(deps, actor, id, 'org.read');
  const events = await repo.orgEvents(deps.database.db, id);
  return {
    org: present(org),
    events: events.map((e) => ({
      event: e.event,
      oldName: e.oldName,
      newName: e.newName,
      oldParentId: e.oldParentId,
      newParentId: e.newParentId,
      at: e.at.toISOString(),
    })),
  };
}

export const present = (o: repo.OrgRow) => ({
  id: o.id,
  parentId: o.parentId,
  kind: o.kind,
  name: o.name,
  closedAt: o.closedAt?.toISOString() ?? null,
});

export async function create(
  deps: Deps,
  actor: Actor,
  body: { parentId: string; name: string; kind: string },
) {
  const parent = await orgInScope(deps, actor, body.parentId, 'org.read');
  if (parent.closedAt) throw new AppError(422, 'org_closed', 'Đơn vị cấp trên đã giải thể.');
  const id = crypto.randomUUID();
  const path = `${parent.path}.${repo.pathLabel(id)}`;
  if (!can(actor, 'org.manage', { orgPath: path })) throw forbidden('Bạn không có quyền tạo đơn vị ở đây.');
  const now = deps.now();
  const org = await deps.database.db.transaction(async (tx) => {
    const o = await repo.insertOrg(
      tx,
      { id, parentId: parent.id, path, kind: body.kind, name: body.name },
      actor.userId,
    );
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'org.create',
        entity: 'org_unit',
        entityId: id,
        orgPath: path,
        after: present(o),
      },
      now,
    );
    return o;
  });
  return present(org);
}

export async function rename(deps: Deps, actor: Actor, id: string, name: string) {
  const org = await orgInScope(deps, actor, id, 'org.manage');
  if (org.name !== name) {
    const now = deps.now();
    await deps.database.db.transaction(async (tx) => {
      await repo.renameOrg(tx, org, name, actor.userId, now);
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'org.rename',
          entity: 'org_unit',
          entityId: id,
          orgPath: org.path,
          before: { name: org.name },
          after: { name },
        },
        now,
      );
    });
  }
  return present({ ...org, name });
}

export async function move(deps: Deps, actor: Actor, id: string, parentId: string) {
  const org = await orgInScope(deps, actor, id, 'org.manage');
  const parent = await orgInScope(deps, actor, parentId, 'org.read');
  if (!org.parentId) throw new AppError(422, 'org_is_root', 'Không thể chuyển đơn vị gốc.');
  if (isAncestorOrSelf(org.path, parent.path)) {
    throw new AppError(
      422,
      'org_cycle',
      'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc nó.',
    );
  }
  if (parent.closedAt) throw new AppError(422, 'org_closed', 'Đơn vị cấp trên mới đã giải thể.');
  if (!can(actor, 'org.manage', { orgPath: `${parent.path}.${repo.pathLabel(org.id)}` })) {
    throw forbidden('Bạn không có quyền chuyển đơn vị đến nơi này.');
  }
  if (org.parentId !== parent.id) {
    const now = deps.now();
    await deps.database.db.transaction(async (tx) => {
      const newPath = await repo.moveOrg(tx, org, parent, actor.userId, now);
      await appendAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: 'org.move',
          entity: 'org_unit',
          entityId: id,
          orgPath: newPath,
          before: { parentId: org.parentId },
          after: { parentId: parent.id },
        },
        now,
      );
    });
  }
  return present({ ...org, parentId: parent.id });
}

export async function close(deps: Deps, actor: Actor, id: string) {
  const org = await orgInScope(deps, actor, id, 'org.manage');
  if (!org.parentId) throw new AppError(422, 'org_is_root', 'Không thể giải thể đơn vị gốc.');
  const db = deps.database.db;
  if (org.closedAt) return present(org);
  if ((await repo.openChildren(db, id)) > 0) {
    throw new AppError(
      422,
      'org_has_children',
      'Đơn vị còn đơn vị trực thuộc; hãy chuyển hoặc giải thể chúng trước.',
    );
  }
  if ((await repo.openMembersUnder(db, org.path)) > 0) {
    throw new AppError(
      422,
      'org_has_members',
      'Đơn vị còn đảng viên đang sinh hoạt; hãy chuyển sinh hoạt cho họ trước.',
    );
  }
  const now = deps.now();
  await db.transaction(async (tx) => {
    await repo.closeOrg(tx, org, actor.userId, now);
    await appendAudit(
      tx,
      { actorUserId: actor.userId, action: 'org.close', entity: 'org_unit', entityId: id, orgPath: org.path },
      now,
    );
  });
  return present({ ...org, closedAt: now });
}

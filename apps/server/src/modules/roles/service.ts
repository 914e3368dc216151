import { type Actor, canAssignRole, type Role, scopePaths } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { findUserById } from '../auth/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import * as repo from './repo.ts';

export async function list(deps: Deps, actor: Actor) {
  const rows = await repo.listAssignments(deps.database.db, scopePaths(actor, 'role.read'));
  return {
    items: rows.map(({ orgPath: _p, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() })),
  };
}

export async function assign(deps: Deps, actor: Actor, body: { userId: string; role: Role; orgId: string }) {
  const db = deps.database.db;
  const org = await findOrg(db, body.orgId);
  if (!org || org.closedAt) throw new AppError(422, 'unknown_org', 'Không tìm thấy đơn vị.');
  if (!canAssignRole(actor, body.role, org.path))
    throw forbidden('Bạn không có quyền giao vai trò này ở đơn vị này.');
  const user = await findUserById(db, body.userId);
  if (!user) throw new AppError(422, 'unknown_user', 'Không tìm thấy tài khoản.');
  const now = deps.now();
  const created = await db.transaction(async (tx) => {
    const r = await repo.insertAssignment(tx, {
      userId: user.id,
      role: body.role,
      orgId: org.id,
      createdBy: actor.userId,
      createdAt: now,
    });
    if (!r) throw new AppError(409, 'role_exists', 'Tài khoản đã có vai trò này ở đơn vị này.');
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'role.assign',
        entity: 'role_assignment',
        entityId: r.id,
        orgPath: org.path,
        after: body,
      },
      now,
    );
    return r;
  });
  return {
    id: created.id,
    role: body.role,
    orgId: org.id,
    orgName: org.name,
    userId: user.id,
    username: user.username,
    createdAt: now.toISOString(),
  };
}

export async function revoke(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const found = await repo.findAssignment(db, id);
  if (!found || found.a.revokedAt) throw notFound('Không tìm thấy vai trò.');
  if (!canAssignRole(actor, found.a.role as Role, found.orgPath))
    throw forbidden('Bạn không có quyền thu hồi vai trò này.');
  if (found.a.userId === actor.userId && found.a.role === 'admin') {
    throw new AppError(
      422,
      'cannot_revoke_self_admin',
      'Không thể tự thu hồi quyền quản trị của chính mình.',
    );
  }
  const now = deps.now();
  await db.transaction(async (tx) => {
    await repo.revokeAssignment(tx, id, actor.userId, now);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'role.revoke',
        entity: 'role_assignment',
        entityId: id,
        orgPath: found.orgPath,
        before: { userId: found.a.userId, role: found.a.role, orgId: found.a.orgId },
      },
      now,
    );
  });
}

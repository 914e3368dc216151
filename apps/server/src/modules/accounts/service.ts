import { type Actor, can, fold } from '@sotay/core';
import { members, oneTimeCodes, registrations, roleAssignments, users } from '@sotay/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { readablePassword, sha256 } from '../../lib/tokens.ts';
import { appendAudit } from '../audit/repo.ts';
import { deleteAllSessions, findUserById } from '../auth/repo.ts';
import { findMember, type MemberWithOrg } from '../members/repo.ts';
import { userOfMember } from '../registrations/repo.ts';

export const RESET_CODE_TTL_MS = 24 * 3600 * 1000;

async function memberInScope(deps: Deps, actor: Actor, memberId: string): Promise<MemberWithOrg> {
  const m = await findMember(deps.database.db, memberId);
  if (!m || !can(actor, 'account.manage', { orgPath: m.orgPath }))
    throw notFound('Không tìm thấy đảng viên.');
  return m;
}

/** The number a member signs in with, as printed on the account slip. */
const loginNameOf = (m: MemberWithOrg) => m.phone ?? m.partyCardNumber ?? m.cccd;

/**
 * A chi ủy creates the account of a member who cannot register alone: active at once, with a
 * one-time password that must be changed at first sign-in (printed on the account slip).
 */
export async function createAccount(deps: Deps, actor: Actor, memberId: string) {
  const m = await memberInScope(deps, actor, memberId);
  const loginName = loginNameOf(m);
  if (!loginName)
    throw new AppError(
      422,
      'no_identifier',
      'Đảng viên chưa có số điện thoại, số thẻ hay CCCD để đăng nhập.',
    );
  const existing = await userOfMember(deps.database.db, m.id);
  // a locked or disabled account is not re-created (that would lift the lock): only a registration's is taken over
  if (existing && existing.state !== 'pending' && existing.state !== 'rejected') {
    throw conflict(
      'account_exists',
      'Đảng viên đã có tài khoản. Dùng "Cấp mã đặt lại mật khẩu" nếu họ quên mật khẩu.',
    );
  }
  const password = readablePassword();
  const passwordHash = await hashPassword(password);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const values = { passwordHash, state: 'active', mustChangePassword: true, updatedAt: now };
    const userId = existing
      ? (await tx.update(users).set(values).where(eq(users.id, existing.id)).returning())[0]!.id
      : (
          await tx
            .insert(users)
            .values({ ...values, username: m.partyCardNumber ?? m.cccd ?? m.id, memberId: m.id })
            .returning()
        )[0]!.id;
    await tx
      .insert(roleAssignments)
      .values({ userId, role: 'member', orgId: m.orgId, createdBy: actor.userId })
      .onConflictDoNothing();
    // a registration still waiting is settled by this account (deciding it later would undo it)
    await tx
      .update(registrations)
      .set({ status: 'superseded', decidedAt: now, decidedBy: actor.userId })
      .where(and(eq(registrations.userId, userId), eq(registrations.status, 'pending')));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'account.create',
        entity: 'user',
        entityId: userId,
        orgPath: m.orgPath,
        after: { memberId: m.id },
      },
      now,
    );
  });
  return {
    fullName: m.fullName,
    orgName: m.orgName,
    username: loginName,
    otherUsernames: [m.phone, m.partyCardNumber].filter((x): x is string => !!x && x !== loginName),
    password,
    appUrl: deps.publicUrl,
  };
}

/** A one-time reset code (24 h, shown once) for a member who forgot their password and has no e-mail. */
export async function issueResetCode(deps: Deps, actor: Actor, memberId: string) {
  const m = await memberInScope(deps, actor, memberId);
  const user = await userOfMember(deps.database.db, m.id);
  if (!user || user.state === 'pending' || user.state === 'rejected') {
    throw new AppError(422, 'no_account', 'Đảng viên chưa có tài khoản đang hoạt động.');
  }
  const code = String(Number.parseInt(sha256(readablePassword()).slice(0, 12), 16) % 100_000_000).padStart(
    8,
    '0',
  );
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS);
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(oneTimeCodes.userId, user.id),
          eq(oneTimeCodes.purpose, 'password_reset'),
          isNull(oneTimeCodes.usedAt),
        ),
      );
    await tx.insert(oneTimeCodes).values({
      userId: user.id,
      purpose: 'password_reset',
      codeHash: sha256(code),
      expiresAt,
      createdBy: actor.userId,
      createdAt: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'account.reset_code',
        entity: 'user',
        entityId: user.id,
        orgPath: m.orgPath,
        after: { expiresAt },
      },
      now,
    );
  });
  return { username: loginNameOf(m) ?? user.username, code, expiresAt: expiresAt.toISOString() };
}

/** Lock or unlock a member's account (a locked account cannot sign in; its sessions end). */
export async function setLocked(deps: Deps, actor: Actor, memberId: string, locked: boolean) {
  const m = await memberInScope(deps, actor, memberId);
  const user = await userOfMember(deps.database.db, m.id);
  if (!user || (user.state !== 'active' && user.state !== 'locked')) {
    throw new AppError(422, 'no_account', 'Đảng viên chưa có tài khoản đang hoạt động.');
  }
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ state: locked ? 'locked' : 'active', updatedAt: now })
      .where(eq(users.id, user.id));
    // its sessions end for good: unlocking must not revive them
    if (locked) await deleteAllSessions(tx, user.id);
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: locked ? 'account.lock' : 'account.unlock',
        entity: 'user',
        entityId: user.id,
        orgPath: m.orgPath,
      },
      now,
    );
  });
  if (!locked) {
    // lifting a lock also lifts the failed-login throttle on every name the member signs in with
    for (const name of [user.username, m.phone, m.partyCardNumber, m.cccd])
      if (name) await deps.throttle.reset(`login:user:${fold(name)}`);
  }
  return { state: locked ? 'locked' : 'active' };
}

/** Account facts a chi ủy needs beside the member record. */
export async function accountOf(deps: Deps, actor: Actor, memberId: string) {
  const m = await memberInScope(deps, actor, memberId);
  const user = await userOfMember(deps.database.db, m.id);
  return {
    state: user?.state ?? 'none',
    username: user ? (loginNameOf(m) ?? user.username) : null,
    lastLoginAt: user?.lastLoginAt?.toISOString() ?? null,
    mustChangePassword: user?.mustChangePassword ?? false,
    totpEnabled: !!user?.totpSecret,
  };
}

export interface DeviceInput {
  vneidLevel?: number | undefined;
  hasSmartphone?: boolean | undefined;
}

/** VNeID level and smartphone, declared by the member or set by the chi ủy, with when and by whom. */
export async function setDevice(deps: Deps, actor: Actor, memberId: string, input: DeviceInput) {
  const m = await findMember(deps.database.db, memberId);
  const self = actor.memberId === memberId;
  if (!m || !(self || can(actor, 'member.write', { orgPath: m.orgPath })))
    throw notFound('Không tìm thấy đảng viên.');
  const now = deps.now();
  const patch = {
    ...(input.vneidLevel !== undefined ? { vneidLevel: input.vneidLevel } : {}),
    ...(input.hasSmartphone !== undefined ? { hasSmartphone: input.hasSmartphone } : {}),
  };
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ ...patch, deviceSetAt: now, deviceSetBy: actor.userId, updatedAt: now })
      .where(eq(members.id, m.id));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'member.device',
        entity: 'member',
        entityId: m.id,
        orgPath: m.orgPath,
        before: { vneidLevel: m.vneidLevel, hasSmartphone: m.hasSmartphone },
        after: patch,
      },
      now,
    );
  });
  return {
    vneidLevel: input.vneidLevel ?? m.vneidLevel,
    hasSmartphone: input.hasSmartphone ?? m.hasSmartphone,
    setAt: now.toISOString(),
    setBySelf: self,
  };
}

/** What the member detail shows beside the form: the current values and who last set them, when. */
export async function deviceOf(deps: Deps, actor: Actor, memberId: string) {
  const db = deps.database.db;
  const m = await findMember(db, memberId);
  if (!m || !can(actor, 'member.read', { orgPath: m.orgPath, memberId: m.id }))
    throw notFound('Không tìm thấy đảng viên.');
  const by = m.deviceSetBy ? await findUserById(db, m.deviceSetBy) : null;
  const byMember = by?.memberId ? await findMember(db, by.memberId) : null;
  return {
    vneidLevel: m.vneidLevel,
    hasSmartphone: m.hasSmartphone,
    setAt: m.deviceSetAt?.toISOString() ?? null,
    setBySelf: by ? by.memberId === m.id : null,
    setByName: by ? (byMember?.fullName ?? by.username) : null,
  };
}

import { type Actor, can, parsePhone, scopePaths } from '@sotay/core';
import { members, registrations, roleAssignments, users } from '@sotay/db';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { personalInputs } from '../../lib/password-strength.ts';
import { appendAudit } from '../audit/repo.ts';
import { checkNewPassword } from '../auth/service.ts';
import { nameSort, searchText } from '../members/search-text.ts';
import * as repo from './repo.ts';

export const REGISTRATION_LIMIT = { perIp: 20, windowS: 3600 };
/** Members who still take part in Party life may register (exempt members too: they may read). */
const REGISTERABLE = new Set(['chinh_thuc', 'du_bi', 'mien_sinh_hoat']);

export interface RegistrationInput {
  partyCardNumber?: string | undefined;
  cccd?: string | undefined;
  birthDate: string;
  phone: string;
  password: string;
}

const notMatched = () =>
  new AppError(
    422,
    'registration_not_matched',
    'Không tìm thấy đảng viên khớp với số thẻ (hoặc CCCD) và ngày sinh đã nhập. Hãy kiểm tra lại, hoặc nhờ chi ủy tạo tài khoản giúp.',
  );

/**
 * A member registers: their số thẻ or CCCD and birth date must match an imported member. A wrong
 * number and a wrong birth date give the same answer after the same work (one argon2 hash), so the
 * form cannot be used to find out who is a member.
 */
export async function register(deps: Deps, input: RegistrationInput, ip: string) {
  const key = `register:ip:${ip}`;
  const seen = await deps.throttle.peek(key);
  if (seen.count >= REGISTRATION_LIMIT.perIp) {
    throw new AppError(429, 'too_many_attempts', 'Đăng ký quá nhiều lần. Vui lòng thử lại sau.', undefined, {
      'retry-after': String(Math.max(1, seen.retryAfterS)),
    });
  }
  await deps.throttle.hit(key, REGISTRATION_LIMIT.windowS);
  const phone = parsePhone(input.phone);
  if (!phone.ok || !phone.value) throw badRequest(phone.ok ? 'Cần số điện thoại.' : phone.message);
  // checked before the member is looked up, from what the form holds, so the answer reveals nothing
  checkNewPassword(
    input.password,
    personalInputs({
      phone: phone.value,
      birthDate: input.birthDate,
      partyCardNumber: input.partyCardNumber,
      cccd: input.cccd,
    }),
  );
  const db = deps.database.db;
  const found = input.partyCardNumber
    ? await repo.memberByNumber(db, 'partyCardNumber', input.partyCardNumber.replace(/\s/g, ''))
    : input.cccd
      ? await repo.memberByNumber(db, 'cccd', input.cccd.replace(/\s/g, ''))
      : null;
  const passwordHash = await hashPassword(input.password);
  const m = found?.member;
  if (!m || m.birthDate !== input.birthDate || !REGISTERABLE.has(m.status)) throw notMatched();

  const existing = await repo.userOfMember(db, m.id);
  if (existing && existing.state !== 'pending' && existing.state !== 'rejected') {
    throw conflict(
      'account_exists',
      'Đảng viên này đã có tài khoản. Nếu quên mật khẩu, hãy nhờ chi ủy cấp mã đặt lại mật khẩu.',
    );
  }
  const now = deps.now();
  await db.transaction(async (tx) => {
    const userId = existing
      ? (
          await tx
            .update(users)
            .set({ passwordHash, state: 'pending', updatedAt: now })
            .where(eq(users.id, existing.id))
            .returning()
        )[0]!.id
      : (
          await tx
            .insert(users)
            .values({
              username: m.partyCardNumber ?? m.cccd ?? m.id,
              memberId: m.id,
              passwordHash,
              state: 'pending',
            })
            .returning()
        )[0]!.id;
    // only a registration still waiting is replaced: decided ones keep their status and reason
    await tx
      .update(registrations)
      .set({ status: 'superseded', decidedAt: now })
      .where(and(eq(registrations.userId, userId), eq(registrations.status, 'pending')));
    const [reg] = await tx
      .insert(registrations)
      .values({ memberId: m.id, userId, phone: phone.value!, createdAt: now })
      .returning();
    await appendAudit(
      tx,
      {
        actorUserId: null,
        action: 'registration.create',
        entity: 'registration',
        entityId: reg!.id,
        orgPath: found.orgPath,
        after: { memberId: m.id, phone: phone.value },
      },
      now,
    );
  });
  return { status: 'pending' as const };
}

export async function list(deps: Deps, actor: Actor, status: string) {
  const rows = await repo.listRegistrations(deps.database.db, scopePaths(actor, 'account.manage'), status);
  return {
    items: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
  };
}

async function pendingInScope(deps: Deps, actor: Actor, id: string) {
  const r = await repo.findRegistration(deps.database.db, id);
  if (!r || !can(actor, 'account.manage', { orgPath: r.orgPath })) throw notFound('Không tìm thấy đăng ký.');
  if (r.reg.status !== 'pending') throw conflict('registration_decided', 'Đăng ký này đã được xử lý.');
  return r;
}

/** Approves: the account becomes active, the member gets the `member` role, the phone they gave is kept. */
export async function approve(deps: Deps, actor: Actor, id: string) {
  const r = await pendingInScope(deps, actor, id);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx.update(users).set({ state: 'active', updatedAt: now }).where(eq(users.id, r.reg.userId));
    await tx
      .update(registrations)
      .set({ status: 'approved', decidedAt: now, decidedBy: actor.userId })
      .where(eq(registrations.id, id));
    await tx
      .insert(roleAssignments)
      .values({ userId: r.reg.userId, role: 'member', orgId: r.orgId, createdBy: actor.userId })
      .onConflictDoNothing();
    if (r.member.phone !== r.reg.phone) {
      const next = { ...r.member, phone: r.reg.phone };
      await tx
        .update(members)
        .set({
          phone: r.reg.phone,
          searchText: searchText(next),
          nameSort: nameSort(next.fullName),
          updatedAt: now,
        })
        .where(eq(members.id, r.member.id));
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'registration.approve',
        entity: 'registration',
        entityId: id,
        orgPath: r.orgPath,
        before: { phone: r.member.phone },
        after: { phone: r.reg.phone },
      },
      now,
    );
  });
  const shared = await repo.otherMembersWithPhone(deps.database.db, r.reg.phone, r.member.id);
  return {
    id,
    status: 'approved' as const,
    // families share phones: approval goes ahead, but that phone signs in neither member (DESIGN §4)
    warning: shared
      ? `Số điện thoại ${r.reg.phone} cũng là số của đảng viên khác, nên không dùng để đăng nhập được. Đồng chí ${r.member.fullName} hãy đăng nhập bằng số thẻ đảng viên.`
      : null,
  };
}

export async function reject(deps: Deps, actor: Actor, id: string, reason: string) {
  const r = await pendingInScope(deps, actor, id);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx.update(users).set({ state: 'rejected', updatedAt: now }).where(eq(users.id, r.reg.userId));
    await tx
      .update(registrations)
      .set({ status: 'rejected', reason, decidedAt: now, decidedBy: actor.userId })
      .where(eq(registrations.id, id));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'registration.reject',
        entity: 'registration',
        entityId: id,
        orgPath: r.orgPath,
        after: { reason },
      },
      now,
    );
  });
  return { id, status: 'rejected' as const };
}

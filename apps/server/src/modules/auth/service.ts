import { COMMITTEE_ROLES, fold, normalizePhone } from '@sotay/core';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyAgainstNothing, verifyPassword } from '../../lib/password.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { matchTotp, newTotpSecret, otpauthUrl } from '../../lib/totp.ts';
import { appendAudit } from '../audit/repo.ts';
import * as repo from './repo.ts';
import type { UserRow } from './repo.ts';

// Failures per username and per address within the window, then 429 (DESIGN §4).
export const LOGIN_LIMITS = { perUser: 10, perIp: 100, windowS: 15 * 60 };
// Committee accounts get short sessions; members on their own phones stay signed in.
const SESSION_TIMEOUTS = {
  committee: { idleS: 8 * 3600, absoluteS: 24 * 3600 },
  member: { idleS: 30 * 86400, absoluteS: 90 * 86400 },
};

const tooMany = (retryAfterS: number) =>
  new AppError(
    429,
    'too_many_attempts',
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.max(1, Math.ceil(retryAfterS / 60))} phút.`,
    undefined,
    { 'retry-after': String(Math.max(1, retryAfterS)) },
  );
const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Sai tên đăng nhập hoặc mật khẩu.');

/** The account a username names: `admin`-style usernames first, then phone, số thẻ or CCCD of a member. */
async function resolveUser(deps: Deps, username: string): Promise<UserRow | null> {
  const db = deps.database.db;
  const byName = await repo.findUserByUsername(db, username.trim());
  if (byName) return byName;
  const digits = username.replace(/[\s.-]/g, '');
  return repo.findUserByMemberIdentifier(db, {
    digits: /^\d{6,12}$/.test(digits) ? digits : null,
    phone: normalizePhone(username),
  });
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export async function login(deps: Deps, input: LoginInput, meta: { ip: string; userAgent: string | null }) {
  const { throttle } = deps;
  const userKey = `login:user:${fold(input.username)}`;
  const ipKey = `login:ip:${meta.ip}`;
  const [u, i] = await Promise.all([throttle.peek(userKey), throttle.peek(ipKey)]);
  if (u.count >= LOGIN_LIMITS.perUser) throw tooMany(u.retryAfterS);
  if (i.count >= LOGIN_LIMITS.perIp) throw tooMany(i.retryAfterS);
  const fail = async (err: AppError) => {
    await Promise.all([throttle.hit(userKey, LOGIN_LIMITS.windowS), throttle.hit(ipKey, LOGIN_LIMITS.windowS)]);
    return err;
  };

  const user = await resolveUser(deps, input.username);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !ok) throw await fail(invalidCredentials());

  if (user.state === 'pending') {
    throw new AppError(403, 'account_pending', 'Tài khoản đang chờ chi ủy phê duyệt.');
  }
  if (user.state === 'disabled') throw new AppError(403, 'account_disabled', 'Tài khoản đã bị vô hiệu hoá.');
  if (user.state === 'locked') {
    throw new AppError(403, 'account_locked', 'Tài khoản đang bị khoá. Vui lòng liên hệ chi ủy hoặc quản trị viên.');
  }

  const now = deps.now();
  if (user.totpSecret) {
    if (!input.totp) throw new AppError(401, 'totp_required', 'Nhập mã xác thực 6 số từ ứng dụng xác thực.');
    const step = matchTotp(user.totpSecret, input.totp, now.getTime());
    if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) {
      throw await fail(new AppError(401, 'totp_required', 'Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã mới.'));
    }
    await repo.updateUser(deps.database.db, user.id, { totpLastStep: step });
  }

  await throttle.reset(userKey);
  const roles = await repo.activeRoles(deps.database.db, user.id);
  const committee = roles.some((r) => COMMITTEE_ROLES.includes(r.role));
  const t = committee ? SESSION_TIMEOUTS.committee : SESSION_TIMEOUTS.member;
  const token = randomToken();
  const csrfToken = randomToken();
  await repo.insertSession(deps.database.db, {
    id: sha256(token),
    userId: user.id,
    csrfToken,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    idleTimeoutS: t.idleS,
    expiresAt: new Date(now.getTime() + t.absoluteS * 1000),
  });
  await repo.updateUser(deps.database.db, user.id, { lastLoginAt: now });
  return { token, maxAgeS: t.absoluteS, csrfToken, user: { id: user.id, username: user.username, mustChangePassword: user.mustChangePassword } };
}

export function checkNewPassword(password: string, user: { username: string }): void {
  if (password.length < PASSWORD_MIN) {
    throw new AppError(422, 'weak_password', `Mật khẩu mới cần ít nhất ${PASSWORD_MIN} ký tự.`);
  }
  if (password.length > PASSWORD_MAX) {
    throw new AppError(422, 'weak_password', `Mật khẩu mới dài quá ${PASSWORD_MAX} ký tự.`);
  }
  if (fold(password).includes(fold(user.username))) {
    throw new AppError(422, 'weak_password', 'Mật khẩu không được chứa tên đăng nhập.');
  }
}

export async function changePassword(
  deps: Deps,
  user: UserRow,
  sessionIdHash: string,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
) {
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError(422, 'invalid_credentials', 'Mật khẩu hiện tại không đúng.');
  }
  if (currentPassword === newPassword) {
    throw new AppError(422, 'weak_password', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
  }
  checkNewPassword(newPassword, user);
  const passwordHash = await hashPassword(newPassword);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, updatedAt: now });
    await repo.deleteOtherSessions(tx, user.id, sessionIdHash);
    await appendAudit(tx, { actorUserId: user.id, action: 'user.password.change', entity: 'user', entityId: user.id, orgPath: null }, now);
  });
}

export async function enrollTotp(deps: Deps, user: UserRow) {
  if (user.totpSecret) {
    throw new AppError(409, 'totp_already_enabled', 'Tài khoản đã bật xác thực hai bước.');
  }
  const secret = newTotpSecret();
  await repo.updateUser(deps.database.db, user.id, { totpPendingSecret: secret });
  return { secret, otpauthUrl: otpauthUrl(secret, user.username) };
}

export async function confirmTotp(deps: Deps, user: UserRow, code: string) {
  if (!user.totpPendingSecret) {
    throw new AppError(422, 'totp_not_enrolling', 'Hãy bắt đầu đăng ký xác thực hai bước trước.');
  }
  const now = deps.now();
  const step = matchTotp(user.totpPendingSecret, code, now.getTime());
  if (step === null) throw new AppError(422, 'totp_invalid', 'Mã xác thực không đúng. Hãy nhập mã đang hiện trên ứng dụng.');
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: now,
      totpLastStep: step,
    });
    await appendAudit(tx, { actorUserId: user.id, action: 'user.totp.enable', entity: 'user', entityId: user.id, orgPath: null }, now);
  });
}

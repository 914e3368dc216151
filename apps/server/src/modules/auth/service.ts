import crypto from 'node:crypto';
import { COMMITTEE_ROLES, fold, normalizePhone } from '@sotay/core';
import type { Executor } from '@sotay/db';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../lib/password.ts';
import { passwordProblem, personalInputs } from '../../lib/password-strength.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import { matchTotp, newTotpSecret, otpauthUrl } from '../../lib/totp.ts';
import { appendAudit } from '../audit/repo.ts';
import { findMember } from '../members/repo.ts';
import { latestRegistrationOfUser } from '../registrations/repo.ts';
import { recordActivity } from '../rollout/funnel.ts';
import type { UserRow } from './repo.ts';
import * as repo from './repo.ts';

const RECOVERY_CODE = /^[a-z0-9]{4}-?[a-z0-9]{4}$/i;
const normaliseRecovery = (c: string) => c.toLowerCase().replace('-', '');

// Failures per username and per address within the window, then 429 (DESIGN §4).
export const LOGIN_LIMITS = { perUser: 10, perIp: 100, windowS: 15 * 60 };
// Committee accounts get short sessions; members on their own phones stay signed in.
const SESSION_TIMEOUTS = {
  committee: { idleS: 8 * 3600, absoluteS: 24 * 3600 },
  member: { idleS: 30 * 86400, absoluteS: 90 * 86400 },
};

const tooMany = (retryAfterS: number, what = 'Đăng nhập sai quá nhiều lần.') =>
  new AppError(
    429,
    'too_many_attempts',
    `${what} Vui lòng thử lại sau ${Math.max(1, Math.ceil(retryAfterS / 60))} phút.`,
    undefined,
    { 'retry-after': String(Math.max(1, retryAfterS)) },
  );
const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Sai tên đăng nhập hoặc mật khẩu.');

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
    await Promise.all([
      throttle.hit(userKey, LOGIN_LIMITS.windowS),
      throttle.hit(ipKey, LOGIN_LIMITS.windowS),
    ]);
    return err;
  };

  const user = await resolveUser(deps, input.username);
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !ok) throw await fail(invalidCredentials());

  if (user.state === 'pending') {
    throw new AppError(403, 'account_pending', 'Tài khoản đang chờ chi ủy phê duyệt.');
  }
  if (user.state === 'rejected') {
    const reg = await latestRegistrationOfUser(deps.database.db, user.id);
    throw new AppError(
      403,
      'registration_rejected',
      `Đăng ký tài khoản đã bị từ chối${reg?.reason ? `: ${reg.reason}` : ''}. Hãy liên hệ chi ủy hoặc đăng ký lại với thông tin đúng.`,
    );
  }
  if (user.state === 'disabled') throw new AppError(403, 'account_disabled', 'Tài khoản đã bị vô hiệu hoá.');
  if (user.state === 'locked') {
    throw new AppError(
      403,
      'account_locked',
      'Tài khoản đang bị khoá. Vui lòng liên hệ chi ủy hoặc quản trị viên.',
    );
  }

  const now = deps.now();
  if (user.totpSecret) {
    if (!input.totp) throw new AppError(401, 'totp_required', 'Nhập mã xác thực 6 số từ ứng dụng xác thực.');
    if (RECOVERY_CODE.test(input.totp)) {
      const code = await repo.usableCode(
        deps.database.db,
        user.id,
        'totp_recovery',
        sha256(normaliseRecovery(input.totp)),
        now,
      );
      if (!code) throw await fail(new AppError(401, 'totp_required', 'Mã dự phòng không đúng hoặc đã dùng.'));
      await repo.markCodeUsed(deps.database.db, code.id, now);
      await appendAudit(
        deps.database.db,
        {
          actorUserId: user.id,
          action: 'user.totp.recovery_used',
          entity: 'user',
          entityId: user.id,
          orgPath: null,
        },
        now,
      );
    } else {
      const step = matchTotp(user.totpSecret, input.totp, now.getTime());
      if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) {
        throw await fail(
          new AppError(401, 'totp_required', 'Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã mới.'),
        );
      }
      await repo.updateUser(deps.database.db, user.id, { totpLastStep: step });
    }
  }

  await throttle.reset(userKey);
  const session = await startSession(deps, user, meta);
  return {
    ...session,
    user: { id: user.id, username: user.username, mustChangePassword: user.mustChangePassword },
  };
}

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  maxAgeS: number;
}

/**
 * Opens a server-side session for an account whose identity is proven (password and TOTP, or the
 * national identity provider). The caller sets the cookie; pass `db` to write inside a transaction.
 */
export async function startSession(
  deps: Deps,
  user: UserRow,
  meta: { userAgent: string | null },
  db: Executor = deps.database.db,
): Promise<StartedSession> {
  const now = deps.now();
  const roles = await repo.activeRoles(db, user.id);
  const committee = roles.some((r) => COMMITTEE_ROLES.includes(r.role));
  const t = committee ? SESSION_TIMEOUTS.committee : SESSION_TIMEOUTS.member;
  const token = randomToken();
  const csrfToken = randomToken();
  await repo.insertSession(db, {
    id: sha256(token),
    userId: user.id,
    csrfToken,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    idleTimeoutS: t.idleS,
    expiresAt: new Date(now.getTime() + t.absoluteS * 1000),
  });
  await repo.updateUser(db, user.id, { lastLoginAt: now });
  if (user.memberId) await recordActivity(db, user.memberId, now);
  return { token, csrfToken, maxAgeS: t.absoluteS };
}

/** Refuses a weak new password with a Vietnamese hint (422 weak_password). */
export function checkNewPassword(password: string, userInputs: (string | null | undefined)[]): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new AppError(422, 'weak_password', problem);
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
  const member = user.memberId ? await findMember(deps.database.db, user.memberId) : null;
  checkNewPassword(newPassword, [user.username, ...personalInputs(member)]);
  const passwordHash = await hashPassword(newPassword);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, updatedAt: now });
    await repo.deleteOtherSessions(tx, user.id, sessionIdHash);
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'user.password.change',
        entity: 'user',
        entityId: user.id,
        orgPath: null,
      },
      now,
    );
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
  if (step === null)
    throw new AppError(422, 'totp_invalid', 'Mã xác thực không đúng. Hãy nhập mã đang hiện trên ứng dụng.');
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: now,
      totpLastStep: step,
    });
    await appendAudit(
      tx,
      { actorUserId: user.id, action: 'user.totp.enable', entity: 'user', entityId: user.id, orgPath: null },
      now,
    );
  });
}

/**
 * Sets a new password with a one-time code from the chi ủy (or a TOTP recovery code's sibling flow).
 * Throttled like a login; a wrong code counts as a failed attempt.
 */
export async function resetPassword(
  deps: Deps,
  input: { username: string; code: string; newPassword: string },
  ip: string,
) {
  const { throttle } = deps;
  const userKey = `login:user:${fold(input.username)}`;
  const ipKey = `login:ip:${ip}`;
  const [u, i] = await Promise.all([throttle.peek(userKey), throttle.peek(ipKey)]);
  if (u.count >= LOGIN_LIMITS.perUser) throw tooMany(u.retryAfterS);
  if (i.count >= LOGIN_LIMITS.perIp) throw tooMany(i.retryAfterS);
  const user = await resolveUser(deps, input.username);
  const now = deps.now();
  const code = user
    ? await repo.usableCode(
        deps.database.db,
        user.id,
        'password_reset',
        sha256(input.code.replace(/\s/g, '')),
        now,
      )
    : null;
  if (!user || !code) {
    await Promise.all([
      throttle.hit(userKey, LOGIN_LIMITS.windowS),
      throttle.hit(ipKey, LOGIN_LIMITS.windowS),
    ]);
    throw new AppError(
      422,
      'invalid_reset_code',
      'Mã đặt lại không đúng hoặc đã hết hạn. Hãy nhờ chi ủy cấp mã mới.',
    );
  }
  const member = user.memberId ? await findMember(deps.database.db, user.memberId) : null;
  checkNewPassword(input.newPassword, [user.username, ...personalInputs(member)]);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.database.db.transaction(async (tx) => {
    await repo.markCodeUsed(tx, code.id, now);
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, updatedAt: now });
    await repo.deleteAllSessions(tx, user.id);
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'user.password.reset',
        entity: 'user',
        entityId: user.id,
        orgPath: member?.orgPath ?? null,
      },
      now,
    );
  });
  await throttle.reset(userKey);
}

// Every reset-mail request counts, per username and per address within the window, then 429.
export const RESET_MAIL_LIMITS = { perUser: 3, perIp: 30, windowS: 3600 };
const RESET_MAIL_CODE_TTL_MS = 3600_000;
export const RESET_MAIL_ANSWER =
  'Nếu tài khoản có địa chỉ thư điện tử, mã đặt lại mật khẩu (hiệu lực 1 giờ) đã được gửi tới đó. Không nhận được thư thì hãy nhờ chi ủy cấp mã đặt lại.';

/**
 * "Quên mật khẩu" by e-mail (only when SMTP_URL is set). Checks the throttle, then looks up and mails
 * in `delivery`, which the caller does not wait for: the answer is the same, and as quick, whether or
 * not the account exists or has an e-mail.
 */
export async function requestResetMail(
  deps: Deps,
  username: string,
  ip: string,
): Promise<{ delivery: Promise<void> }> {
  const { mailer, throttle } = deps;
  if (!mailer) throw notFound('Chưa cấu hình gửi thư; hãy nhờ chi ủy cấp mã đặt lại.');
  const userKey = `reset-mail:user:${fold(username)}`;
  const ipKey = `reset-mail:ip:${ip}`;
  const [u, i] = await Promise.all([throttle.peek(userKey), throttle.peek(ipKey)]);
  const what = 'Đã yêu cầu gửi mã quá nhiều lần.';
  if (u.count >= RESET_MAIL_LIMITS.perUser) throw tooMany(u.retryAfterS, what);
  if (i.count >= RESET_MAIL_LIMITS.perIp) throw tooMany(i.retryAfterS, what);
  await Promise.all([
    throttle.hit(userKey, RESET_MAIL_LIMITS.windowS),
    throttle.hit(ipKey, RESET_MAIL_LIMITS.windowS),
  ]);
  return { delivery: mailResetCode(deps, mailer, username) };
}

async function mailResetCode(deps: Deps, mailer: Mailer, username: string): Promise<void> {
  const db = deps.database.db;
  const user = await resolveUser(deps, username);
  const member = user?.state === 'active' && user.memberId ? await findMember(db, user.memberId) : null;
  if (!user || !member?.email) return;
  const code = String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
  const now = deps.now();
  // a code the chi ủy handed out stays valid: a stranger asking for mails must not cancel it
  await db.transaction(async (tx) => {
    await repo.insertCode(tx, {
      userId: user.id,
      purpose: 'password_reset',
      codeHash: sha256(code),
      expiresAt: new Date(now.getTime() + RESET_MAIL_CODE_TTL_MS),
      createdAt: now,
    });
    await appendAudit(
      tx,
      {
        actorUserId: null,
        action: 'user.password.reset_mail',
        entity: 'user',
        entityId: user.id,
        orgPath: member.orgPath,
      },
      now,
    );
  });
  await mailer.send({
    to: member.email,
    subject: 'Mã đặt lại mật khẩu Sổ tay đảng viên',
    text: [
      `Kính gửi đồng chí ${member.fullName},`,
      '',
      `Mã đặt lại mật khẩu của đồng chí là: ${code}`,
      '',
      `Mã dùng được một lần, trong 1 giờ. Mở ${deps.publicUrl}, chọn "Quên mật khẩu" và nhập mã này cùng mật khẩu mới.`,
      'Nếu đồng chí không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn dùng được.',
      '',
      'Sổ tay đảng viên điện tử',
    ].join('\n'),
  });
}

/** Ten single-use recovery codes for when the phone with the authenticator is lost; replaces older ones. */
export async function newRecoveryCodes(deps: Deps, user: UserRow) {
  if (!user.totpSecret) throw new AppError(422, 'totp_not_enabled', 'Hãy bật xác thực hai bước trước.');
  const abc = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: 10 }, () => {
    const raw = [...crypto.randomBytes(8)].map((b) => abc[b % abc.length]).join('');
    return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.replaceCodes(
      tx,
      user.id,
      'totp_recovery',
      codes.map((c) => sha256(normaliseRecovery(c))),
      now,
    );
    await appendAudit(
      tx,
      {
        actorUserId: user.id,
        action: 'user.totp.recovery_codes',
        entity: 'user',
        entityId: user.id,
        orgPath: null,
      },
      now,
    );
  });
  return { codes };
}

/** An admin clears a user's second factor (lost phone and codes): they enrol again at next sign-in. */
export async function resetSecondFactor(
  deps: Deps,
  actorUserId: string,
  user: UserRow,
  orgPath: string | null,
) {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: now,
    });
    await repo.replaceCodes(tx, user.id, 'totp_recovery', [], now);
    await repo.deleteAllSessions(tx, user.id);
    await appendAudit(
      tx,
      { actorUserId, action: 'user.totp.reset', entity: 'user', entityId: user.id, orgPath },
      now,
    );
  });
}

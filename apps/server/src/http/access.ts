import { type Action, type Actor, mayEver, needsSecondFactor } from '@sotay/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { safeEqual, sha256 } from '../lib/tokens.ts';
import {
  activeRoles,
  type RoleRow,
  sessionWithUser,
  touchSession,
  type UserRow,
} from '../modules/auth/repo.ts';
import { recordActivity } from '../modules/rollout/funnel.ts';
import { AppError, forbidden } from './errors.ts';

/**
 * Every route declares who may call it:
 * - `public`: anyone;
 * - `session`: a signed-in user, even one who still has to change their password (the routes that fix it);
 * - `user`: a signed-in user with nothing pending;
 * - an Action: a `user` holding a role that allows it somewhere (the service then checks the exact unit).
 */
export type Access = 'public' | 'session' | 'user' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface AuthContext {
  sessionIdHash: string;
  csrfToken: string;
  user: UserRow;
  roles: RoleRow[];
  actor: Actor;
}

export const SESSION_COOKIE = 'sotay_sid';
const TOUCH_EVERY_MS = 60_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes a user may call with a valid session but without the CSRF header: none but login. */
const NO_CSRF = new Set(['/api/auth/login']);

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError(401, 'unauthenticated', 'Bạn cần đăng nhập.');
  return req.auth;
}

async function loadSession(deps: Deps, req: FastifyRequest): Promise<AuthContext | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const idHash = sha256(token);
  const db = deps.database.db;
  const row = await sessionWithUser(db, idHash);
  if (!row) return null;
  const now = deps.now();
  const { session, user } = row;
  const idleUntil = session.lastSeenAt.getTime() + session.idleTimeoutS * 1000;
  if (session.expiresAt <= now || idleUntil <= now.getTime() || user.state !== 'active') return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, idHash, now);
    // a day of signed-in use, for the roll-out's "active in the last 30 days"
    if (user.memberId) await recordActivity(db, user.memberId, now);
  }
  const roles = await activeRoles(db, user.id);
  return {
    sessionIdHash: idHash,
    csrfToken: session.csrfToken,
    user,
    roles,
    actor: {
      userId: user.id,
      memberId: user.memberId,
      roles: roles.map((r) => ({ role: r.role, orgPath: r.orgPath })),
    },
  };
}

export function registerAccess(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.method === 'HEAD') return;
    if (!route.config?.access)
      throw new Error(`Route ${route.method} ${route.url} does not declare its access`);
  });

  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    req.auth = await loadSession(deps, req);
    const auth = req.auth;
    if (auth && UNSAFE.has(req.method) && !NO_CSRF.has(req.routeOptions.url ?? '')) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
        throw new AppError(
          403,
          'csrf_invalid',
          'Thiếu hoặc sai mã chống giả mạo (x-csrf-token). Hãy tải lại trang.',
        );
      }
    }
    if (access === 'public') return;
    if (!auth) throw new AppError(401, 'unauthenticated', 'Bạn cần đăng nhập.');
    if (access === 'session') return;
    if (auth.user.mustChangePassword) {
      throw new AppError(403, 'password_change_required', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
    }
    if (needsSecondFactor(auth.actor.roles) && !auth.user.totpEnabledAt) {
      throw new AppError(
        403,
        'totp_enrollment_required',
        'Tài khoản có vai trò cấp ủy/quản trị cần bật xác thực hai bước (mã TOTP) trước khi tiếp tục.',
      );
    }
    if (access !== 'user' && !mayEver(auth.actor, access)) throw forbidden();
  });
}

import { can } from '@sotay/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth, SESSION_COOKIE } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import { errorResponses, idParams, noContent } from '../../http/schemas.ts';
import { presentMember } from '../members/presenter.ts';
import { findMember } from '../members/repo.ts';
import { setSessionCookie } from './cookie.ts';
import { deleteSession, findUserById, userOrgPaths, userSessions } from './repo.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Đăng nhập'];

    app.post('/api/auth/login', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Đăng nhập bằng tên đăng nhập, số điện thoại, số thẻ đảng viên hoặc CCCD',
        body: schemas.loginBody,
        response: { 200: schemas.loginOut, ...errorResponses },
      },
      handler: async (req, reply) => {
        const r = await service.login(deps, req.body, {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, deps.publicUrl, r);
        return { user: r.user, csrfToken: r.csrfToken };
      },
    });

    app.post('/api/auth/logout', {
      config: { access: 'session' },
      schema: { tags, summary: 'Đăng xuất', response: { 204: noContent, ...errorResponses } },
      handler: async (req, reply) => {
        await deleteSession(deps.database.db, requireAuth(req).sessionIdHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.post('/api/auth/change-password', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Đổi mật khẩu',
        body: schemas.changePasswordBody,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        const auth = requireAuth(req);
        await service.changePassword(deps, auth.user, auth.sessionIdHash, req.body);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/auth/totp/enroll', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Bắt đầu bật xác thực hai bước (TOTP)',
        response: { 200: schemas.totpEnrollOut, ...errorResponses },
      },
      handler: (req) => service.enrollTotp(deps, requireAuth(req).user),
    });

    app.post('/api/auth/totp/confirm', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Xác nhận mã TOTP đầu tiên',
        body: schemas.totpConfirmBody,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.confirmTotp(deps, requireAuth(req).user, req.body.code);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/auth/reset-password', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu bằng mã do chi ủy cấp',
        body: z.object({
          username: z.string().trim().min(1).max(200),
          code: z.string().trim().min(6).max(20),
          newPassword: z.string().min(1).max(1024),
        }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.resetPassword(deps, req.body, req.ip);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/auth/forgot-password', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Có gửi mã đặt lại mật khẩu qua thư điện tử không (máy chủ có SMTP_URL)',
        response: { 200: schemas.forgotPasswordConfigOut },
      },
      handler: async () => ({ enabled: !!deps.mailer }),
    });
    app.post('/api/auth/forgot-password', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Quên mật khẩu: gửi mã đặt lại tới thư điện tử của đảng viên (khi máy chủ có SMTP_URL)',
        body: schemas.forgotPasswordBody,
        response: { 202: schemas.forgotPasswordOut, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { delivery } = await service.requestResetMail(deps, req.body.username, req.ip);
        // answered before the look-up and the mail, so neither shows in the response or its timing
        delivery.catch((e: { code?: string }) =>
          req.log.error({ code: e.code ?? null }, 'password reset mail failed'),
        );
        return reply.status(202).send({ message: service.RESET_MAIL_ANSWER });
      },
    });

    app.post('/api/auth/totp/recovery-codes', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Tạo 10 mã dự phòng dùng một lần (thay các mã cũ)',
        response: { 200: z.object({ codes: z.array(z.string()) }), ...errorResponses },
      },
      handler: (req) => service.newRecoveryCodes(deps, requireAuth(req).user),
    });

    app.post('/api/users/:id/totp-reset', {
      config: { access: 'account.resetSecondFactor' },
      schema: {
        tags,
        summary: 'Quản trị viên xoá xác thực hai bước của một tài khoản',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { actor } = requireAuth(req);
        const target = await findUserById(deps.database.db, req.params.id);
        const paths = target ? await userOrgPaths(deps.database.db, target) : [];
        if (
          !target ||
          !paths.length ||
          !paths.every((p) => can(actor, 'account.resetSecondFactor', { orgPath: p }))
        ) {
          throw notFound('Không tìm thấy tài khoản.');
        }
        await service.resetSecondFactor(deps, actor.userId, target, paths[0]!);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/me/sessions', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Các phiên đăng nhập đang mở của tôi',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                userAgent: z.string().nullable(),
                createdAt: z.string(),
                lastSeenAt: z.string(),
                current: z.boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        const auth = requireAuth(req);
        const rows = await userSessions(deps.database.db, auth.user.id);
        return {
          items: rows.map((r) => ({
            id: r.id.slice(0, 16),
            userAgent: r.userAgent,
            createdAt: r.createdAt.toISOString(),
            lastSeenAt: r.lastSeenAt.toISOString(),
            current: r.id === auth.sessionIdHash,
          })),
        };
      },
    });

    app.delete('/api/me/sessions/:id', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Kết thúc một phiên đăng nhập',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        const auth = requireAuth(req);
        const rows = await userSessions(deps.database.db, auth.user.id);
        const hit = rows.find((r) => r.id.startsWith(req.params.id));
        if (!hit) throw notFound('Không tìm thấy phiên đăng nhập.');
        await deleteSession(deps.database.db, hit.id);
        if (hit.id === auth.sessionIdHash) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.get('/api/me', {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Tài khoản đang đăng nhập',
        response: { 200: schemas.meOut, ...errorResponses },
      },
      handler: async (req) => {
        const { user, roles, csrfToken, actor } = requireAuth(req);
        const m = user.memberId ? await findMember(deps.database.db, user.memberId) : null;
        return {
          user: {
            id: user.id,
            username: user.username,
            mustChangePassword: user.mustChangePassword,
            totpEnabled: !!user.totpSecret,
            state: user.state,
          },
          // one's own record: personal fields shown, the CCCD masked (the profile page reveals it on request)
          member: m
            ? presentMember(m, {
                personal: can(actor, 'member.personal', { orgPath: m.orgPath, memberId: m.id }),
                fullCccd: false,
              })
            : null,
          roles: roles.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
          csrfToken,
        };
      },
    });
  };

import { can } from '@sotay/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { requireAuth, SESSION_COOKIE } from '../../http/access.ts';
import { errorResponses, noContent } from '../../http/schemas.ts';
import { presentMember } from '../members/presenter.ts';
import { findMember } from '../members/repo.ts';
import { deleteSession } from './repo.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Đăng nhập'];
    const secure = deps.publicUrl.startsWith('https:');

    app.post('/api/auth/login', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Đăng nhập bằng tên đăng nhập, số điện thoại, số thẻ đảng viên hoặc CCCD',
        body: schemas.loginBody,
        response: { 200: schemas.loginOut, ...errorResponses },
      },
      handler: async (req, reply) => {
        const r = await service.login(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: r.maxAgeS });
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
      schema: { tags, summary: 'Đổi mật khẩu', body: schemas.changePasswordBody, response: { 204: noContent, ...errorResponses } },
      handler: async (req, reply) => {
        const auth = requireAuth(req);
        await service.changePassword(deps, auth.user, auth.sessionIdHash, req.body);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/auth/totp/enroll', {
      config: { access: 'session' },
      schema: { tags, summary: 'Bắt đầu bật xác thực hai bước (TOTP)', response: { 200: schemas.totpEnrollOut, ...errorResponses } },
      handler: (req) => service.enrollTotp(deps, requireAuth(req).user),
    });

    app.post('/api/auth/totp/confirm', {
      config: { access: 'session' },
      schema: { tags, summary: 'Xác nhận mã TOTP đầu tiên', body: schemas.totpConfirmBody, response: { 204: noContent, ...errorResponses } },
      handler: async (req, reply) => {
        await service.confirmTotp(deps, requireAuth(req).user, req.body.code);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/me', {
      config: { access: 'session' },
      schema: { tags, summary: 'Tài khoản đang đăng nhập', response: { 200: schemas.meOut, ...errorResponses } },
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
          member: m ? presentMember(m, { personal: can(actor, 'member.personal', { orgPath: m.orgPath, memberId: m.id }), fullCccd: false }) : null,
          roles: roles.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
          csrfToken,
        };
      },
    });
  };

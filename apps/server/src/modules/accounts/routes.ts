import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { errorResponses, idParams } from '../../http/schemas.ts';
import * as service from './service.ts';

const slipOut = z.object({
  fullName: z.string(),
  orgName: z.string(),
  username: z.string(),
  otherUsernames: z.array(z.string()),
  password: z.string(),
  appUrl: z.string(),
});
const deviceBody = z
  .object({ vneidLevel: z.number().int().min(0).max(2).optional(), hasSmartphone: z.boolean().optional() })
  .refine((b) => b.vneidLevel !== undefined || b.hasSmartphone !== undefined, {
    message: 'Cần vneidLevel hoặc hasSmartphone',
  });
const deviceOut = z.object({
  vneidLevel: z.number().int(),
  hasSmartphone: z.boolean().nullable(),
  setAt: z.string(),
  setBySelf: z.boolean(),
});
const deviceInfoOut = z.object({
  vneidLevel: z.number().int(),
  hasSmartphone: z.boolean().nullable(),
  setAt: z.string().nullable(),
  setBySelf: z
    .boolean()
    .nullable()
    .describe('Đảng viên tự khai (true) hay người khác ghi (false); null: chưa ai ghi'),
  setByName: z.string().nullable().describe('Họ tên (hoặc tên đăng nhập) của người ghi'),
});

export const accountRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Tài khoản đảng viên'];
    app.get('/api/members/:id/account', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Tình trạng tài khoản của một đảng viên',
        params: idParams,
        response: {
          200: z.object({
            state: z.string(),
            username: z.string().nullable(),
            lastLoginAt: z.string().nullable(),
            mustChangePassword: z.boolean(),
            totpEnabled: z.boolean(),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => service.accountOf(deps, requireAuth(req).actor, req.params.id),
    });
    app.post('/api/members/:id/account', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Chi ủy tạo tài khoản cho đảng viên (mật khẩu dùng một lần, in phiếu tài khoản)',
        params: idParams,
        response: { 201: z.object({ slip: slipOut }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ slip: await service.createAccount(deps, requireAuth(req).actor, req.params.id) }),
    });
    app.post('/api/members/:id/reset-code', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Cấp mã đặt lại mật khẩu (24 giờ, chỉ hiện một lần)',
        params: idParams,
        response: {
          201: z.object({ username: z.string(), code: z.string(), expiresAt: z.string() }),
          ...errorResponses,
        },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.issueResetCode(deps, requireAuth(req).actor, req.params.id)),
    });
    for (const action of ['lock', 'unlock'] as const) {
      app.post(`/api/members/:id/${action}`, {
        config: { access: 'account.manage' },
        schema: {
          tags,
          summary:
            action === 'lock' ? 'Khoá tài khoản' : 'Mở khoá tài khoản (và gỡ chặn đăng nhập sai nhiều lần)',
          params: idParams,
          response: { 200: z.object({ state: z.string() }), ...errorResponses },
        },
        handler: (req) => service.setLocked(deps, requireAuth(req).actor, req.params.id, action === 'lock'),
      });
    }
    app.get('/api/members/:id/device', {
      config: { access: 'member.read' },
      schema: {
        tags,
        summary: 'Mức VNeID và điện thoại thông minh, khi nào và ai ghi',
        params: idParams,
        response: { 200: deviceInfoOut, ...errorResponses },
      },
      handler: (req) => service.deviceOf(deps, requireAuth(req).actor, req.params.id),
    });
    app.patch('/api/members/:id/device', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Chi ủy ghi mức VNeID và điện thoại thông minh',
        params: idParams,
        body: deviceBody,
        response: { 200: deviceOut, ...errorResponses },
      },
      handler: (req) => service.setDevice(deps, requireAuth(req).actor, req.params.id, req.body),
    });
    app.patch('/api/me/device', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Đảng viên tự khai mức VNeID và điện thoại thông minh',
        body: deviceBody,
        response: { 200: deviceOut, ...errorResponses },
      },
      handler: (req) => {
        const { actor } = requireAuth(req);
        if (!actor.memberId)
          throw new AppError(422, 'no_member', 'Tài khoản này không gắn với đảng viên nào.');
        return service.setDevice(deps, actor, actor.memberId, req.body);
      },
    });
  };

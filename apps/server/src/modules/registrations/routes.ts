import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, isoDate, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const registerBody = z
  .object({
    partyCardNumber: z
      .string()
      .trim()
      .regex(/^\d{6,12}$/, 'Số thẻ gồm 6–12 chữ số')
      .optional(),
    cccd: z
      .string()
      .trim()
      .regex(/^\d{9}(\d{3})?$/, 'CCCD gồm 12 chữ số')
      .optional(),
    birthDate: isoDate,
    phone: z.string().trim().min(9).max(30),
    password: z.string().min(1).max(1024),
  })
  .refine((b) => !!b.partyCardNumber !== !!b.cccd, {
    message: 'Cần đúng một trong hai: số thẻ đảng viên hoặc số CCCD',
  });

const registrationOut = z.object({
  id: uuid,
  memberId: uuid,
  fullName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  partyCardNumber: z.string().nullable(),
  phone: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
const decision = z.object({
  id: uuid,
  status: z.enum(['approved', 'rejected']),
  warning: z.string().nullable().optional(),
});

export const registrationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Đăng ký tài khoản'];
    app.post('/api/registrations', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Đảng viên tự đăng ký (chờ chi ủy phê duyệt)',
        body: registerBody,
        response: { 202: z.object({ status: z.literal('pending') }), ...errorResponses },
      },
      handler: async (req, reply) => reply.status(202).send(await service.register(deps, req.body, req.ip)),
    });
    app.get('/api/registrations', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Đăng ký trong phạm vi (mặc định: đang chờ duyệt)',
        querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
        response: { 200: z.object({ items: z.array(registrationOut) }), ...errorResponses },
      },
      handler: (req) => service.list(deps, requireAuth(req).actor, req.query.status),
    });
    app.post('/api/registrations/:id/approve', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Phê duyệt đăng ký',
        params: idParams,
        response: { 200: decision, ...errorResponses },
      },
      handler: (req) => service.approve(deps, requireAuth(req).actor, req.params.id),
    });
    app.post('/api/registrations/:id/reject', {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: 'Từ chối đăng ký (kèm lý do)',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(3).max(500) }),
        response: { 200: decision, ...errorResponses },
      },
      handler: (req) => service.reject(deps, requireAuth(req).actor, req.params.id, req.body.reason),
    });
  };

import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '@sotay/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, noContent, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const summary = z.object({
  id: uuid,
  kind: z.enum(FEEDBACK_KINDS),
  title: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  orgId: uuid,
  orgName: z.string(),
  escalated: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  overdue: z.boolean(),
});
const detail = summary.extend({
  author: z.object({ fullName: z.string(), orgName: z.string() }).nullable(),
  messages: z.array(
    z.object({
      id: uuid,
      body: z.string(),
      fromCommittee: z.boolean(),
      author: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  canHandle: z.boolean(),
});
const out = z.object({ feedback: detail });

export const feedbackRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Hỏi đáp, phản ánh'];
    app.post('/api/feedback', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Đảng viên gửi câu hỏi, phản ánh, kiến nghị hoặc báo lỗi ứng dụng đến chi ủy (hoặc cấp ủy cấp trên: orgId)',
        body: z.object({
          kind: z.enum(FEEDBACK_KINDS),
          title: z.string().min(1).max(200),
          body: z.string().min(1).max(10_000),
          orgId: uuid.optional(),
        }),
        response: { 201: out, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ feedback: await service.createFeedback(deps, requireAuth(req).actor, req.body) }),
    });
    app.get('/api/me/feedback', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Câu hỏi, phản ánh tôi đã gửi',
        response: { 200: z.object({ items: z.array(summary) }), ...errorResponses },
      },
      handler: (req) => service.listMine(deps, requireAuth(req).actor),
    });
    app.get('/api/feedback', {
      config: { access: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Câu hỏi, phản ánh gửi đến các đơn vị tôi phụ trách; overdue=true: quá hạn chưa trả lời',
        querystring: z.object({
          status: z.enum(FEEDBACK_STATUSES).optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(summary) }), ...errorResponses },
      },
      handler: (req) => service.listToHandle(deps, requireAuth(req).actor, req.query),
    });
    app.get('/api/feedback/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Một câu hỏi/phản ánh và các trả lời',
        params: idParams,
        response: { 200: out, ...errorResponses },
      },
      handler: async (req) => ({
        feedback: await service.detail(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.post('/api/feedback/:id/replies', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Trả lời (chi ủy/cấp ủy) hoặc bổ sung (người gửi)',
        params: idParams,
        body: z.object({ body: z.string().min(1).max(10_000) }),
        response: { 200: out, ...errorResponses },
      },
      handler: async (req) => ({
        feedback: await service.reply(deps, requireAuth(req).actor, req.params.id, req.body.body),
      }),
    });
    app.post('/api/feedback/:id/status', {
      config: { access: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Đổi trạng thái: đang xử lý, đã đóng',
        params: idParams,
        body: z.object({ status: z.enum(['dang_xu_ly', 'da_dong']) }),
        response: { 200: out, ...errorResponses },
      },
      handler: async (req) => ({
        feedback: await service.setStatus(deps, requireAuth(req).actor, req.params.id, req.body.status),
      }),
    });
    app.post('/api/feedback/:id/escalate', {
      config: { access: 'feedback.handle' },
      schema: {
        tags,
        summary: 'Chuyển lên cấp ủy cấp trên',
        params: idParams,
        body: z.object({ note: z.string().max(1000).optional() }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.escalate(deps, requireAuth(req).actor, req.params.id, req.body.note);
        return reply.status(204).send(null);
      },
    });
  };

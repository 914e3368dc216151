import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, isoDate, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const text = z.string().trim().min(1).max(200).nullable().optional();
const changesBody = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  birthDate: isoDate.optional(),
  gender: z.enum(['nam', 'nu']).optional(),
  ethnicity: text,
  hometown: text,
  cccd: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, 'CCCD gồm 12 chữ số')
    .optional(),
  partyCardNumber: z
    .string()
    .regex(/^\d{6,12}$/, 'Số thẻ gồm 6–12 chữ số')
    .optional(),
  joinedOn: isoDate.optional(),
  officialOn: isoDate.optional(),
  education: text,
  position: text,
});
const change = z.object({ from: z.string().nullable(), to: z.string().nullable() });
const correctionOut = z.object({
  id: uuid,
  memberId: uuid,
  changes: z.record(z.string(), change),
  note: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  fullName: z.string().nullable(),
  orgName: z.string().nullable(),
});
const decision = z.object({ id: uuid, status: z.enum(['approved', 'rejected']) });

export const correctionRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Thông tin sơ lược'];
    app.post('/api/me/profile/confirm', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Xác nhận thông tin sơ lược là đúng',
        response: { 200: z.object({ confirmedAt: z.string() }), ...errorResponses },
      },
      handler: (req) => service.confirmProfile(deps, requireAuth(req).actor),
    });
    app.post('/api/me/corrections', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Đề nghị sửa thông tin trong hồ sơ đảng viên (chi ủy duyệt)',
        body: z.object({ changes: changesBody, note: z.string().trim().max(1000).nullable().optional() }),
        response: { 201: z.object({ correction: correctionOut }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send({
          correction: await service.requestCorrection(
            deps,
            requireAuth(req).actor,
            req.body.changes,
            req.body.note ?? null,
          ),
        }),
    });
    app.get('/api/me/corrections', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Các đề nghị sửa thông tin của tôi',
        response: { 200: z.object({ items: z.array(correctionOut) }), ...errorResponses },
      },
      handler: (req) => service.myCorrections(deps, requireAuth(req).actor),
    });
    app.get('/api/corrections', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Đề nghị sửa thông tin trong phạm vi',
        querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
        response: { 200: z.object({ items: z.array(correctionOut) }), ...errorResponses },
      },
      handler: (req) => service.listCorrections(deps, requireAuth(req).actor, req.query.status),
    });
    app.post('/api/corrections/:id/approve', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Duyệt đề nghị sửa thông tin',
        params: idParams,
        response: { 200: decision, ...errorResponses },
      },
      handler: (req) => service.decide(deps, requireAuth(req).actor, req.params.id, true, null),
    });
    app.post('/api/corrections/:id/reject', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Từ chối đề nghị sửa thông tin (kèm lý do)',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(3).max(500) }),
        response: { 200: decision, ...errorResponses },
      },
      handler: (req) => service.decide(deps, requireAuth(req).actor, req.params.id, false, req.body.reason),
    });
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const orgOut = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  kind: z.enum(service.ORG_KINDS).or(z.string()),
  name: z.string(),
  closedAt: z.string().nullable(),
});
const orgEnvelope = z.object({ org: orgOut });
const name = z.string().trim().min(2).max(200);

export const orgRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Tổ chức đảng'];
    app.get('/api/orgs/tree', {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: 'Cây tổ chức trong phạm vi, kèm số đảng viên',
        querystring: z.object({ includeClosed: z.enum(['true', 'false']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              orgOut.extend({ memberCount: z.number().int(), subtreeMemberCount: z.number().int() }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => service.tree(deps, requireAuth(req).actor, req.query.includeClosed === 'true'),
    });
    app.get('/api/orgs/:id', {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: 'Một đơn vị và lịch sử đổi tên, chuyển, giải thể',
        params: idParams,
        response: {
          200: z.object({
            org: orgOut,
            events: z.array(
              z.object({
                event: z.string(),
                oldName: z.string().nullable(),
                newName: z.string().nullable(),
                oldParentId: z.string().nullable(),
                newParentId: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => service.detail(deps, requireAuth(req).actor, req.params.id),
    });
    app.post('/api/orgs', {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Tạo đơn vị trực thuộc',
        body: z.object({ parentId: uuid, name, kind: z.enum(service.ORG_KINDS) }),
        response: { 201: orgEnvelope, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ org: await service.create(deps, requireAuth(req).actor, req.body) }),
    });
    app.patch('/api/orgs/:id', {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Đổi tên đơn vị (lưu lịch sử)',
        params: idParams,
        body: z.object({ name }),
        response: { 200: orgEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        org: await service.rename(deps, requireAuth(req).actor, req.params.id, req.body.name),
      }),
    });
    app.post('/api/orgs/:id/move', {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Chuyển đơn vị sang cấp trên khác',
        params: idParams,
        body: z.object({ parentId: uuid }),
        response: { 200: orgEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        org: await service.move(deps, requireAuth(req).actor, req.params.id, req.body.parentId),
      }),
    });
    app.post('/api/orgs/:id/close', {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Giải thể đơn vị (không xoá, giữ lịch sử)',
        params: idParams,
        response: { 200: orgEnvelope, ...errorResponses },
      },
      handler: async (req) => ({ org: await service.close(deps, requireAuth(req).actor, req.params.id) }),
    });
  };

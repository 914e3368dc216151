import { ROLES } from '@sotay/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, noContent, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const assignmentOut = z.object({
  id: uuid,
  role: z.enum(ROLES),
  orgId: uuid,
  orgName: z.string(),
  userId: uuid,
  username: z.string(),
  createdAt: z.string(),
});

export const roleRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Vai trò'];
    app.get('/api/roles', {
      config: { access: 'role.read' },
      schema: {
        tags,
        summary: 'Vai trò đang giao trong phạm vi',
        response: { 200: z.object({ items: z.array(assignmentOut) }), ...errorResponses },
      },
      handler: (req) => service.list(deps, requireAuth(req).actor),
    });
    app.post('/api/roles', {
      config: { access: 'role.read' },
      schema: {
        tags,
        summary: 'Giao vai trò cho một tài khoản tại một đơn vị (áp dụng cho cả cây trực thuộc)',
        body: z.object({ userId: uuid, role: z.enum(ROLES), orgId: uuid }),
        response: { 201: z.object({ assignment: assignmentOut }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ assignment: await service.assign(deps, requireAuth(req).actor, req.body) }),
    });
    app.delete('/api/roles/:id', {
      config: { access: 'role.read' },
      schema: {
        tags,
        summary: 'Thu hồi vai trò',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.revoke(deps, requireAuth(req).actor, req.params.id);
        return reply.status(204).send(null);
      },
    });
  };

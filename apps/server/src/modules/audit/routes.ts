import { scopePaths } from '@sotay/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, pageQuery } from '../../http/schemas.ts';
import { auditPage, verifyAuditChain } from './repo.ts';

const entryOut = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Nhật ký'];
    app.get('/api/audit', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Nhật ký thao tác trong phạm vi (quản trị viên)',
        querystring: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(entryOut), total: z.number().int() }), ...errorResponses },
      },
      handler: async (req) => {
        const { items, total } = await auditPage(deps.database.db, {
          orgPaths: scopePaths(requireAuth(req).actor, 'audit.read'),
          ...req.query,
        });
        return { items: items.map((r) => ({ ...r, at: r.at.toISOString() })), total };
      },
    });
    app.get('/api/audit/verify', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Kiểm tra chuỗi băm của nhật ký',
        response: {
          200: z.object({
            rows: z.number().int(),
            ok: z.boolean(),
            brokenAt: z.number().int().nullable(),
            reason: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
      handler: () => verifyAuditChain(deps.database.db),
    });
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams, uuid } from '../../http/schemas.ts';
import * as service from './service.ts';

const contact = z.object({
  id: uuid,
  orgId: uuid,
  fullName: z.string(),
  role: z.string(),
  phone: z.string(),
});

export const supportRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Hỗ trợ sử dụng'];
    app.get('/api/support-contacts', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Người hỗ trợ sử dụng ứng dụng: của chi bộ tôi và các cấp trên (gần nhất trước)',
        response: {
          200: z.object({ items: z.array(contact.extend({ orgName: z.string() })) }),
          ...errorResponses,
        },
      },
      handler: (req) => service.contactsFor(deps, requireAuth(req).actor),
    });
    app.get('/api/orgs/:id/support-contacts', {
      config: { access: 'support.manage' },
      schema: {
        tags,
        summary: 'Danh sách hỗ trợ của một đơn vị',
        params: idParams,
        response: { 200: z.object({ items: z.array(contact) }), ...errorResponses },
      },
      handler: (req) => service.unitContacts(deps, req.params.id),
    });
    app.put('/api/orgs/:id/support-contacts', {
      config: { access: 'support.manage' },
      schema: {
        tags,
        summary: 'Đặt danh sách người hỗ trợ của đơn vị (họ tên, chức năng, số điện thoại)',
        params: idParams,
        body: z.object({
          items: z
            .array(
              z.object({
                fullName: z.string().min(1).max(100),
                role: z.string().min(1).max(200),
                phone: z.string().min(9).max(30),
              }),
            )
            .max(20),
        }),
        response: { 200: z.object({ items: z.array(contact) }), ...errorResponses },
      },
      handler: (req) => service.setContacts(deps, requireAuth(req).actor, req.params.id, req.body.items),
    });
  };

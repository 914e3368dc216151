import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses } from '../../http/schemas.ts';
import { memberEnvelope } from '../members/schemas.ts';
import * as service from './service.ts';

const contactBody = z.object({
  phone: z.string().trim().max(30).nullable().optional().describe('Số điện thoại; rỗng hoặc null để xoá'),
  email: z
    .union([z.email().max(200), z.literal('')])
    .nullable()
    .optional()
    .describe('Thư điện tử; rỗng hoặc null để xoá'),
});

export const profileRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.patch('/api/me/contact', {
      config: { access: 'user' },
      schema: {
        tags: ['Đăng nhập'],
        summary: 'Đảng viên tự sửa số điện thoại và thư điện tử của mình',
        body: contactBody,
        response: { 200: memberEnvelope, ...errorResponses },
      },
      handler: async (req) => {
        const { user } = requireAuth(req);
        return { member: await service.updateOwnContact(deps, user.id, user.memberId, req.body) };
      },
    });
  };

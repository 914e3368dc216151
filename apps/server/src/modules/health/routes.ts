import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';

export const healthRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/health', {
      config: { access: 'public' },
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng máy chủ và cơ sở dữ liệu',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgres']) }) },
      },
      handler: async () => {
        try {
          await deps.database.db.execute(sql`select 1`);
        } catch {
          throw new AppError(503, 'database_unavailable', 'Không kết nối được cơ sở dữ liệu.');
        }
        return { status: 'ok' as const, database: deps.database.kind };
      },
    });
  };

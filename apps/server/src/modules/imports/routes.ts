import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { errorResponses, uuid } from '../../http/schemas.ts';
import { importMembers } from './member-import.ts';
import { readUpload } from './upload.ts';

const rowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(rowError),
});
const importFields = z.object({
  orgId: uuid,
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
  progressId: z.string().min(8).max(64).optional(),
});

export const importRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Nhập dữ liệu'];
    app.post('/api/imports/members', {
      config: { access: 'member.import' },
      schema: {
        tags,
        summary: 'Nhập danh sách đảng viên từ .xlsx/.csv (multipart: file, orgId, dryRun, progressId)',
        consumes: ['multipart/form-data'],
        response: {
          ...errorResponses,
          200: importResult,
          422: importResult.extend(errorResponses[422].shape),
        },
      },
      handler: async (req) => {
        const upload = await readUpload(req);
        try {
          const f = importFields.safeParse(upload.fields);
          if (!f.success) throw badRequest('Thiếu hoặc sai orgId (mã đơn vị nhận danh sách).');
          if (!upload.file || upload.file.size === 0) throw badRequest('Chưa chọn tệp (trường "file").');
          return await importMembers(deps, requireAuth(req).actor, {
            file: upload.file.path,
            fileName: upload.file.name,
            orgId: f.data.orgId,
            dryRun: f.data.dryRun === 'true' || f.data.dryRun === '1',
            progressId: f.data.progressId,
          });
        } catch (e) {
          // DESIGN §4: any 422 of an import carries the result shape (nothing imported), not only row errors
          if (e instanceof AppError && e.status === 422 && !e.body) {
            throw new AppError(
              422,
              e.code,
              e.message,
              { created: 0, updated: 0, unchanged: 0, errors: [] },
              e.headers,
            );
          }
          throw e;
        } finally {
          upload.cleanup();
        }
      },
    });

    app.get('/api/imports/progress/:progressId', {
      config: { access: 'member.import' },
      schema: {
        tags,
        summary: 'Tiến độ của một lần nhập đang chạy',
        params: z.object({ progressId: z.string().min(8).max(64) }),
        response: {
          200: z.object({
            phase: z.enum(['reading', 'checking', 'saving', 'done', 'failed']),
            processed: z.number().int(),
            total: z.number().int().nullable(),
            updatedAt: z.string(),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        const p = deps.progress.get(requireAuth(req).user.id, req.params.progressId);
        if (!p) throw notFound('Không có lần nhập nào với mã tiến độ này.');
        return p;
      },
    });
  };

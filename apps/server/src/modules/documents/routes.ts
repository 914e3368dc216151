import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { badRequest } from '../../http/errors.ts';
import { errorResponses, idParams, noContent, pageQuery, uuid } from '../../http/schemas.ts';
import { sendStoredFile } from '../../http/send-file.ts';
import { readUpload, type Upload } from '../imports/upload.ts';
import {
  detected,
  documentDetail,
  documentFile,
  fileParams,
  listedDocument,
  listQuery,
  updateBody,
  uploadFields,
} from './schemas.ts';
import * as service from './service.ts';
import { readStats, readStatsWorkbook, unreadMembers } from './stats.ts';

const documentOut = z.object({ document: documentDetail });
const uploaded = z.object({ document: documentDetail.omit({ text: true }), detected });
const fileResponse = {
  200: z.any(),
  206: z.any(),
  304: z.any(),
  416: errorResponses[422],
  ...errorResponses,
};

function uploadArgs(upload: Upload) {
  const f = uploadFields.safeParse(upload.fields);
  if (!f.success)
    throw badRequest(`Trường không hợp lệ: ${f.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
  if (!upload.file) throw badRequest('Chưa chọn tệp (trường "file").');
  const { audienceRoles, ...rest } = f.data;
  const roles = audienceRoles
    ?.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return { file: upload.file, fields: { ...rest, ...(roles ? { audienceRoles: roles } : {}) } };
}

export const documentRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Văn bản'];
    const detail = async (actor: Parameters<typeof service.documentDetail>[1], id: string) =>
      service.documentDetail(deps, actor, id);
    const withoutText = <T extends { text: string }>({ text: _t, ...rest }: T) => rest;

    app.get('/api/documents', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Thư viện văn bản: tìm theo số/ký hiệu hoặc nội dung (không phân biệt dấu), lọc, phân trang',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(listedDocument), total: z.number().int() }),
          ...errorResponses,
        },
      },
      handler: (req) => service.listForActor(deps, requireAuth(req).actor, req.query),
    });

    app.post('/api/documents', {
      config: { access: 'document.manage' },
      schema: {
        tags,
        summary:
          'Tải lên văn bản PDF/DOCX (multipart: file, number, title, issuedOn, issuingBody, category, audienceOrgId, audienceRoles, publish); trường bỏ trống được đọc từ tệp',
        consumes: ['multipart/form-data'],
        response: { 201: uploaded, 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = requireAuth(req).actor;
        const upload = await readUpload(req, service.MAX_DOCUMENT_BYTES);
        try {
          const { file, fields } = uploadArgs(upload);
          const r = await service.uploadDocument(deps, actor, file, fields);
          return reply
            .status(201)
            .send({ document: withoutText(await detail(actor, r.id)), detected: r.detected });
        } finally {
          upload.cleanup();
        }
      },
    });

    app.get('/api/documents/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Một văn bản: nội dung, tệp, văn bản được dẫn chiếu và văn bản dẫn chiếu đến nó',
        params: idParams,
        response: { 200: documentOut, ...errorResponses },
      },
      handler: async (req) => ({ document: await detail(requireAuth(req).actor, req.params.id) }),
    });

    app.patch('/api/documents/:id', {
      config: { access: 'document.manage' },
      schema: {
        tags,
        summary: 'Sửa thông tin văn bản (số/ký hiệu, trích yếu, ngày ban hành, đơn vị nhận…)',
        params: idParams,
        body: updateBody,
        response: { 200: documentOut, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireAuth(req).actor;
        await service.updateDocument(deps, actor, req.params.id, req.body);
        return { document: await detail(actor, req.params.id) };
      },
    });

    for (const [action, summary] of [
      ['publish', 'Ban hành (đăng) văn bản cho đơn vị nhận'],
      ['withdraw', 'Thu hồi văn bản'],
    ] as const) {
      app.post(`/api/documents/:id/${action}`, {
        config: { access: 'document.manage' },
        schema: { tags, summary, params: idParams, response: { 200: documentOut, ...errorResponses } },
        handler: async (req) => {
          const actor = requireAuth(req).actor;
          await (action === 'publish' ? service.publishDocument : service.withdrawDocument)(
            deps,
            actor,
            req.params.id,
          );
          return { document: await detail(actor, req.params.id) };
        },
      });
    }

    app.post('/api/documents/:id/versions', {
      config: { access: 'document.manage' },
      schema: {
        tags,
        summary: 'Tải lên bản thay thế (bản nháp; khi ban hành, bản cũ được đánh dấu đã thay thế)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: uploaded, 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = requireAuth(req).actor;
        const upload = await readUpload(req, service.MAX_DOCUMENT_BYTES);
        try {
          const { file, fields } = uploadArgs(upload);
          const r = await service.newVersion(deps, actor, req.params.id, file, fields);
          return reply
            .status(201)
            .send({ document: withoutText(await detail(actor, r.id)), detected: r.detected });
        } finally {
          upload.cleanup();
        }
      },
    });

    app.post('/api/documents/:id/attachments', {
      config: { access: 'document.manage' },
      schema: {
        tags,
        summary: 'Đính kèm video (MP4/WebM), ảnh, PDF hoặc DOCX (multipart: file; tối đa 200 MB)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ file: documentFile }),
          413: errorResponses[422],
          415: errorResponses[422],
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const actor = requireAuth(req).actor;
        const upload = await readUpload(req, service.MAX_ATTACHMENT_BYTES);
        try {
          if (!upload.file) throw badRequest('Chưa chọn tệp (trường "file").');
          const file = await service.addAttachment(deps, actor, req.params.id, upload.file);
          return reply.status(201).send({ file });
        } finally {
          upload.cleanup();
        }
      },
    });

    app.get('/api/documents/:id/files/:fileId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Tệp của văn bản (hỗ trợ HTTP Range cho video và trình xem PDF)',
        params: fileParams,
        response: fileResponse,
      },
      handler: async (req, reply) => {
        const file = await service.documentFile(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.params.fileId,
        );
        return sendStoredFile(req, reply, deps.files, file);
      },
    });

    app.post('/api/documents/:id/read', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Ghi nhận "đã đọc"',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.recordRead(deps, requireAuth(req).actor, req.params.id);
        return reply.status(204).send(null);
      },
    });

    for (const method of ['put', 'delete'] as const) {
      app[method]('/api/documents/:id/bookmark', {
        config: { access: 'user' },
        schema: {
          tags,
          summary: method === 'put' ? 'Đánh dấu "xem sau"' : 'Bỏ đánh dấu "xem sau"',
          params: idParams,
          response: { 204: noContent, ...errorResponses },
        },
        handler: async (req, reply) => {
          await service.bookmark(deps, requireAuth(req).actor, req.params.id, method === 'put');
          return reply.status(204).send(null);
        },
      });
    }
    const statsQuery = z.object({ orgId: uuid.optional() });
    const unitReads = z.object({
      orgId: uuid,
      name: z.string(),
      members: z.number().int(),
      read: z.number().int(),
    });
    app.get('/api/documents/:id/stats', {
      config: { access: 'document.stats' },
      schema: {
        tags,
        summary: 'Tỷ lệ đảng viên đã đọc văn bản, theo từng đơn vị trực thuộc (orgId: đơn vị cần xem)',
        params: idParams,
        querystring: statsQuery,
        response: {
          200: z.object({
            document: z.object({ id: uuid, number: z.string().nullable(), title: z.string() }),
            org: z.object({ id: uuid, name: z.string() }),
            members: z.number().int(),
            read: z.number().int(),
            units: z.array(unitReads),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => readStats(deps, requireAuth(req).actor, req.params.id, req.query.orgId),
    });
    app.get('/api/documents/:id/unread', {
      config: { access: 'document.stats' },
      schema: {
        tags,
        summary: 'Đảng viên chưa đọc văn bản',
        params: idParams,
        querystring: statsQuery.extend(pageQuery),
        response: {
          200: z.object({
            items: z.array(
              z.object({ memberId: uuid, fullName: z.string(), orgId: uuid, orgName: z.string() }),
            ),
            total: z.number().int(),
          }),
          ...errorResponses,
        },
      },
      handler: (req) =>
        unreadMembers(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.query.orgId,
          req.query.page,
          req.query.pageSize,
        ),
    });
    app.get('/api/documents/:id/stats.xlsx', {
      config: { access: 'document.stats' },
      schema: {
        tags,
        summary: 'Tải thống kê đọc văn bản (XLSX: tỷ lệ theo đơn vị và danh sách chưa đọc)',
        params: idParams,
        querystring: statsQuery,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const xlsx = await readStatsWorkbook(deps, requireAuth(req).actor, req.params.id, req.query.orgId);
        return sendDownload(reply, xlsx, 'thong-ke-doc-van-ban.xlsx');
      },
    });
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { contentDisposition } from '../../http/download.ts';
import { badRequest } from '../../http/errors.ts';
import { errorResponses, idParams } from '../../http/schemas.ts';
import { readUpload } from '../imports/upload.ts';
import { checkEssayFile, ESSAY_FILE_MAX_BYTES } from './essay-file.ts';
import { studyWorkbook, XLSX_TYPE } from './export.ts';
import * as learning from './learning.ts';
import * as review from './review.ts';
import * as s from './schemas.ts';
import * as service from './service.ts';

const essayFields = z.object({
  body: z.string().max(20_000, 'Bài thu hoạch dài tối đa 20.000 ký tự').default(''),
  removeFile: z.enum(['true', 'false']).default('false'),
});
const fileResponse = {
  200: z.any().describe('Tệp bài thu hoạch (PDF, DOCX, JPEG hoặc PNG)'),
  ...errorResponses,
};
const uploadErrors = { ...errorResponses, 413: errorResponses[422], 415: errorResponses[422] };

export const studyRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Học tập'];

    // ---- committee: topics and their question bank

    app.get('/api/study/topics', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Chuyên đề học tập trong phạm vi (bản nháp chỉ hiện với cấp ủy được sửa)',
        querystring: s.topicListQuery,
        response: { 200: s.topicList, ...errorResponses },
      },
      handler: (req) => service.listTopics(deps, requireAuth(req).actor, req.query),
    });
    app.post('/api/study/topics', {
      config: { access: 'study.manage' },
      schema: {
        tags,
        summary: 'Soạn chuyên đề (bản nháp): văn bản cần đọc, hạn hoàn thành, bộ câu hỏi',
        body: s.createTopicBody,
        response: { 201: s.topicEnvelope, ...errorResponses },
      },
      handler: async (req, reply) =>
        reply.status(201).send({ topic: await service.createTopic(deps, requireAuth(req).actor, req.body) }),
    });
    app.get('/api/study/topics/:id', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Một chuyên đề (bộ câu hỏi kèm đáp án chỉ với cấp ủy được sửa)',
        params: idParams,
        response: { 200: s.topicEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        topic: await service.getTopic(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.put('/api/study/topics/:id', {
      config: { access: 'study.manage' },
      schema: {
        tags,
        summary: 'Sửa chuyên đề (bộ câu hỏi chỉ sửa được khi chưa ai làm bài)',
        params: idParams,
        body: s.updateTopicBody,
        response: { 200: s.topicEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        topic: await service.updateTopic(deps, requireAuth(req).actor, req.params.id, req.body),
      }),
    });
    app.post('/api/study/topics/:id/assign', {
      config: { access: 'study.manage' },
      schema: {
        tags,
        summary: 'Giao chuyên đề cho đảng viên của đơn vị',
        params: idParams,
        response: { 200: s.topicEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        topic: await service.assignTopic(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.post('/api/study/topics/:id/close', {
      config: { access: 'study.manage' },
      schema: {
        tags,
        summary: 'Kết thúc chuyên đề (không làm bài, nộp bài thêm được nữa)',
        params: idParams,
        response: { 200: s.topicEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        topic: await service.closeTopic(deps, requireAuth(req).actor, req.params.id),
      }),
    });

    // ---- committee: completion, essays, export

    app.get('/api/study/topics/:id/completion', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Tỉ lệ hoàn thành của một đơn vị, theo từng chi bộ',
        params: idParams,
        querystring: s.unitQuery,
        response: { 200: s.completionOut, ...errorResponses },
      },
      handler: (req) => review.completion(deps, requireAuth(req).actor, req.params.id, req.query.orgId),
    });
    app.get('/api/study/topics/:id/members', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Tiến độ từng đảng viên của một đơn vị',
        params: idParams,
        querystring: s.memberProgressQuery,
        response: { 200: s.memberProgressList, ...errorResponses },
      },
      handler: (req) => review.memberProgress(deps, requireAuth(req).actor, req.params.id, req.query),
    });
    app.get('/api/study/topics/:id/members/:memberId', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Kết quả học tập và bài thu hoạch của một đảng viên',
        params: s.memberParams,
        response: { 200: s.memberStudyOut, ...errorResponses },
      },
      handler: (req) => review.memberStudy(deps, requireAuth(req).actor, req.params.id, req.params.memberId),
    });
    app.post('/api/study/topics/:id/members/:memberId/comment', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Nhận xét bài thu hoạch',
        params: s.memberParams,
        body: s.commentBody,
        response: { 200: s.essayEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        essay: await review.commentOnEssay(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.params.memberId,
          req.body.comment,
        ),
      }),
    });
    app.get('/api/study/topics/:id/members/:memberId/essay-file', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Tệp bài thu hoạch của một đảng viên',
        params: s.memberParams,
        response: fileResponse,
      },
      handler: async (req, reply) => {
        const f = await review.memberEssayFile(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.params.memberId,
        );
        return reply
          .header('content-type', f.type)
          .header('content-disposition', contentDisposition(f.name))
          .header('x-content-type-options', 'nosniff')
          .send(f.stream);
      },
    });
    app.get('/api/study/topics/:id/export.xlsx', {
      config: { access: 'study.review' },
      schema: {
        tags,
        summary: 'Danh sách kết quả học tập từng đảng viên (XLSX)',
        params: idParams,
        querystring: s.unitQuery,
        response: { 200: z.any().describe('Tệp XLSX'), ...errorResponses },
      },
      handler: async (req, reply) => {
        const x = await studyWorkbook(deps, requireAuth(req).actor, req.params.id, req.query.orgId);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(x.fileName))
          .send(x.buffer);
      },
    });

    // ---- member: my topics, quiz, bài thu hoạch

    app.get('/api/me/study', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Chuyên đề được giao cho tôi, với tiến độ',
        querystring: s.myListQuery,
        response: { 200: s.myTopicList, ...errorResponses },
      },
      handler: (req) => learning.myTopics(deps, requireAuth(req).actor, req.query.page, req.query.pageSize),
    });
    app.get('/api/me/study/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Một chuyên đề của tôi: văn bản cần đọc, các lần kiểm tra, bài thu hoạch',
        params: idParams,
        response: { 200: s.myTopicEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        topic: await learning.myTopic(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.post('/api/me/study/:id/attempts', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Bắt đầu làm bài kiểm tra (câu hỏi và phương án xáo trộn, không kèm đáp án); 200 khi tiếp tục lần đang làm',
        params: idParams,
        response: { 200: s.attemptEnvelope, 201: s.attemptEnvelope, ...errorResponses },
      },
      handler: async (req, reply) => {
        const r = await learning.startAttempt(deps, requireAuth(req).actor, req.params.id);
        return reply.status(r.created ? 201 : 200).send({ attempt: r.attempt });
      },
    });
    app.get('/api/me/study/:id/attempts/:attemptId', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Một lần làm bài (kèm kết quả khi đã nộp)',
        params: s.attemptParams,
        response: { 200: s.attemptEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        attempt: await learning.getAttempt(deps, requireAuth(req).actor, req.params.id, req.params.attemptId),
      }),
    });
    app.post('/api/me/study/:id/attempts/:attemptId/submit', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Nộp bài kiểm tra: điểm, đạt hay chưa, câu nào sai',
        params: s.attemptParams,
        body: s.submitBody,
        response: { 200: s.attemptEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        attempt: await learning.submitAttempt(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.params.attemptId,
          req.body.answers,
        ),
      }),
    });
    app.put('/api/me/study/:id/essay', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Nộp hoặc sửa bài thu hoạch (multipart: body, file PDF/DOCX/JPEG/PNG tối đa 10 MB, removeFile=true để bỏ tệp)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: s.essayEnvelope, ...uploadErrors },
      },
      handler: async (req) => {
        const upload = await readUpload(req, ESSAY_FILE_MAX_BYTES);
        try {
          const f = essayFields.safeParse(upload.fields);
          if (!f.success) throw badRequest(f.error.issues[0]?.message ?? 'Bài thu hoạch không hợp lệ.');
          const file = upload.file && upload.file.size > 0 ? upload.file : null;
          const type = file ? await checkEssayFile(file) : null;
          return {
            essay: await learning.saveEssay(deps, requireAuth(req).actor, req.params.id, {
              body: f.data.body,
              file: file && type ? { ...file, type } : null,
              removeFile: f.data.removeFile === 'true',
            }),
          };
        } finally {
          upload.cleanup();
        }
      },
    });
    app.get('/api/me/study/:id/essay/file', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Tệp bài thu hoạch của tôi',
        params: idParams,
        response: fileResponse,
      },
      handler: async (req, reply) => {
        const f = await learning.myEssayFile(deps, requireAuth(req).actor, req.params.id);
        return reply
          .header('content-type', f.type)
          .header('content-disposition', contentDisposition(f.name))
          .header('x-content-type-options', 'nosniff')
          .send(f.stream);
      },
    });
  };

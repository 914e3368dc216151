import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { errorResponses, idParams } from '../../http/schemas.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

export const memberRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Đảng viên'];
    app.get('/api/members', {
      config: { access: 'member.list' },
      schema: {
        tags,
        summary: 'Danh sách đảng viên trong phạm vi',
        querystring: schemas.listQuery,
        response: { 200: schemas.memberList, ...errorResponses },
      },
      handler: (req) => service.listMembers(deps, requireAuth(req).actor, req.query),
    });
    app.get('/api/members/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Hồ sơ một đảng viên (đọc CCCD đầy đủ được ghi nhật ký)',
        params: idParams,
        response: { 200: schemas.memberEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        member: await service.getMember(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.get('/api/members/:id/history', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Lịch sử trạng thái và chi bộ',
        params: idParams,
        response: { 200: schemas.historyOut, ...errorResponses },
      },
      handler: (req) => service.memberHistory(deps, requireAuth(req).actor, req.params.id),
    });
    app.post('/api/members', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Thêm đảng viên',
        body: schemas.createMemberBody,
        response: { 201: schemas.memberEnvelope, ...errorResponses },
      },
      handler: async (req, reply) => {
        const member = await service.createMember(deps, requireAuth(req).actor, req.body);
        return reply.status(201).send({ member });
      },
    });
    app.patch('/api/members/:id', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Sửa hồ sơ đảng viên',
        params: idParams,
        body: schemas.updateMemberBody,
        response: { 200: schemas.memberEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        member: await service.updateMember(deps, requireAuth(req).actor, req.params.id, req.body),
      }),
    });
    app.post('/api/members/:id/status', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Đổi trạng thái đảng viên',
        params: idParams,
        body: schemas.statusBody,
        response: { 200: schemas.memberEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        member: await service.setStatus(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.body.status,
          req.body.reason ?? null,
        ),
      }),
    });
    app.post('/api/members/:id/transfer', {
      config: { access: 'member.write' },
      schema: {
        tags,
        summary: 'Chuyển sinh hoạt sang chi bộ khác',
        params: idParams,
        body: schemas.transferBody,
        response: { 200: schemas.memberEnvelope, ...errorResponses },
      },
      handler: async (req) => ({
        member: await service.transferMember(
          deps,
          requireAuth(req).actor,
          req.params.id,
          req.body.orgId,
          req.body.reason ?? null,
        ),
      }),
    });
  };

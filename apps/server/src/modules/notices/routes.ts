import { MEMBER_STATUSES, ROLES } from '@sotay/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { errorResponses, idParams, noContent, pageQuery, uuid } from '../../http/schemas.ts';
import { liveStreams } from '../../http/sse.ts';
import { subscribe, unsubscribe, vapidKeys } from './push.ts';
import * as service from './service.ts';
import { noticeStats, noticeStatsWorkbook, noticeUnread } from './stats.ts';

const link = z.object({ kind: z.enum(['document', 'meeting']), id: uuid });
const noticeBody = z.object({
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(20_000),
  audienceOrgId: uuid.optional(),
  audienceOrgIds: z.array(uuid).max(200).optional(),
  audienceRoles: z.array(z.enum(ROLES)).optional(),
  audienceStatuses: z.array(z.enum(MEMBER_STATUSES)).optional(),
  priority: z.enum(['thuong', 'khan']).optional(),
  links: z.array(link).max(20).optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  draft: z.boolean().optional(),
});
const noticeOut = z.object({
  id: uuid,
  title: z.string(),
  body: z.string(),
  priority: z.enum(['thuong', 'khan']),
  status: z.enum(['draft', 'scheduled', 'sent', 'recalled']),
  audienceOrgIds: z.array(uuid),
  audienceRoles: z.array(z.string()),
  audienceStatuses: z.array(z.string()),
  links: z.array(link),
  scheduledAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  recalledAt: z.string().nullable(),
  recipients: z.number().int(),
  read: z.number().int(),
});
const inboxItem = z.object({
  id: uuid,
  title: z.string(),
  body: z.string(),
  priority: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
  sender: z.string(),
  links: z.array(z.object({ kind: z.string(), id: z.string() })),
});

export const noticeRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Thông báo'];
    const live = liveStreams(app);

    app.post('/api/notices', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Gửi thông báo đến các đơn vị (và vai trò, trạng thái) trong phạm vi; hẹn giờ gửi; lưu nháp',
        body: noticeBody,
        response: { 201: z.object({ notice: noticeOut }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ notice: await service.createNotice(deps, requireAuth(req).actor, req.body) }),
    });
    app.get('/api/notices', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Thông báo đã gửi, hẹn giờ, nháp của các đơn vị tôi phụ trách',
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ items: z.array(noticeOut), total: z.number().int() }),
          ...errorResponses,
        },
      },
      handler: (req) => service.listSent(deps, requireAuth(req).actor, req.query.page, req.query.pageSize),
    });
    app.get('/api/notices/:id', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Một thông báo (người gửi)',
        params: idParams,
        response: { 200: z.object({ notice: noticeOut }), ...errorResponses },
      },
      handler: async (req) => ({
        notice: await service.noticeForSender(deps, requireAuth(req).actor, req.params.id),
      }),
    });
    app.patch('/api/notices/:id', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Sửa thông báo nháp/hẹn giờ; send=true để gửi ngay',
        params: idParams,
        body: noticeBody
          .partial()
          .omit({ audienceOrgId: true, draft: true })
          .extend({ send: z.boolean().optional() }),
        response: { 200: z.object({ notice: noticeOut }), ...errorResponses },
      },
      handler: async (req) => ({
        notice: await service.updateNotice(deps, requireAuth(req).actor, req.params.id, req.body),
      }),
    });
    app.post('/api/notices/:id/recall', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Thu hồi thông báo đã gửi',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.recallNotice(deps, requireAuth(req).actor, req.params.id);
        return reply.status(204).send(null);
      },
    });
    app.get('/api/notices/:id/stats', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Tỷ lệ đã đọc theo đơn vị',
        params: idParams,
        querystring: z.object({ orgId: uuid.optional() }),
        response: {
          200: z.object({
            notice: z.object({ id: uuid, title: z.string(), sentAt: z.string().nullable() }),
            org: z.object({ id: uuid, name: z.string() }),
            recipients: z.number().int(),
            read: z.number().int(),
            units: z.array(
              z.object({
                orgId: uuid,
                name: z.string(),
                recipients: z.number().int(),
                read: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => noticeStats(deps, requireAuth(req).actor, req.params.id, req.query.orgId),
    });
    app.get('/api/notices/:id/unread', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Người nhận chưa đọc',
        params: idParams,
        querystring: z.object(pageQuery),
        response: {
          200: z.object({
            items: z.array(z.object({ memberId: uuid, fullName: z.string(), orgName: z.string() })),
            total: z.number().int(),
          }),
          ...errorResponses,
        },
      },
      handler: (req) =>
        noticeUnread(deps, requireAuth(req).actor, req.params.id, req.query.page, req.query.pageSize),
    });
    app.get('/api/notices/:id/stats.xlsx', {
      config: { access: 'notice.send' },
      schema: {
        tags,
        summary: 'Tải thống kê đã đọc (XLSX)',
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) =>
        sendDownload(
          reply,
          await noticeStatsWorkbook(deps, requireAuth(req).actor, req.params.id),
          'thong-ke-thong-bao.xlsx',
        ),
    });

    app.get('/api/me/inbox', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Hộp thư thông báo của tôi (mới nhất trước) và số chưa đọc',
        querystring: z.object(pageQuery),
        response: {
          200: z.object({ items: z.array(inboxItem), unread: z.number().int(), total: z.number().int() }),
          ...errorResponses,
        },
      },
      handler: (req) => service.inbox(deps, requireAuth(req).actor, req.query.page, req.query.pageSize),
    });
    app.post('/api/me/inbox/:id/read', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Đánh dấu đã đọc (id: mã thông báo)',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.markRead(deps, requireAuth(req).actor, req.params.id);
        return reply.status(204).send(null);
      },
    });
    app.get('/api/me/events', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Sự kiện trực tiếp của tôi (Server-Sent Events): số thông báo chưa đọc, thông báo mới',
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = requireAuth(req).actor;
        const memberId = actor.memberId;
        const path = memberId ? await service.memberPath(deps, memberId) : null;
        const unread = memberId ? await service.unreadCount(deps, memberId) : 0;
        live.open(req, reply, { type: 'unread', unread }, (send) => [
          deps.events.subscribe(service.NOTICES_TOPIC, (e) => {
            const event = e as service.NoticeEvent | { type: 'recall'; noticeId: string };
            if (!memberId || !path) return;
            if (
              event.type === 'notice' &&
              !event.audiencePaths.some((p) => path === p || path.startsWith(`${p}.`))
            )
              return;
            // role and status filters are applied by the inbox rows themselves: count again
            void service.unreadCount(deps, memberId).then(
              (n) =>
                send(
                  event.type === 'notice'
                    ? {
                        type: 'notice',
                        id: event.noticeId,
                        title: event.title,
                        priority: event.priority,
                        unread: n,
                      }
                    : { type: 'unread', unread: n },
                ),
              () => {},
            );
          }),
          // answers to the member's own questions
          deps.events.subscribe(`feedback:${actor.userId}`, send),
        ]);
      },
    });
    app.get('/api/push/public-key', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Khóa công khai VAPID để trình duyệt đăng ký nhận thông báo đẩy',
        response: { 200: z.object({ publicKey: z.string() }), ...errorResponses },
      },
      handler: async () => ({ publicKey: (await vapidKeys(deps.database.db)).publicKey }),
    });
    const subscription = z.object({
      endpoint: z.url().max(2000),
      keys: z.object({ p256dh: z.string().min(10).max(200), auth: z.string().min(8).max(100) }),
    });
    app.post('/api/me/push-subscriptions', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Bật thông báo đẩy trên thiết bị này',
        body: subscription,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await subscribe(
          deps,
          requireAuth(req).user.id,
          req.body,
          req.headers['user-agent']?.slice(0, 300) ?? null,
        );
        return reply.status(204).send(null);
      },
    });
    app.delete('/api/me/push-subscriptions', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Tắt thông báo đẩy trên thiết bị này',
        body: z.object({ endpoint: z.url().max(2000) }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await unsubscribe(deps, requireAuth(req).user.id, req.body.endpoint);
        return reply.status(204).send(null);
      },
    });
  };

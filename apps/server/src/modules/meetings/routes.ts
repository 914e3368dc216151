import { MEETING_KINDS } from '@sotay/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { errorResponses, idParams, noContent, pageQuery, uuid } from '../../http/schemas.ts';
import { liveStreams } from '../../http/sse.ts';
import { finalizeMinutes, getMinutes, minutesDocx, saveMinutes } from './minutes.ts';
import * as service from './service.ts';
import { frequentAbsences, memberStats, statsWorkbook, unitStats } from './stats.ts';

const instant = z.iso.datetime({ offset: true });
const person = z.object({ memberId: uuid, fullName: z.string() }).nullable();
const meetingOut = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  agenda: z.array(z.string()),
  status: z.enum(['scheduled', 'cancelled']),
  seriesId: uuid.nullable(),
  minutesFinalizedAt: z.string().nullable(),
  chair: person,
  secretary: person,
  materials: z.array(z.object({ documentId: uuid, number: z.string().nullable(), title: z.string() })),
  invited: z.number().int(),
  present: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  myInvitation: z
    .object({
      rsvp: z.enum(['yes', 'no']).nullable(),
      reason: z.string().nullable(),
      guest: z.boolean(),
      checkedInAt: z.string().nullable(),
      method: z.string().nullable(),
    })
    .nullable(),
  canManage: z.boolean(),
});

const createBody = z.object({
  orgId: uuid,
  title: z.string().min(1).max(300),
  startsAt: instant,
  endsAt: instant.nullable().optional(),
  location: z.string().max(300).nullable().optional(),
  onlineUrl: z.url().max(500).nullable().optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  agenda: z.array(z.string().max(500)).max(30).optional(),
  chairMemberId: uuid.nullable().optional(),
  secretaryMemberId: uuid.nullable().optional(),
  documentIds: z.array(uuid).max(30).optional(),
  repeatMonthly: z.number().int().min(0).max(12).optional(),
});

const checkInBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Mã điểm danh gồm 6 chữ số')
      .optional(),
    scannedAt: instant.optional(),
    memberId: uuid.optional(),
    via: z.enum(['qr', 'code']).optional(),
  })
  .refine((b) => !!b.code !== !!b.memberId, {
    message: 'Cần đúng một trong hai: code (tự điểm danh) hoặc memberId (chi ủy điểm danh hộ)',
  });

const checkInOut = z.object({
  checkIn: z.object({
    memberId: uuid,
    method: z.string(),
    checkedInAt: z.string(),
    lateMinutes: z.number().int(),
  }),
});

export const meetingRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Sinh hoạt chi bộ'];
    const live = liveStreams(app);

    app.post('/api/meetings', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary:
          'Tạo cuộc họp (mời mọi đảng viên của đơn vị trừ miễn sinh hoạt); repeatMonthly: lặp hằng tháng',
        body: createBody,
        response: { 201: z.object({ meeting: meetingOut }), ...errorResponses },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send({ meeting: await service.createMeeting(deps, requireAuth(req).actor, req.body) }),
    });

    app.get('/api/meetings', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Cuộc họp của tôi (được mời) và của các đơn vị tôi quản lý',
        querystring: z.object({
          from: instant.optional(),
          to: instant.optional(),
          orgId: uuid.optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({ items: z.array(meetingOut), total: z.number().int() }),
          ...errorResponses,
        },
      },
      handler: (req) => service.listMeetings(deps, requireAuth(req).actor, req.query),
    });

    app.get('/api/meetings/:id', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Một cuộc họp',
        params: idParams,
        response: { 200: z.object({ meeting: meetingOut }), ...errorResponses },
      },
      handler: async (req) => ({
        meeting: await service.meetingDetail(deps, requireAuth(req).actor, req.params.id),
      }),
    });

    app.post('/api/meetings/:id/rsvp', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Xác nhận tham dự hoặc báo vắng (kèm lý do)',
        params: idParams,
        body: z.object({ rsvp: z.enum(['yes', 'no']), reason: z.string().max(500).optional() }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.respond(deps, requireAuth(req).actor, req.params.id, req.body);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/meetings/:id/guests', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Mời thêm khách (cấp ủy viên phụ trách, đảng viên miễn sinh hoạt muốn dự…)',
        params: idParams,
        body: z.object({ memberIds: z.array(uuid).min(1).max(200) }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.addGuests(deps, requireAuth(req).actor, req.params.id, req.body.memberIds);
        return reply.status(204).send(null);
      },
    });

    app.post('/api/meetings/:id/cancel', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Hủy cuộc họp',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.cancelMeeting(deps, requireAuth(req).actor, req.params.id);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/meetings/:id/check-in-code', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Mã điểm danh hiện tại (6 chữ số, đổi mỗi 30 giây) để chiếu cho đảng viên',
        params: idParams,
        response: { 200: z.object({ code: z.string(), expiresAt: z.string() }), ...errorResponses },
      },
      handler: (req) => service.checkInCode(deps, requireAuth(req).actor, req.params.id),
    });

    app.post('/api/meetings/:id/check-ins', {
      config: { access: 'user' },
      schema: {
        tags,
        summary:
          'Điểm danh: đảng viên gửi {code} (kèm scannedAt nếu quét khi mất mạng); chi ủy gửi {memberId} để điểm danh hộ. 201 lần đầu, 200 nếu đã có',
        params: idParams,
        body: checkInBody,
        response: { 200: checkInOut, 201: checkInOut, ...errorResponses },
      },
      handler: async (req, reply) => {
        const r = await service.checkIn(deps, requireAuth(req).actor, req.params.id, req.body);
        return reply.status(r.created ? 201 : 200).send({ checkIn: r.checkIn });
      },
    });

    app.delete('/api/meetings/:id/check-ins/:memberId', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Bỏ điểm danh nhầm',
        params: z.object({ id: uuid, memberId: uuid }),
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        await service.removeCheckIn(deps, requireAuth(req).actor, req.params.id, req.params.memberId);
        return reply.status(204).send(null);
      },
    });

    app.get('/api/meetings/:id/attendance', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Điểm danh: số mời, có mặt, vắng có lý do, vắng; từng đảng viên',
        params: idParams,
        response: {
          200: z.object({
            invited: z.number().int(),
            present: z.number().int(),
            excused: z.number().int(),
            absent: z.number().int(),
            items: z.array(
              z.object({
                memberId: uuid,
                fullName: z.string(),
                orgName: z.string(),
                guest: z.boolean(),
                state: z.enum(['present', 'excused', 'absent']),
                method: z.string().nullable(),
                checkedInAt: z.string().nullable(),
                lateMinutes: z.number().int().nullable(),
                rsvp: z.enum(['yes', 'no']).nullable(),
                reason: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => service.attendance(deps, requireAuth(req).actor, req.params.id),
    });

    app.get('/api/meetings/:id/live', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Điểm danh trực tiếp (Server-Sent Events): số liệu ngay, rồi mỗi lượt điểm danh',
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const snapshot = await service.liveSnapshot(deps, requireAuth(req).actor, req.params.id);
        live.open(req, reply, { type: 'counts', ...snapshot }, (send) => [
          deps.events.subscribe(service.topicOf(req.params.id), send),
        ]);
      },
    });
    const minutesFields = z.object({
      place: z.string().max(100).optional(),
      startedAt: z
        .string()
        .regex(/^\d{1,2}:\d{2}$/, 'Giờ dạng 19:30')
        .optional(),
      endedAt: z
        .string()
        .regex(/^\d{1,2}:\d{2}$/, 'Giờ dạng 21:15')
        .optional(),
      location: z.string().max(300).optional(),
      chair: z.string().max(100).optional(),
      secretary: z.string().max(100).optional(),
      guests: z.string().max(1000).optional(),
      proceedings: z.string().max(50_000).optional(),
      opinions: z.string().max(50_000).optional(),
      conclusion: z.string().max(20_000).optional(),
      vote: z
        .object({
          agree: z.number().int().min(0),
          disagree: z.number().int().min(0),
          other: z.number().int().min(0),
        })
        .optional(),
    });
    const minutesOut = z.object({
      fields: minutesFields,
      attendance: z.object({
        invited: z.number().int(),
        present: z.number().int(),
        excused: z.array(z.object({ fullName: z.string(), reason: z.string().nullable() })),
        absent: z.array(z.object({ fullName: z.string() })),
        guestsPresent: z.array(z.object({ fullName: z.string() })),
      }),
      finalizedAt: z.string().nullable(),
      canEdit: z.boolean(),
    });
    app.get('/api/meetings/:id/minutes', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Biên bản (chi ủy: bản đang soạn; đảng viên được mời: khi đã hoàn tất)',
        params: idParams,
        response: { 200: minutesOut, ...errorResponses },
      },
      handler: (req) => getMinutes(deps, requireAuth(req).actor, req.params.id),
    });
    app.put('/api/meetings/:id/minutes', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Lưu biên bản (trước khi hoàn tất)',
        params: idParams,
        body: minutesFields,
        response: { 200: minutesOut, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireAuth(req).actor;
        await saveMinutes(deps, actor, req.params.id, req.body);
        return getMinutes(deps, actor, req.params.id);
      },
    });
    app.post('/api/meetings/:id/minutes/finalize', {
      config: { access: 'meeting.manage' },
      schema: {
        tags,
        summary: 'Hoàn tất biên bản: khóa lại, ghi nhật ký; đảng viên được mời đọc được',
        params: idParams,
        response: { 200: minutesOut, ...errorResponses },
      },
      handler: async (req) => {
        const actor = requireAuth(req).actor;
        await finalizeMinutes(deps, actor, req.params.id);
        return getMinutes(deps, actor, req.params.id);
      },
    });
    app.get('/api/meetings/:id/minutes.docx', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Tải biên bản (DOCX, thể thức văn bản của Đảng)',
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const { file, name } = await minutesDocx(deps, requireAuth(req).actor, req.params.id);
        return sendDownload(reply, file, name);
      },
    });
    const period = z.object({ orgId: uuid.optional(), from: instant.optional(), to: instant.optional() });
    const counts = {
      invitations: z.number().int(),
      present: z.number().int(),
      excused: z.number().int(),
    };
    app.get('/api/meetings/stats', {
      config: { access: 'meeting.stats' },
      schema: {
        tags,
        summary: 'Thống kê sinh hoạt theo đơn vị trực thuộc (cộng dồn theo cây), mặc định 12 tháng gần nhất',
        querystring: period,
        response: {
          200: z.object({
            org: z.object({ id: uuid, name: z.string() }),
            from: z.string(),
            to: z.string(),
            total: z.object({ meetings: z.number().int(), ...counts }),
            units: z.array(
              z.object({ orgId: uuid, name: z.string(), meetings: z.number().int(), ...counts }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => unitStats(deps, requireAuth(req).actor, req.query),
    });
    app.get('/api/meetings/stats/members', {
      config: { access: 'meeting.stats' },
      schema: {
        tags,
        summary: 'Tỷ lệ tham gia sinh hoạt của từng đảng viên (thấp nhất trước)',
        querystring: period,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                memberId: uuid,
                fullName: z.string(),
                orgName: z.string(),
                invited: z.number().int(),
                present: z.number().int(),
                excused: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => ({ items: await memberStats(deps, requireAuth(req).actor, req.query) }),
    });
    app.get('/api/meetings/stats/frequent-absences', {
      config: { access: 'meeting.stats' },
      schema: {
        tags,
        summary: '"Vắng nhiều": đảng viên vắng từ 2 trong 3 buổi gần nhất',
        querystring: period,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                memberId: uuid,
                fullName: z.string(),
                orgName: z.string(),
                absences: z.number().int(),
                excused: z.number().int(),
                lastMeetings: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => ({ items: await frequentAbsences(deps, requireAuth(req).actor, req.query) }),
    });
    app.get('/api/meetings/stats.xlsx', {
      config: { access: 'meeting.stats' },
      schema: {
        tags,
        summary: 'Tải thống kê sinh hoạt (XLSX: theo đơn vị, theo đảng viên, vắng nhiều)',
        querystring: period,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) =>
        sendDownload(
          reply,
          await statsWorkbook(deps, requireAuth(req).actor, req.query),
          'thong-ke-sinh-hoat.xlsx',
        ),
    });
  };

import { can, cleanText } from '@sotay/core';
import { campaigns, orgUnits, supportSessions, supportTeamMembers, supportTeams } from '@sotay/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireAuth } from '../../http/access.ts';
import { sendDownload } from '../../http/download.ts';
import { badRequest, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { errorResponses, idParams, isoDate, noContent, uuid } from '../../http/schemas.ts';
import { readUpload } from '../imports/upload.ts';
import { findOrg } from '../orgs/repo.ts';
import { FUNNEL_STEPS, funnel, recordInstalled } from './funnel.ts';
import { needsSupport } from './needs-support.ts';
import { assignMentor, FUNCTIONS, outcomesOf, recordOutcome } from './outcomes.ts';
import { rolloutReportDocx, rolloutReportXlsx } from './report.ts';
import { importRoster } from './roster.ts';

const counts = Object.fromEntries(FUNNEL_STEPS.map((k) => [k, z.number().int()])) as Record<
  (typeof FUNNEL_STEPS)[number],
  z.ZodNumber
>;
const org = z.object({ id: uuid, name: z.string() });
const person = z.object({
  fullName: z.string(),
  position: z.string().nullable(),
  teamRole: z.enum(['to_truong', 'to_pho', 'to_vien']),
  row: z.number().int(),
});
const session = z.object({
  date: isoDate,
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
});
const rosterOut = z.object({
  teams: z.array(
    z.object({
      name: z.string(),
      members: z.array(person),
      sessions: z.array(session),
      areas: z.array(z.string()),
    }),
  ),
  warnings: z.array(z.object({ kind: z.string(), message: z.string(), rows: z.array(z.number().int()) })),
  saved: z.object({ campaignId: uuid, teams: z.number().int() }).optional(),
});
const campaignOut = z.object({
  id: uuid,
  orgId: uuid,
  number: z.string().nullable(),
  title: z.string(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  goal: z.string().nullable(),
});

export const rolloutRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['Triển khai ứng dụng'];
    app.get('/api/rollout/orgs/:id', {
      config: { access: 'rollout.read' },
      schema: {
        tags,
        summary:
          'Phễu triển khai của đơn vị và từng đơn vị trực thuộc: đủ điều kiện → VNeID mức 2 → cài đặt → đăng ký → được duyệt → đã đăng nhập → hoạt động 30 ngày → thành thạo',
        params: idParams,
        response: {
          200: z.object({ org, ...counts, children: z.array(z.object({ org, ...counts })) }),
          ...errorResponses,
        },
      },
      handler: (req) => funnel(deps, requireAuth(req).actor, req.params.id),
    });

    app.post('/api/me/installed', {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Ứng dụng báo đang chạy dạng đã cài đặt (standalone)',
        response: { 204: noContent, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { actor } = requireAuth(req);
        if (actor.memberId) await recordInstalled(deps.database.db, actor.memberId, 'app', deps.now());
        return reply.status(204).send(null);
      },
    });

    app.post('/api/campaigns', {
      config: { access: 'rollout.manage' },
      schema: {
        tags,
        summary: 'Tạo kế hoạch hỗ trợ (số/ký hiệu, thời gian, mục tiêu)',
        body: z.object({
          orgId: uuid,
          number: z.string().max(60).optional(),
          title: z.string().min(1).max(300),
          startsOn: isoDate.optional(),
          endsOn: isoDate.optional(),
          goal: z.string().max(2000).optional(),
        }),
        response: { 201: z.object({ campaign: campaignOut }), ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = requireAuth(req).actor;
        const unit = await findOrg(deps.database.db, req.body.orgId);
        if (!unit) throw unprocessable('unknown_org', 'Không tìm thấy đơn vị.');
        if (!can(actor, 'rollout.manage', { orgPath: unit.path })) throw forbidden();
        const [c] = await deps.database.db
          .insert(campaigns)
          .values({
            orgId: unit.id,
            number: cleanText(req.body.number ?? '') || null,
            title: cleanText(req.body.title),
            startsOn: req.body.startsOn ?? null,
            endsOn: req.body.endsOn ?? null,
            goal: req.body.goal ?? null,
            createdBy: actor.userId,
          })
          .returning();
        const { createdBy: _b, createdAt: _a, ...campaign } = c!;
        return reply.status(201).send({ campaign });
      },
    });

    app.get('/api/campaigns/:id', {
      config: { access: 'rollout.read' },
      schema: {
        tags,
        summary: 'Kế hoạch hỗ trợ với các tổ công tác, thành viên, buổi hỗ trợ',
        params: idParams,
        response: {
          200: z.object({
            campaign: campaignOut,
            teams: z.array(
              z.object({
                id: uuid,
                name: z.string(),
                areas: z.array(z.string()),
                members: z.array(person.extend({ personKey: z.string() })),
                sessions: z.array(session.extend({ id: uuid, form: z.string() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        const db = deps.database.db;
        const [row] = await db
          .select({ c: campaigns, path: orgUnits.path })
          .from(campaigns)
          .innerJoin(orgUnits, eq(orgUnits.id, campaigns.orgId))
          .where(eq(campaigns.id, req.params.id));
        if (!row || !can(requireAuth(req).actor, 'rollout.read', { orgPath: row.path })) throw notFound();
        const teams = await db
          .select()
          .from(supportTeams)
          .where(eq(supportTeams.campaignId, row.c.id))
          .orderBy(asc(supportTeams.position));
        const ids = teams.map((t) => t.id);
        const people = ids.length
          ? await db
              .select()
              .from(supportTeamMembers)
              .where(inArray(supportTeamMembers.teamId, ids))
              .orderBy(asc(supportTeamMembers.row))
          : [];
        const sessions = ids.length
          ? await db
              .select()
              .from(supportSessions)
              .where(inArray(supportSessions.teamId, ids))
              .orderBy(asc(supportSessions.date))
          : [];
        const { createdBy: _b, createdAt: _a, ...campaign } = row.c;
        return {
          campaign,
          teams: teams.map((t) => ({
            id: t.id,
            name: t.name,
            areas: t.areas,
            members: people
              .filter((p) => p.teamId === t.id)
              .map((p) => ({
                fullName: p.fullName,
                position: p.position,
                teamRole: p.teamRole,
                row: p.row,
                personKey: p.personKey,
              })),
            sessions: sessions
              .filter((s) => s.teamId === t.id)
              .map((s) => ({
                id: s.id,
                date: s.date,
                startTime: s.startTime?.slice(0, 5) ?? null,
                endTime: s.endTime?.slice(0, 5) ?? null,
                place: s.place,
                form: s.form,
              })),
          })),
        };
      },
    });

    app.post('/api/imports/support-roster', {
      config: { access: 'rollout.manage' },
      schema: {
        tags,
        summary:
          'Nhập danh sách tổ công tác (.tsv/.csv/.xlsx trình bày như phụ lục kế hoạch: mục I, II…, ô gộp, dòng lệch cột); dryRun=true để xem trước; campaignId để lưu',
        consumes: ['multipart/form-data'],
        response: { 200: rosterOut, 415: errorResponses[422], ...errorResponses },
      },
      handler: async (req) => {
        const upload = await readUpload(req);
        try {
          if (!upload.file || upload.file.size === 0) throw badRequest('Chưa chọn tệp (trường "file").');
          const f = z
            .object({ dryRun: z.enum(['true', 'false', '1', '0']).optional(), campaignId: uuid.optional() })
            .safeParse(upload.fields);
          if (!f.success) throw badRequest('Trường dryRun hoặc campaignId không hợp lệ.');
          return await importRoster(deps, requireAuth(req).actor, upload.file.path, {
            dryRun: f.data.dryRun === 'true' || f.data.dryRun === '1',
            campaignId: f.data.campaignId,
          });
        } finally {
          upload.cleanup();
        }
      },
    });
    app.get('/api/rollout/orgs/:id/needs-support', {
      config: { access: 'rollout.read' },
      schema: {
        tags,
        summary:
          'Đảng viên đủ điều kiện chưa thành thạo: bước đang vướng, gợi ý (không có điện thoại thông minh, VNeID dưới mức 2, từ 70 tuổi, chưa đăng nhập, không hoạt động) và hình thức hỗ trợ đề xuất',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                memberId: uuid,
                fullName: z.string(),
                orgId: uuid,
                orgName: z.string(),
                phone: z.string().nullable(),
                age: z.number().int().nullable(),
                blocking: z.enum([
                  'vneid',
                  'install',
                  'register',
                  'approve',
                  'first_login',
                  'activity',
                  'proficiency',
                ]),
                hints: z.array(
                  z.enum(['no_smartphone', 'vneid_below_2', 'elderly', 'never_logged_in', 'inactive']),
                ),
                suggestedForm: z.enum(['tai_nha', 'ca_nhan', 'nhom_nho']),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => ({ items: await needsSupport(deps, requireAuth(req).actor, req.params.id) }),
    });
    app.post('/api/rollout/orgs/:id/report.docx', {
      config: { access: 'rollout.read' },
      schema: {
        tags,
        summary:
          'Báo cáo kết quả triển khai ứng dụng (DOCX, thể thức văn bản của Đảng): số liệu và bảng theo đơn vị điền sẵn; khó khăn, đề xuất, số, người ký do người lập nhập',
        params: idParams,
        body: z.object({
          number: z.string().max(40).optional(),
          place: z.string().max(100).optional(),
          difficulties: z.string().max(20_000).optional(),
          proposals: z.string().max(20_000).optional(),
          signerTitle: z.string().max(100).optional(),
          signerName: z.string().max(100).optional(),
          recipients: z.array(z.string().max(200)).max(20).optional(),
        }),
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const { file, name } = await rolloutReportDocx(deps, requireAuth(req).actor, req.params.id, req.body);
        return sendDownload(reply, file, name);
      },
    });
    app.get('/api/rollout/orgs/:id/report.xlsx', {
      config: { access: 'rollout.read' },
      schema: {
        tags,
        summary: 'Số liệu triển khai theo đơn vị (XLSX)',
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
      handler: async (req, reply) =>
        sendDownload(
          reply,
          await rolloutReportXlsx(deps, requireAuth(req).actor, req.params.id),
          'ket-qua-trien-khai.xlsx',
        ),
    });
    const outcome = z.object({
      memberId: uuid,
      installed: z.boolean().optional(),
      registered: z.boolean().optional(),
      activated: z.boolean().optional(),
      profileUpdated: z.boolean().optional(),
      practised: z.array(z.enum(FUNCTIONS)).optional(),
      proficient: z.boolean().optional(),
      problem: z.string().max(2000).optional(),
    });
    const outcomesOut = z.object({
      items: z.array(
        outcome.required().extend({
          fullName: z.string(),
          practised: z.array(z.string()),
          problem: z.string().nullable(),
          recordedAt: z.string(),
        }),
      ),
    });
    app.post('/api/support-sessions/:id/outcomes', {
      config: { access: 'rollout.manage' },
      schema: {
        tags,
        summary:
          'Ghi kết quả hỗ trợ một đảng viên tại buổi hỗ trợ: đã cài đặt, đăng ký, kích hoạt, cập nhật thông tin, chức năng đã thực hành, thành thạo, vướng mắc',
        params: idParams,
        body: outcome,
        response: { 200: outcomesOut, ...errorResponses },
      },
      handler: (req) => recordOutcome(deps, requireAuth(req).actor, req.params.id, req.body),
    });
    app.get('/api/support-sessions/:id/outcomes', {
      config: { access: 'rollout.manage' },
      schema: {
        tags,
        summary: 'Kết quả của một buổi hỗ trợ',
        params: idParams,
        response: { 200: outcomesOut, ...errorResponses },
      },
      handler: (req) => outcomesOf(deps, requireAuth(req).actor, req.params.id),
    });
    app.post('/api/campaigns/:id/mentors', {
      config: { access: 'rollout.manage' },
      schema: {
        tags,
        summary: 'Phân công kèm cặp (người kèm, người được kèm, ghi chú theo dõi)',
        params: idParams,
        body: z.object({ mentorMemberId: uuid, menteeMemberId: uuid, note: z.string().max(2000).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                mentorMemberId: uuid,
                menteeMemberId: uuid,
                mentee: z.string(),
                followUps: z.array(z.object({ at: z.string(), note: z.string() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      handler: (req) => assignMentor(deps, requireAuth(req).actor, req.params.id, req.body),
    });
  };

import { fileURLToPath } from 'node:url';
import type { Actor } from '@sotay/core';
import { campaigns, meetingCheckIns, meetingInvitations, members, noticeRecipients, users } from '@sotay/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { createFeedback, reply } from '../modules/feedback/service.ts';
import { createMeeting } from '../modules/meetings/service.ts';
import { createNotice } from '../modules/notices/service.ts';
import { findOrg, type OrgRow } from '../modules/orgs/repo.ts';
import { recordInstalled } from '../modules/rollout/funnel.ts';
import { importRoster } from '../modules/rollout/roster.ts';
import { setContacts } from '../modules/support/service.ts';
import type { DemoAccount } from './seed.ts';

const DAY = 86_400_000;

/** Evening of the first Thursday of the month `monthsFromNow` away, 19:30 Vietnam time. */
function meetingDay(now: Date, monthsFromNow: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1, 12, 30));
  while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * The demo commune's life: three past monthly meetings of the demo chi bộ with attendance (two
 * members often absent, so "vắng nhiều" shows), the next one scheduled, notices sent (some read),
 * a question answered and one waiting, and the people to call for help.
 */
export async function seedDemoActivity(deps: Deps, root: OrgRow, accounts: DemoAccount[]): Promise<void> {
  const db = deps.database.db;
  const byRole = async (role: string) => {
    const a = accounts.find((x) => x.role === role);
    if (!a) return null;
    const [u] = await db.select().from(users).where(eq(users.username, a.username));
    return u ?? null;
  };
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  const member = await byRole('member');
  const biThu = await byRole('chi_uy');
  if (!admin || !member?.memberId || !biThu?.memberId) return;
  const [me] = await db.select().from(members).where(eq(members.id, member.memberId));
  const chiBoId = me!.orgId;
  const actor: Actor = { userId: admin.id, memberId: null, roles: [{ role: 'admin', orgPath: root.path }] };
  const realNow = deps.now;
  const now0 = realNow();
  const at = (d: Date) => ({ ...deps, now: () => d });

  // the support campaign of seed 003, its teams read from the plan's annex as it stands
  const [campaign] = await db
    .insert(campaigns)
    .values({
      orgId: root.id,
      number: '142-KH/ĐU',
      title: 'Tổ chức hỗ trợ trực tiếp đảng viên cài đặt, sử dụng ứng dụng “Sổ tay đảng viên điện tử”',
      goal: '100% đảng viên chính thức, dự bị (trừ miễn sinh hoạt) sử dụng thành thạo ứng dụng',
      createdBy: admin.id,
    })
    .returning();
  await importRoster(
    deps,
    actor,
    fileURLToPath(new URL('./documents/to-cong-tac-142-KH-DU.tsv', import.meta.url)),
    {
      dryRun: false,
      campaignId: campaign!.id,
    },
  );
  // the demo accounts run the app installed
  for (const u of [member, biThu]) await recordInstalled(db, u.memberId!, 'app', now0);

  await setContacts(deps, actor, root.id, [
    { fullName: 'Văn Vĩnh Hảo', role: 'Chuyên viên Văn phòng Đảng ủy', phone: '0909698567' },
    { fullName: 'Huỳnh Thị Bích Thảo', role: 'Chuyên viên Ban Xây dựng đảng Đảng ủy', phone: '0935590489' },
  ]);

  const now = realNow();
  // the last three monthly meetings before today, and the next one
  const days = [-4, -3, -2, -1, 0, 1].map((k) => meetingDay(now, k));
  const schedule = [...days.filter((d) => d < now).slice(-3), days.find((d) => d >= now)!];
  for (const [k, day] of schedule.entries()) {
    const past = day < now;
    const m = await createMeeting(at(past ? day : now), actor, {
      orgId: chiBoId,
      title: 'Sinh hoạt chi bộ định kỳ',
      startsAt: day.toISOString(),
      location: 'Nhà văn hóa thôn',
      agenda: [
        'Đánh giá kết quả thực hiện nhiệm vụ tháng trước',
        'Phương hướng nhiệm vụ tháng tới',
        'Hướng dẫn sử dụng Sổ tay đảng viên điện tử',
      ],
      chairMemberId: biThu.memberId,
    });
    if (!past) continue;
    const invited = await db
      .select({ memberId: meetingInvitations.memberId })
      .from(meetingInvitations)
      .where(eq(meetingInvitations.meetingId, m.id));
    // most come; every fifth member is often away, one of them with a reason
    const present = invited.filter((_, n) => n % 5 !== 1 || k === 0);
    if (present.length) {
      await db.insert(meetingCheckIns).values(
        present.map((p, n) => ({
          meetingId: m.id,
          memberId: p.memberId,
          method: n % 4 === 0 ? ('manual' as const) : ('qr' as const),
          checkedInAt: new Date(day.getTime() + (n % 7) * 60_000),
          lateMinutes: n % 7,
          recordedBy: biThu.id,
        })),
      );
    }
    const away = invited.filter((i) => !present.includes(i)).slice(0, 2);
    if (away[0]) {
      await db
        .update(meetingInvitations)
        .set({ rsvp: 'no', reason: 'Đi làm ăn xa', rsvpAt: new Date(day.getTime() - DAY) })
        .where(
          and(eq(meetingInvitations.meetingId, m.id), eq(meetingInvitations.memberId, away[0].memberId)),
        );
    }
  }

  const sent = [
    {
      title: 'Lịch sinh hoạt chi bộ tháng này',
      body: 'Các chi bộ tổ chức sinh hoạt định kỳ vào tối thứ Năm tuần đầu tháng. Đề nghị đảng viên mang theo điện thoại để điểm danh bằng mã trên ứng dụng.',
      priority: 'thuong' as const,
      daysAgo: 6,
    },
    {
      title: 'Cập nhật thông tin đảng viên trên ứng dụng',
      body: 'Đề nghị các đồng chí kiểm tra và xác nhận "Thông tin sơ lược" trên Sổ tay đảng viên điện tử trước ngày 30 hằng tháng; thông tin chưa đúng, gửi đề nghị sửa để chi ủy duyệt.',
      priority: 'khan' as const,
      daysAgo: 2,
    },
  ];
  for (const n of sent) {
    const when = new Date(now.getTime() - n.daysAgo * DAY);
    const notice = await createNotice(at(when), actor, {
      title: n.title,
      body: n.body,
      priority: n.priority,
      audienceOrgId: root.id,
    });
    if (n.daysAgo > 3) {
      // the demo chi bộ has read the older one
      const readers = await db.select({ id: members.id }).from(members).where(eq(members.orgId, chiBoId));
      await db
        .update(noticeRecipients)
        .set({ readAt: new Date(when.getTime() + DAY) })
        .where(
          and(
            eq(noticeRecipients.noticeId, notice.id),
            inArray(
              noticeRecipients.memberId,
              readers.map((r) => r.id),
            ),
          ),
        );
    }
  }

  const memberActor: Actor = {
    userId: member.id,
    memberId: member.memberId,
    roles: [{ role: 'member', orgPath: '' }],
  };
  const biThuActor: Actor = {
    userId: biThu.id,
    memberId: biThu.memberId,
    roles: [{ role: 'chi_uy', orgPath: (await orgPathOf(deps, chiBoId))! }],
  };
  const asked = await createFeedback(at(new Date(now.getTime() - 3 * DAY)), memberActor, {
    kind: 'hoi_dap',
    title: 'Cách điểm danh khi không có mạng',
    body: 'Nhà văn hóa thôn hay mất sóng, tôi điểm danh bằng mã thế nào?',
  });
  await reply(
    at(new Date(now.getTime() - 2 * DAY)),
    biThuActor,
    asked.id,
    'Đồng chí cứ quét mã QR trên màn hình; ứng dụng lưu lại và tự gửi khi có mạng trở lại, trong vòng 2 ngày.',
  );
  await createFeedback(at(new Date(now.getTime() - DAY)), memberActor, {
    kind: 'kien_nghi',
    title: 'Đề nghị tổ chức thêm buổi hướng dẫn tại nhà',
    body: 'Nhà tôi có bố là đảng viên 80 tuổi, mắt kém, đề nghị tổ hỗ trợ đến nhà hướng dẫn.',
  });
}

async function orgPathOf(deps: Deps, orgId: string) {
  return (await findOrg(deps.database.db, orgId))?.path ?? null;
}

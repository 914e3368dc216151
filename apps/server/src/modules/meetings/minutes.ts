import { type Actor, can, cleanText } from '@sotay/core';
import { meetings } from '@sotay/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { header, para, partyDocument, run, signatures, titleBlock } from '../../lib/party-docx.ts';
import { appendAudit } from '../audit/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import { attendanceRows, invitation, meetingWithOrg } from './repo.ts';
import { meetingDetail } from './service.ts';

export interface MinutesFields {
  place?: string;
  startedAt?: string;
  endedAt?: string;
  location?: string;
  chair?: string;
  secretary?: string;
  guests?: string;
  proceedings?: string;
  opinions?: string;
  conclusion?: string;
  vote?: { agree: number; disagree: number; other: number };
}

export interface MinutesAttendance {
  invited: number;
  present: number;
  excused: { fullName: string; reason: string | null }[];
  absent: { fullName: string }[];
  guestsPresent: { fullName: string }[];
}

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  month: 'numeric',
  year: 'numeric',
});
const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** "Chi bộ thôn Nà Lằng" → "Nà Lằng": the place written before the date. */
const placeOf = (orgName: string) =>
  orgName
    .replace(/^(chi bộ|đảng bộ|đảng ủy)\s+/i, '')
    .replace(/^(thôn|bản|xã|phường|thị trấn|tổ dân phố)\s+/i, '');

async function summary(deps: Deps, meetingId: string): Promise<MinutesAttendance> {
  const rows = await attendanceRows(deps.database.db, meetingId);
  const members = rows.filter((r) => !r.guest);
  return {
    invited: members.length,
    present: members.filter((r) => r.checkedInAt).length,
    excused: members
      .filter((r) => !r.checkedInAt && r.rsvp === 'no')
      .map((r) => ({ fullName: r.fullName, reason: r.reason })),
    absent: members.filter((r) => !r.checkedInAt && r.rsvp !== 'no').map((r) => ({ fullName: r.fullName })),
    guestsPresent: rows.filter((r) => r.guest && r.checkedInAt).map((r) => ({ fullName: r.fullName })),
  };
}

/** Who may read the minutes: the chi ủy always; invited members once they are finalised. */
async function readable(deps: Deps, actor: Actor, id: string) {
  const m = await meetingWithOrg(deps.database.db, id);
  if (!m) throw notFound('Không tìm thấy cuộc họp.');
  const manages = can(actor, 'meeting.manage', { orgPath: m.orgPath });
  const invited = actor.memberId ? await invitation(deps.database.db, id, actor.memberId) : null;
  if (!manages && !(invited && m.minutesFinalizedAt)) throw notFound('Chưa có biên bản của cuộc họp này.');
  return { m, manages };
}

export async function getMinutes(deps: Deps, actor: Actor, id: string) {
  const { m, manages } = await readable(deps, actor, id);
  const detail = await meetingDetail(deps, { ...actor }, id).catch(() => null);
  const stored = (m.minutes ?? {}) as MinutesFields & { attendance?: MinutesAttendance };
  const defaults: MinutesFields = {
    place: placeOf(m.orgName),
    startedAt: TIME.format(m.startsAt),
    location: m.location ?? '',
    chair: detail?.chair?.fullName ?? '',
    secretary: detail?.secretary?.fullName ?? '',
  };
  return {
    fields: { ...defaults, ...stripAttendance(stored) },
    attendance: stored.attendance ?? (await summary(deps, id)),
    finalizedAt: m.minutesFinalizedAt?.toISOString() ?? null,
    canEdit: manages && !m.minutesFinalizedAt,
  };
}

const stripAttendance = ({ attendance: _a, ...rest }: MinutesFields & { attendance?: unknown }) => rest;

const clean = (f: MinutesFields): MinutesFields =>
  Object.fromEntries(
    Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFC').trim() : v]),
  ) as MinutesFields;

export async function saveMinutes(deps: Deps, actor: Actor, id: string, fields: MinutesFields) {
  const { m, manages } = await readable(deps, actor, id);
  if (!manages) throw notFound('Không tìm thấy cuộc họp.');
  if (m.minutesFinalizedAt)
    throw conflict('minutes_final', 'Biên bản đã hoàn tất và khóa, không sửa được nữa.');
  await deps.database.db
    .update(meetings)
    .set({ minutes: clean(fields), updatedAt: deps.now() })
    .where(eq(meetings.id, id));
}

/** Locks the minutes with the attendance as it stands; audited with the full content. */
export async function finalizeMinutes(deps: Deps, actor: Actor, id: string) {
  const { m, manages } = await readable(deps, actor, id);
  if (!manages) throw notFound('Không tìm thấy cuộc họp.');
  if (m.minutesFinalizedAt) throw conflict('minutes_final', 'Biên bản đã được hoàn tất.');
  const current = await getMinutes(deps, actor, id);
  const content = { ...current.fields, attendance: await summary(deps, id) };
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .update(meetings)
      .set({ minutes: content, minutesFinalizedAt: now, minutesFinalizedBy: actor.userId, updatedAt: now })
      .where(eq(meetings.id, id));
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'meeting.minutes.finalize',
        entity: 'meeting',
        entityId: id,
        orgPath: m.orgPath,
        after: content,
      },
      now,
    );
  });
}

const names = (list: { fullName: string }[]) => list.map((p) => `đồng chí ${p.fullName}`).join(', ');

/** The biên bản as a DOCX in the Party's administrative layout. */
export async function minutesDocx(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ file: Buffer; name: string }> {
  const { m } = await readable(deps, actor, id);
  const { fields: f, attendance: a, finalizedAt } = await getMinutes(deps, actor, id);
  const unit = await findOrg(deps.database.db, m.orgId);
  const superior = unit?.parentId ? await findOrg(deps.database.db, unit.parentId) : null;
  const [month, year] = MONTH_YEAR.format(m.startsAt).split('/');
  const isBranch = /^chi bộ/i.test(m.orgName);
  const what =
    m.kind === 'dinh_ky'
      ? `sinh hoạt chi bộ tháng ${Number(month)} năm ${year}`
      : m.kind === 'hoi_nghi'
        ? `hội nghị ${cleanText(m.title).replace(/^hội nghị\s*/i, '')}`
        : `sinh hoạt ${m.kind === 'chuyen_de' ? 'chuyên đề' : 'bất thường'}: ${cleanText(m.title)}`;
  const absentCount = a.invited - a.present;
  const vote = f.vote;
  const body = [
    para(
      `Hôm nay, vào hồi ${(f.startedAt ?? '').replace(':', ' giờ ')} phút, ngày ${DAY.format(m.startsAt)}, tại ${f.location || m.location || '…'}, ${m.orgName} tiến hành ${what}.`,
      { indent: true },
    ),
    para([run('I. THÀNH PHẦN', { bold: true })], { before: 120 }),
    para(
      `- Tổng số đảng viên được triệu tập: ${a.invited} đồng chí; có mặt: ${a.present} đồng chí; vắng mặt: ${absentCount} đồng chí.`,
    ),
    ...(a.excused.length
      ? [
          para(
            `- Vắng có lý do (${a.excused.length}): ${a.excused.map((p) => `đồng chí ${p.fullName}${p.reason ? ` (${p.reason})` : ''}`).join(', ')}.`,
          ),
        ]
      : []),
    ...(a.absent.length ? [para(`- Vắng không lý do (${a.absent.length}): ${names(a.absent)}.`)] : []),
    ...(a.guestsPresent.length || f.guests
      ? [para(`- Khách mời: ${[names(a.guestsPresent), f.guests].filter(Boolean).join('; ')}.`)]
      : []),
    para(`- Chủ trì: đồng chí ${f.chair || '…'}. Thư ký: đồng chí ${f.secretary || '…'}.`),
    para([run('II. NỘI DUNG', { bold: true })], { before: 120 }),
    ...m.agenda.map((item, i) => para(`${i + 1}. ${item}`)),
    ...(f.proceedings ? [para([run('Diễn biến: ', { italics: true })]), ...lines(f.proceedings)] : []),
    ...(f.opinions ? [para([run('Ý kiến phát biểu: ', { italics: true })]), ...lines(f.opinions)] : []),
    para([run('III. KẾT LUẬN', { bold: true })], { before: 120 }),
    ...lines(f.conclusion || '…'),
    para([run('IV. BIỂU QUYẾT', { bold: true })], { before: 120 }),
    para(
      vote
        ? `Tán thành: ${vote.agree}/${a.present} đồng chí${a.present ? ` (${Math.round((vote.agree / a.present) * 100)}%)` : ''}; không tán thành: ${vote.disagree}; ý kiến khác: ${vote.other}.`
        : 'Tán thành: …; không tán thành: …; ý kiến khác: ….',
    ),
    para(
      `Buổi ${isBranch ? 'sinh hoạt' : 'hội nghị'} kết thúc vào hồi ${(f.endedAt || '…').replace(':', ' giờ ')}${f.endedAt ? ' phút' : ''} cùng ngày. Biên bản đã được thông qua trước ${isBranch ? 'chi bộ' : 'hội nghị'}${finalizedAt ? '' : ' (bản nháp)'}.`,
      { indent: true, before: 120 },
    ),
  ];
  const file = await partyDocument([
    ...header({
      superior: superior?.name ?? '',
      issuer: m.orgName,
      place: f.place || placeOf(m.orgName),
      date: m.startsAt,
    }),
    ...titleBlock('Biên bản', what),
    ...body,
    ...signatures(
      { title: 'Thư ký', name: f.secretary || null },
      { onBehalf: isBranch ? 'T/M CHI BỘ' : 'T/M ĐẢNG ỦY', title: 'Bí thư', name: f.chair || null },
    ),
  ]);
  const date = DAY.format(m.startsAt).split('/').reverse().join('-');
  return { file, name: `bien-ban-${date}.docx` };
}

const lines = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => para(l, { indent: true }));

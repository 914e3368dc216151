import { type Actor, can, formatDateVi, scopePaths } from '@sotay/core';
import { orgUnits } from '@sotay/db';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { rows } from '../documents/repo.ts';
import { findOrg, type OrgRow } from '../orgs/repo.ts';

export interface Period {
  orgId?: string;
  from?: string;
  to?: string;
}

/** The unit asked for, or the actor's own top unit; with a default period of the last 12 months up to now. */
async function context(deps: Deps, actor: Actor, p: Period) {
  const db = deps.database.db;
  let unit: OrgRow | null;
  if (p.orgId) {
    unit = await findOrg(db, p.orgId);
    if (!unit) throw notFound('Không tìm thấy đơn vị.');
  } else {
    const [top] = scopePaths(actor, 'meeting.stats');
    const [found] = top ? await db.select().from(orgUnits).where(sql`${orgUnits.path} = ${top}::ltree`) : [];
    unit = found ?? null;
  }
  if (!unit || !can(actor, 'meeting.stats', { orgPath: unit.path })) {
    throw forbidden('Bạn không có quyền xem thống kê sinh hoạt của đơn vị này.');
  }
  const now = deps.now();
  const to = p.to ? new Date(p.to) : now;
  const from = p.from
    ? new Date(p.from)
    : new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
  // only meetings that have started count: a future meeting has no absentees yet
  const until = to < now ? to : now;
  return { unit, from, until };
}

/** Invitations (not guests) of past, not cancelled meetings under the unit in the period, with presence. */
const attended = (path: string, from: Date, until: Date) => sql`
  select i.member_id, mt.id as meeting_id, mt.starts_at, mo.path as meeting_path,
    (c.member_id is not null) as present, (c.member_id is null and i.rsvp = 'no') as excused
  from meetings mt
  join org_units mo on mo.id = mt.org_id
  join meeting_invitations i on i.meeting_id = mt.id and not i.guest
  left join meeting_check_ins c on c.meeting_id = mt.id and c.member_id = i.member_id
  where mo.path <@ ${path}::ltree and mt.status = 'scheduled'
    and mt.starts_at >= ${from.toISOString()}::timestamptz and mt.starts_at <= ${until.toISOString()}::timestamptz`;

export interface UnitAttendance {
  orgId: string;
  name: string;
  meetings: number;
  invitations: number;
  present: number;
  excused: number;
}

/** Per child unit (rolled up over its subtree): meetings held, invitations, present, excused. */
export async function unitStats(deps: Deps, actor: Actor, p: Period) {
  const { unit, from, until } = await context(deps, actor, p);
  const units = await rows<UnitAttendance>(
    deps.database.db,
    sql`with a as (${attended(unit.path, from, until)}),
      kids as (
        select id, name, path from org_units where parent_id = ${unit.id} and closed_at is null
        union all select id, name, path from org_units where id = ${unit.id}
      )
      select k.id as "orgId", k.name, count(distinct a.meeting_id)::int as meetings, count(a.member_id)::int as invitations,
        (count(*) filter (where a.present))::int as present, (count(*) filter (where a.excused))::int as excused
      from kids k left join a on a.meeting_path <@ k.path
        and (k.id <> ${unit.id} or a.meeting_path = k.path)
      group by k.id, k.name, k.path order by k.path = ${unit.path}::ltree desc, k.name`,
  );
  const [total] = await rows<Omit<UnitAttendance, 'orgId' | 'name'>>(
    deps.database.db,
    sql`with a as (${attended(unit.path, from, until)})
      select count(distinct meeting_id)::int as meetings, count(member_id)::int as invitations,
        (count(*) filter (where present))::int as present, (count(*) filter (where excused))::int as excused from a`,
  );
  return {
    org: { id: unit.id, name: unit.name },
    from: from.toISOString(),
    to: until.toISOString(),
    total: total ?? { meetings: 0, invitations: 0, present: 0, excused: 0 },
    // the unit's own meetings (a đảng ủy's conferences) first, then each child with its subtree
    units: units.filter((u) => u.orgId !== unit.id || u.meetings > 0),
  };
}

export interface MemberAttendance {
  memberId: string;
  fullName: string;
  orgName: string;
  invited: number;
  present: number;
  excused: number;
}

/** Per member over the period, lowest attendance first. */
export async function memberStats(deps: Deps, actor: Actor, p: Period) {
  const { unit, from, until } = await context(deps, actor, p);
  return rows<MemberAttendance>(
    deps.database.db,
    sql`with a as (${attended(unit.path, from, until)})
      select m.id as "memberId", m.full_name as "fullName", o.name as "orgName", count(*)::int as invited,
        (count(*) filter (where a.present))::int as present, (count(*) filter (where a.excused))::int as excused
      from a join members m on m.id = a.member_id join org_units o on o.id = m.org_id
      group by m.id, m.full_name, o.name, m.name_sort
      order by (count(*) filter (where a.present))::float / count(*), o.name, m.name_sort`,
  );
}

/** "Vắng nhiều": members absent (with or without a reason) from at least 2 of their last 3 meetings. */
export async function frequentAbsences(deps: Deps, actor: Actor, p: Period) {
  const { unit, until } = await context(deps, actor, p);
  return rows<{
    memberId: string;
    fullName: string;
    orgName: string;
    absences: number;
    excused: number;
    lastMeetings: number;
  }>(
    deps.database.db,
    sql`with a as (${attended(unit.path, new Date(0), until)}),
      ranked as (select *, row_number() over (partition by member_id order by starts_at desc) as k from a),
      last3 as (select * from ranked where k <= 3)
      select m.id as "memberId", m.full_name as "fullName", o.name as "orgName",
        (count(*) filter (where not l.present))::int as absences, (count(*) filter (where l.excused))::int as excused,
        count(*)::int as "lastMeetings"
      from last3 l join members m on m.id = l.member_id join org_units o on o.id = m.org_id
      group by m.id, m.full_name, o.name, m.name_sort
      having count(*) filter (where not l.present) >= 2
      order by o.name, m.name_sort`,
  );
}

const rate = (present: number, of: number) => (of ? Math.round((present / of) * 1000) / 10 : 0);

export async function statsWorkbook(deps: Deps, actor: Actor, p: Period): Promise<Buffer> {
  const units = await unitStats(deps, actor, p);
  const people = await memberStats(deps, actor, p);
  const absent = await frequentAbsences(deps, actor, p);
  const period = `từ ${formatDateVi(units.from.slice(0, 10))} đến ${formatDateVi(units.to.slice(0, 10))}`;
  const wb = new ExcelJS.Workbook();
  const sheet = (
    name: string,
    title: string,
    headers: string[],
    data: (string | number)[][],
    widths: number[],
  ) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([`${units.org.name} — ${period}`]);
    ws.addRow([]);
    ws.addRow(headers).font = { bold: true };
    for (const r of data) ws.addRow(r);
    ws.columns.forEach((c, i) => {
      c.width = widths[i] ?? 14;
    });
    return ws;
  };
  sheet(
    'Theo đơn vị',
    'Tình hình sinh hoạt chi bộ theo đơn vị',
    ['Đơn vị', 'Số buổi', 'Lượt triệu tập', 'Có mặt', 'Vắng có lý do', 'Tỷ lệ có mặt (%)'],
    [
      ...units.units.map((u) => [
        u.name,
        u.meetings,
        u.invitations,
        u.present,
        u.excused,
        rate(u.present, u.invitations),
      ]),
      [
        'Tổng cộng',
        units.total.meetings,
        units.total.invitations,
        units.total.present,
        units.total.excused,
        rate(units.total.present, units.total.invitations),
      ],
    ],
    [40, 10, 14, 10, 14, 16],
  );
  sheet(
    'Theo đảng viên',
    'Tỷ lệ tham gia sinh hoạt của đảng viên',
    ['STT', 'Họ và tên', 'Chi bộ', 'Được mời', 'Có mặt', 'Vắng có lý do', 'Tỷ lệ có mặt (%)'],
    people.map((m, i) => [
      i + 1,
      m.fullName,
      m.orgName,
      m.invited,
      m.present,
      m.excused,
      rate(m.present, m.invited),
    ]),
    [6, 30, 34, 10, 10, 14, 16],
  );
  sheet(
    'Vắng nhiều',
    'Đảng viên vắng từ 2 trong 3 buổi gần nhất',
    ['STT', 'Họ và tên', 'Chi bộ', 'Số buổi vắng', 'Trong đó có lý do'],
    absent.map((m, i) => [i + 1, m.fullName, m.orgName, `${m.absences}/${m.lastMeetings}`, m.excused]),
    [6, 30, 34, 14, 16],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

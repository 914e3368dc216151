import { type Executor, meetingCheckIns, meetingInvitations, meetings, orgUnits } from '@sotay/db';
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../documents/repo.ts';

export type MeetingRow = typeof meetings.$inferSelect;

/** Members a meeting of the unit at `path` invites: chính thức and dự bị of its subtree (not miễn sinh hoạt). */
export async function inviteSubtree(db: Executor, meetingId: string, path: string): Promise<number> {
  const r = await rows<{ n: number }>(
    db,
    sql`with ins as (
        insert into meeting_invitations (meeting_id, member_id)
        select ${meetingId}::uuid, m.id from members m join org_units o on o.id = m.org_id
        where o.path <@ ${path}::ltree and m.status in ('chinh_thuc', 'du_bi')
        on conflict do nothing returning 1
      ) select count(*)::int as n from ins`,
  );
  return r[0]?.n ?? 0;
}

export async function meetingWithOrg(db: Executor, id: string) {
  const [row] = await db
    .select({ meeting: meetings, orgPath: orgUnits.path, orgName: orgUnits.name })
    .from(meetings)
    .innerJoin(orgUnits, eq(orgUnits.id, meetings.orgId))
    .where(eq(meetings.id, id));
  return row ? { ...row.meeting, orgPath: row.orgPath, orgName: row.orgName } : null;
}

export async function invitation(db: Executor, meetingId: string, memberId: string) {
  const [i] = await db
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.memberId, memberId)));
  return i ?? null;
}

export async function checkInOf(db: Executor, meetingId: string, memberId: string) {
  const [c] = await db
    .select()
    .from(meetingCheckIns)
    .where(and(eq(meetingCheckIns.meetingId, meetingId), eq(meetingCheckIns.memberId, memberId)));
  return c ?? null;
}

export interface Counts {
  invited: number;
  present: number;
  excused: number;
  absent: number;
}

export async function counts(db: Executor, meetingId: string): Promise<Counts> {
  const [c] = await rows<{ invited: number; present: number; excused: number }>(
    db,
    sql`select count(*)::int as invited,
        (count(*) filter (where c.member_id is not null))::int as present,
        (count(*) filter (where c.member_id is null and i.rsvp = 'no'))::int as excused
      from meeting_invitations i
      left join meeting_check_ins c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
      where i.meeting_id = ${meetingId}`,
  );
  const { invited = 0, present = 0, excused = 0 } = c ?? {};
  return { invited, present, excused, absent: invited - present - excused };
}

export interface AttendanceRow {
  memberId: string;
  fullName: string;
  orgName: string;
  guest: boolean;
  rsvp: 'yes' | 'no' | null;
  reason: string | null;
  method: string | null;
  checkedInAt: string | null;
  lateMinutes: number | null;
}

export async function attendanceRows(db: Executor, meetingId: string): Promise<AttendanceRow[]> {
  return rows<AttendanceRow>(
    db,
    sql`select i.member_id as "memberId", m.full_name as "fullName", o.name as "orgName", i.guest, i.rsvp, i.reason,
        c.method, (to_json(c.checked_in_at) #>> '{}') as "checkedInAt", c.late_minutes as "lateMinutes"
      from meeting_invitations i
      join members m on m.id = i.member_id join org_units o on o.id = m.org_id
      left join meeting_check_ins c on c.meeting_id = i.meeting_id and c.member_id = i.member_id
      where i.meeting_id = ${meetingId}
      order by o.name, m.name_sort, m.id`,
  );
}

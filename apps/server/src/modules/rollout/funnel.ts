import { type Actor, can } from '@sotay/core';
import { activityDays, type Executor, memberRollout } from '@sotay/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { rows } from '../documents/repo.ts';
import { findOrg } from '../orgs/repo.ts';

export const FUNNEL_STEPS = [
  'eligible',
  'vneidLevel2',
  'installed',
  'registered',
  'approved',
  'loggedIn',
  'active30d',
  'proficient',
] as const;
export type FunnelCounts = Record<(typeof FUNNEL_STEPS)[number], number>;

/**
 * Per eligible member (chính thức, dự bị), whether each step is reached — independent flags, not a
 * chain. Proficient: every basic function of seed 003 used (opened a document, studied one, checked
 * in to a meeting, read a notice, confirmed the profile) or attested by a support team.
 */
export const memberSteps = (path: string, since: string) => sql`
  select mem.id as member_id, o.path as path,
    mem.vneid_level >= 2 as vneid2,
    r.installed_at is not null as installed,
    u.id is not null as registered,
    u.id is not null and u.state in ('active', 'locked') as approved,
    u.last_login_at is not null as logged_in,
    exists (select 1 from activity_days a where a.member_id = mem.id and a.day >= ${since}::date) as active,
    (r.proficient_attested_at is not null or (
      mem.profile_confirmed_at is not null
      and exists (select 1 from document_reads d where d.member_id = mem.id)
      and exists (select 1 from meeting_check_ins c where c.member_id = mem.id)
      and exists (select 1 from notice_recipients n where n.member_id = mem.id and n.read_at is not null)
      and (exists (select 1 from study_attempts s where s.member_id = mem.id and s.passed)
        or exists (select 1 from study_essays e where e.member_id = mem.id))
    )) as proficient
  from members mem
  join org_units o on o.id = mem.org_id
  left join users u on u.member_id = mem.id
  left join member_rollout r on r.member_id = mem.id
  where o.path <@ ${path}::ltree and mem.status in ('chinh_thuc', 'du_bi')`;

const counts = sql`count(s.member_id)::int as eligible,
  (count(*) filter (where s.vneid2))::int as "vneidLevel2",
  (count(*) filter (where s.installed))::int as installed,
  (count(*) filter (where s.registered))::int as registered,
  (count(*) filter (where s.approved))::int as approved,
  (count(*) filter (where s.logged_in))::int as "loggedIn",
  (count(*) filter (where s.active))::int as "active30d",
  (count(*) filter (where s.proficient))::int as proficient`;

/** The calendar day in Vietnam (UTC+7, no daylight saving) of an instant. */
export const vnDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** First day of "the last 30 days", today included. */
export const since30 = (now: Date) => vnDay(new Date(now.getTime() - 29 * 86_400_000));

/** The funnel of a unit's subtree and of each child (rolled up over the child's subtree). */
export async function funnel(deps: Deps, actor: Actor, orgId: string) {
  const db = deps.database.db;
  const org = await findOrg(db, orgId);
  if (!org) throw notFound('Không tìm thấy đơn vị.');
  if (!can(actor, 'rollout.read', { orgPath: org.path })) {
    throw forbidden('Bạn không có quyền xem tình hình triển khai của đơn vị này.');
  }
  const since = since30(deps.now());
  const [total] = await rows<FunnelCounts>(
    db,
    sql`with s as (${memberSteps(org.path, since)}) select ${counts} from s`,
  );
  const children = await rows<FunnelCounts & { id: string; name: string }>(
    db,
    sql`with s as (${memberSteps(org.path, since)})
      select k.id, k.name, ${counts}
      from org_units k left join s on s.path <@ k.path
      where k.parent_id = ${org.id} and k.closed_at is null
      group by k.id, k.name order by k.name`,
  );
  return {
    org: { id: org.id, name: org.name },
    ...total!,
    children: children.map(({ id, name, ...c }) => ({ org: { id, name }, ...c })),
  };
}

/** Signed-in use today (called when a session is used): feeds "active in the last 30 days". */
export async function recordActivity(db: Executor, memberId: string, at: Date) {
  await db
    .insert(activityDays)
    .values({ memberId, day: vnDay(at) })
    .onConflictDoNothing();
}

/** The app reports that it runs installed (standalone display mode), or a support team records it. */
export async function recordInstalled(db: Executor, memberId: string, source: 'app' | 'team', at: Date) {
  await db
    .insert(memberRollout)
    .values({ memberId, installedAt: at, installedSource: source })
    .onConflictDoUpdate({
      target: memberRollout.memberId,
      set: {
        installedAt: sql`coalesce(${memberRollout.installedAt}, excluded.installed_at)`,
        installedSource: sql`coalesce(${memberRollout.installedSource}, excluded.installed_source)`,
      },
    });
}

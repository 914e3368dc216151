import { type Actor, can } from '@sotay/core';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { rows } from '../documents/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import { memberSteps, since30, vnDay } from './funnel.ts';

/** The first step of the funnel a member has not reached: what the support team starts with. */
export type BlockingStep =
  | 'vneid'
  | 'install'
  | 'register'
  | 'approve'
  | 'first_login'
  | 'activity'
  | 'proficiency';
export type HelpForm = 'tai_nha' | 'ca_nhan' | 'nhom_nho';

export interface NeedsSupport {
  memberId: string;
  fullName: string;
  orgId: string;
  orgName: string;
  phone: string | null;
  age: number | null;
  blocking: BlockingStep;
  hints: ('no_smartphone' | 'vneid_below_2' | 'elderly' | 'never_logged_in' | 'inactive')[];
  suggestedForm: HelpForm;
}

const ELDERLY = 70;

/**
 * Every eligible member of the subtree who is not yet proficient, with what blocks them, hints for
 * the team (no smartphone, VNeID below level 2, aged 70 or more, never signed in, inactive for 30
 * days) and a suggested form of help: at home for the elderly and those without a smartphone.
 */
export async function needsSupport(deps: Deps, actor: Actor, orgId: string): Promise<NeedsSupport[]> {
  const db = deps.database.db;
  const org = await findOrg(db, orgId);
  if (!org) throw notFound('Không tìm thấy đơn vị.');
  if (!can(actor, 'rollout.read', { orgPath: org.path })) {
    throw forbidden('Bạn không có quyền xem danh sách cần hỗ trợ của đơn vị này.');
  }
  const now = deps.now();
  const found = await rows<{
    memberId: string;
    fullName: string;
    orgId: string;
    orgName: string;
    phone: string | null;
    birthDate: string | null;
    hasSmartphone: boolean | null;
    vneid2: boolean;
    installed: boolean;
    registered: boolean;
    approved: boolean;
    loggedIn: boolean;
    active: boolean;
  }>(
    db,
    sql`with s as (${memberSteps(org.path, since30(now))})
      select m.id as "memberId", m.full_name as "fullName", o.id as "orgId", o.name as "orgName", m.phone,
        m.birth_date::text as "birthDate", m.has_smartphone as "hasSmartphone",
        s.vneid2, s.installed, s.registered, s.approved, s.logged_in as "loggedIn", s.active
      from s join members m on m.id = s.member_id join org_units o on o.id = m.org_id
      where not s.proficient
      order by o.name, m.name_sort, m.id`,
  );
  const today = vnDay(now);
  return found.map((r) => {
    const age = r.birthDate ? ageOn(r.birthDate, today) : null;
    const blocking: BlockingStep = !r.vneid2
      ? 'vneid'
      : !r.installed
        ? 'install'
        : !r.registered
          ? 'register'
          : !r.approved
            ? 'approve'
            : !r.loggedIn
              ? 'first_login'
              : !r.active
                ? 'activity'
                : 'proficiency';
    const hints: NeedsSupport['hints'] = [];
    if (r.hasSmartphone === false) hints.push('no_smartphone');
    if (!r.vneid2) hints.push('vneid_below_2');
    if (age !== null && age >= ELDERLY) hints.push('elderly');
    if (!r.loggedIn) hints.push('never_logged_in');
    else if (!r.active) hints.push('inactive');
    const suggestedForm: HelpForm =
      hints.includes('elderly') || hints.includes('no_smartphone')
        ? 'tai_nha'
        : !r.loggedIn
          ? 'ca_nhan'
          : 'nhom_nho';
    return {
      memberId: r.memberId,
      fullName: r.fullName,
      orgId: r.orgId,
      orgName: r.orgName,
      phone: r.phone,
      age,
      blocking,
      hints,
      suggestedForm,
    };
  });
}

function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

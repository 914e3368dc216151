import { type Actor, can, cleanText } from '@sotay/core';
import {
  campaigns,
  memberRollout,
  members,
  mentorAssignments,
  orgUnits,
  supportOutcomes,
  supportSessions,
  supportTeams,
} from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { appendAudit } from '../audit/repo.ts';
import { recordInstalled } from './funnel.ts';

export const FUNCTIONS = ['documents', 'study', 'check_in', 'notices', 'profile'] as const;

export interface OutcomeInput {
  memberId: string;
  installed?: boolean;
  registered?: boolean;
  activated?: boolean;
  profileUpdated?: boolean;
  practised?: (typeof FUNCTIONS)[number][];
  proficient?: boolean;
  problem?: string;
}

/** The campaign a session belongs to, with the unit it runs in; the actor must run campaigns there. */
async function sessionContext(deps: Deps, actor: Actor, sessionId: string) {
  const [row] = await deps.database.db
    .select({ campaignId: campaigns.id, path: orgUnits.path })
    .from(supportSessions)
    .innerJoin(supportTeams, eq(supportTeams.id, supportSessions.teamId))
    .innerJoin(campaigns, eq(campaigns.id, supportTeams.campaignId))
    .innerJoin(orgUnits, eq(orgUnits.id, campaigns.orgId))
    .where(eq(supportSessions.id, sessionId));
  if (!row) throw notFound('Không tìm thấy buổi hỗ trợ.');
  if (!can(actor, 'rollout.manage', { orgPath: row.path }))
    throw forbidden('Bạn không có quyền ghi kết quả buổi hỗ trợ này.');
  return row;
}

async function memberUnder(deps: Deps, memberId: string, path: string) {
  const [m] = await deps.database.db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(sql`${members.id} = ${memberId} and ${orgUnits.path} <@ ${path}::ltree`);
  if (!m) throw unprocessable('unknown_member', 'Đảng viên này không thuộc địa bàn của kế hoạch.');
}

/**
 * Records what the team did for a member at a session (one record per member and session, the last
 * word wins). "Installed" and "proficient" count in the roll-out funnel as attested by the team.
 */
export async function recordOutcome(deps: Deps, actor: Actor, sessionId: string, input: OutcomeInput) {
  const ctx = await sessionContext(deps, actor, sessionId);
  await memberUnder(deps, input.memberId, ctx.path);
  const now = deps.now();
  const values = {
    sessionId,
    memberId: input.memberId,
    installed: !!input.installed,
    registered: !!input.registered,
    activated: !!input.activated,
    profileUpdated: !!input.profileUpdated,
    practised: [...new Set(input.practised ?? [])],
    proficient: !!input.proficient,
    problem: cleanText(input.problem ?? '') || null,
    recordedBy: actor.userId,
    recordedAt: now,
  };
  await deps.database.db.transaction(async (tx) => {
    await tx
      .insert(supportOutcomes)
      .values(values)
      .onConflictDoUpdate({ target: [supportOutcomes.sessionId, supportOutcomes.memberId], set: values });
    if (values.installed) await recordInstalled(tx, input.memberId, 'team', now);
    if (values.proficient) {
      await tx
        .insert(memberRollout)
        .values({ memberId: input.memberId, proficientAttestedAt: now, proficientAttestedBy: actor.userId })
        .onConflictDoUpdate({
          target: memberRollout.memberId,
          set: { proficientAttestedAt: now, proficientAttestedBy: actor.userId },
        });
    }
    await appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        action: 'support.outcome',
        entity: 'member',
        entityId: input.memberId,
        orgPath: ctx.path,
        after: values,
      },
      now,
    );
  });
  return outcomesOf(deps, actor, sessionId);
}

export async function outcomesOf(deps: Deps, actor: Actor, sessionId: string) {
  await sessionContext(deps, actor, sessionId);
  const found = await deps.database.db
    .select({ o: supportOutcomes, fullName: members.fullName })
    .from(supportOutcomes)
    .innerJoin(members, eq(members.id, supportOutcomes.memberId))
    .where(eq(supportOutcomes.sessionId, sessionId))
    .orderBy(members.nameSort);
  return {
    items: found.map(({ o, fullName }) => ({
      memberId: o.memberId,
      fullName,
      installed: o.installed,
      registered: o.registered,
      activated: o.activated,
      profileUpdated: o.profileUpdated,
      practised: o.practised,
      proficient: o.proficient,
      problem: o.problem,
      recordedAt: o.recordedAt.toISOString(),
    })),
  };
}

/** Kèm cặp: assigns a mentor to a member of the campaign's area (one mentor per member and campaign). */
export async function assignMentor(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  input: { mentorMemberId: string; menteeMemberId: string; note?: string },
) {
  const [c] = await deps.database.db
    .select({ path: orgUnits.path })
    .from(campaigns)
    .innerJoin(orgUnits, eq(orgUnits.id, campaigns.orgId))
    .where(eq(campaigns.id, campaignId));
  if (!c) throw notFound('Không tìm thấy kế hoạch hỗ trợ.');
  if (!can(actor, 'rollout.manage', { orgPath: c.path })) throw forbidden();
  if (input.mentorMemberId === input.menteeMemberId)
    throw unprocessable('same_person', 'Người kèm cặp phải là người khác.');
  await memberUnder(deps, input.mentorMemberId, c.path);
  await memberUnder(deps, input.menteeMemberId, c.path);
  const note = cleanText(input.note ?? '');
  const followUps = note ? [{ at: deps.now().toISOString(), note }] : [];
  await deps.database.db
    .insert(mentorAssignments)
    .values({
      campaignId,
      mentorMemberId: input.mentorMemberId,
      menteeMemberId: input.menteeMemberId,
      followUps,
    })
    .onConflictDoUpdate({
      target: [mentorAssignments.campaignId, mentorAssignments.menteeMemberId],
      set: {
        mentorMemberId: input.mentorMemberId,
        followUps: sql`${mentorAssignments.followUps} || ${JSON.stringify(followUps)}::jsonb`,
      },
    });
  const list = await deps.database.db
    .select({ a: mentorAssignments, mentee: members.fullName })
    .from(mentorAssignments)
    .innerJoin(members, eq(members.id, mentorAssignments.menteeMemberId))
    .where(eq(mentorAssignments.campaignId, campaignId));
  return {
    items: list.map(({ a, mentee }) => ({
      mentorMemberId: a.mentorMemberId,
      menteeMemberId: a.menteeMemberId,
      mentee,
      followUps: a.followUps,
    })),
  };
}

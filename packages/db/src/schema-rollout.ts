import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members, orgUnits, users } from './schema-core.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Roll-out facts about a member that live nowhere else: the app installed, proficiency attested. */
export const memberRollout = pgTable('member_rollout', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id),
  installedAt: timestamp('installed_at', { withTimezone: true }),
  /** `app`: the app reported it runs installed (standalone); `team`: a support team recorded it. */
  installedSource: text('installed_source', { enum: ['app', 'team'] }),
  proficientAttestedAt: timestamp('proficient_attested_at', { withTimezone: true }),
  proficientAttestedBy: uuid('proficient_attested_by').references(() => users.id),
});

/** One row per member and day with signed-in use: "active in the last 30 days" without scanning sessions. */
export const activityDays = pgTable(
  'activity_days',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    day: date('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.day] }), index('activity_days_day_idx').on(t.day)],
);

/** A support campaign: a plan (e.g. 142-KH/ĐU) with a period and a goal, run by a đảng ủy. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    number: text('number'),
    title: text('title').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    goal: text('goal'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('campaigns_org_idx').on(t.orgId)],
);

/** A tổ công tác of a campaign, with the areas (địa bàn) it covers as written and, when matched, as units. */
export const supportTeams = pgTable(
  'support_teams',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    areas: jsonb('areas').$type<string[]>().notNull().default([]),
    areaOrgIds: uuid('area_org_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [index('support_teams_campaign_idx').on(t.campaignId, t.position)],
);

/**
 * A person on a team's roster. Rosters name people as written; the same person may be on several teams
 * (`personKey` ties the rows together), team members may not be Party members (`memberId` null).
 */
export const supportTeamMembers = pgTable(
  'support_team_members',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => supportTeams.id),
    fullName: text('full_name').notNull(),
    position: text('position'),
    teamRole: text('team_role', { enum: ['to_truong', 'to_pho', 'to_vien'] }).notNull(),
    personKey: text('person_key').notNull(),
    memberId: uuid('member_id').references(() => members.id),
    row: integer('row').notNull(),
  },
  (t) => [
    index('support_team_members_team_idx').on(t.teamId),
    index('support_team_members_person_idx').on(t.personKey),
  ],
);

/** A buổi hỗ trợ: date, time, place and form (tập trung, nhóm nhỏ, cá nhân, tại nhà). */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => supportTeams.id),
    date: date('date').notNull(),
    startTime: time('start_time'),
    endTime: time('end_time'),
    place: text('place'),
    form: text('form', { enum: ['tap_trung', 'nhom_nho', 'ca_nhan', 'tai_nha'] })
      .notNull()
      .default('tap_trung'),
  },
  (t) => [index('support_sessions_team_idx').on(t.teamId, t.date)],
);

/** What a support team did for a member at a session; proficiency attested here counts in the funnel. */
export const supportOutcomes = pgTable(
  'support_outcomes',
  {
    id: id(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    installed: boolean('installed').notNull().default(false),
    registered: boolean('registered').notNull().default(false),
    activated: boolean('activated').notNull().default(false),
    profileUpdated: boolean('profile_updated').notNull().default(false),
    /** Basic functions practised: documents, study, check-in, notices, profile. */
    practised: text('practised').array().notNull().default(sql`'{}'::text[]`),
    proficient: boolean('proficient').notNull().default(false),
    problem: text('problem'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('support_outcomes_session_member_key').on(t.sessionId, t.memberId),
    index('support_outcomes_member_idx').on(t.memberId),
  ],
);

/** Kèm cặp: a mentor (often a younger member) follows a member who needs help, with follow-up notes. */
export const mentorAssignments = pgTable(
  'mentor_assignments',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    mentorMemberId: uuid('mentor_member_id')
      .notNull()
      .references(() => members.id),
    menteeMemberId: uuid('mentee_member_id')
      .notNull()
      .references(() => members.id),
    followUps: jsonb('follow_ups').$type<{ at: string; note: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mentor_assignments_pair_key').on(t.campaignId, t.menteeMemberId)],
);

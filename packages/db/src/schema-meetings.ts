import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { members, orgUnits, users } from './schema-core.ts';
import { documents } from './schema-documents.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const MEETING_KINDS = ['dinh_ky', 'chuyen_de', 'bat_thuong', 'hoi_nghi'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * A chi bộ meeting (định kỳ, chuyên đề, bất thường) or a đảng ủy conference (hội nghị). `checkInSecret`
 * keys the rotating check-in code (HMAC of the time window), so codes of one meeting say nothing of another.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind', { enum: MEETING_KINDS }).notNull().default('dinh_ky'),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    location: text('location'),
    onlineUrl: text('online_url'),
    chairMemberId: uuid('chair_member_id').references(() => members.id),
    secretaryMemberId: uuid('secretary_member_id').references(() => members.id),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    /** Meetings created together by a monthly recurrence share this id. */
    seriesId: uuid('series_id'),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    checkInSecret: text('check_in_secret').notNull(),
    /** The biên bản: structured fields, editable until finalised (then locked). */
    minutes: jsonb('minutes'),
    minutesFinalizedAt: timestamp('minutes_finalized_at', { withTimezone: true }),
    minutesFinalizedBy: uuid('minutes_finalized_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_org_idx').on(t.orgId, t.startsAt)],
);

/** Who is invited: the unit's members (not miễn sinh hoạt) when the meeting is created, plus guests. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    guest: boolean('guest').notNull().default(false),
    /** The member's answer: coming (`yes`) or absent with a reason (`no`); null: not answered. */
    rsvp: text('rsvp', { enum: ['yes', 'no'] }),
    reason: text('reason'),
    rsvpAt: timestamp('rsvp_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.memberId] }),
    index('meeting_invitations_member_idx').on(t.memberId),
  ],
);

/** One row per member present: the primary key makes a second check-in a no-op, never a duplicate. */
export const meetingCheckIns = pgTable(
  'meeting_check_ins',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    method: text('method', { enum: ['code', 'qr', 'offline', 'manual'] }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    /** Minutes after the start (late arrivals); 0 when on time. */
    lateMinutes: integer('late_minutes').notNull().default(0),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.memberId] })],
);

/** Materials: documents from the library attached to a meeting. */
export const meetingMaterials = pgTable(
  'meeting_materials',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.documentId] })],
);

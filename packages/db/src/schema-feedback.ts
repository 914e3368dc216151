import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members, orgUnits, users } from './schema-core.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const FEEDBACK_KINDS = ['hoi_dap', 'phan_anh', 'kien_nghi', 'bao_loi'] as const;
export const FEEDBACK_STATUSES = ['moi', 'dang_xu_ly', 'da_tra_loi', 'da_dong'] as const;

/** A member's question, report, proposal or bug report to their chi ủy or a higher cấp ủy. */
export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: FEEDBACK_KINDS }).notNull(),
    title: text('title').notNull(),
    /** The unit whose committee handles it now (moves up when escalated). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    escalatedFromOrgId: uuid('escalated_from_org_id').references(() => orgUnits.id),
    status: text('status', { enum: FEEDBACK_STATUSES }).notNull().default('moi'),
    createdAt: createdAt(),
    /** Last answer from a committee: what "overdue" is measured from. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feedback_org_idx').on(t.orgId, t.status),
    index('feedback_member_idx').on(t.memberId, t.createdAt),
  ],
);

export const feedbackMessages = pgTable(
  'feedback_messages',
  {
    id: id(),
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => feedback.id),
    userId: uuid('user_id').references(() => users.id),
    fromCommittee: boolean('from_committee').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_messages_thread_idx').on(t.feedbackId, t.createdAt)],
);

/** Who to call for help with the app, listed per unit and shown to every member below it. */
export const supportContacts = pgTable(
  'support_contacts',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    fullName: text('full_name').notNull(),
    role: text('role').notNull(),
    phone: text('phone').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('support_contacts_org_idx').on(t.orgId, t.position)],
);

import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members, orgUnits, users } from './schema-core.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A notice from a cấp ủy or chi ủy to units of its subtree (optionally only some roles or statuses).
 * Sending writes one inbox row per recipient; a scheduled notice is sent by the scheduler at its time.
 */
export const notices = pgTable(
  'notices',
  {
    id: id(),
    /** The sending unit. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Units whose subtrees receive it. */
    audienceOrgIds: uuid('audience_org_ids').array().notNull(),
    /** Empty: everyone; otherwise only holders of these roles. */
    audienceRoles: text('audience_roles').array().notNull().default(sql`'{}'::text[]`),
    /** Empty: chính thức and dự bị; otherwise these member statuses. */
    audienceStatuses: text('audience_statuses').array().notNull().default(sql`'{}'::text[]`),
    priority: text('priority', { enum: ['thuong', 'khan'] })
      .notNull()
      .default('thuong'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Links: [{kind: 'document'|'meeting', id}] */
    links: jsonb('links').$type<{ kind: 'document' | 'meeting'; id: string }[]>().notNull().default([]),
    status: text('status', { enum: ['draft', 'scheduled', 'sent', 'recalled'] })
      .notNull()
      .default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    recalledAt: timestamp('recalled_at', { withTimezone: true }),
    recipients: integer('recipients').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notices_org_idx').on(t.orgId, t.createdAt),
    index('notices_due_idx').on(t.status, t.scheduledAt),
  ],
);

/** The inbox: one row per notice and member, with the read receipt. */
export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** Copied from the notice: the inbox is read newest first from one index. */
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.memberId] }),
    index('notice_recipients_inbox_idx').on(t.memberId, t.sentAt),
  ],
);

/** A browser's web-push subscription (one per device); removed when the push service says it expired. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

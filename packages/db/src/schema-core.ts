import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** PostgreSQL `ltree`: one label per org unit (its id without dashes), root first. */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: ltree('path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('org_units_path_gist').using('gist', t.path),
    index('org_units_parent_idx').on(t.parentId),
    uniqueIndex('org_units_path_key').on(t.path),
  ],
);

/** Every rename, move, close or creation of a unit: the tree's history ("xã … (cũ)"). */
export const orgUnitEvents = pgTable(
  'org_unit_events',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    event: text('event').notNull(),
    oldName: text('old_name'),
    newName: text('new_name'),
    oldParentId: uuid('old_parent_id'),
    newParentId: uuid('new_parent_id'),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_unit_events_org_idx').on(t.orgId, t.at)],
);

export const members = pgTable(
  'members',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    fullName: text('full_name').notNull(),
    /** folded name + phone + số thẻ: what `q` searches (trigram index). */
    searchText: text('search_text').notNull(),
    nameSort: text('name_sort').notNull(),
    birthDate: date('birth_date'),
    gender: text('gender'),
    ethnicity: text('ethnicity'),
    hometown: text('hometown'),
    cccd: text('cccd'),
    partyCardNumber: text('party_card_number'),
    joinedOn: date('joined_on'),
    officialOn: date('official_on'),
    phone: text('phone'),
    email: text('email'),
    education: text('education'),
    position: text('position'),
    status: text('status').notNull(),
    vneidLevel: smallint('vneid_level').notNull().default(0),
    hasSmartphone: boolean('has_smartphone'),
    /** When and by whom the VNeID level / smartphone were last declared (the member or their chi ủy). */
    deviceSetAt: timestamp('device_set_at', { withTimezone: true }),
    deviceSetBy: uuid('device_set_by'),
    /** The member confirmed their "thông tin sơ lược" is correct (a basic function of proficiency). */
    profileConfirmedAt: timestamp('profile_confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('members_org_idx').on(t.orgId, t.nameSort, t.id),
    index('members_name_sort_idx').on(t.nameSort, t.id),
    index('members_status_idx').on(t.status),
    index('members_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    uniqueIndex('members_card_key').on(t.partyCardNumber).where(sql`${t.partyCardNumber} is not null`),
    uniqueIndex('members_cccd_key').on(t.cccd).where(sql`${t.cccd} is not null`),
    index('members_phone_idx').on(t.phone),
  ],
);

export const memberStatusHistory = pgTable(
  'member_status_history',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('member_status_history_member_idx').on(t.memberId, t.at)],
);

/** Chi bộ membership over time: the open row (validTo null) is the current one. */
export const memberOrgHistory = pgTable(
  'member_org_history',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
  },
  (t) => [index('member_org_history_member_idx').on(t.memberId, t.validFrom)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    memberId: uuid('member_id').references(() => members.id),
    passwordHash: text('password_hash').notNull(),
    state: text('state').notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Base32 TOTP secret once confirmed; the pending one waits for the first correct code. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** Last accepted 30-second step: a code is accepted once. */
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    uniqueIndex('users_member_key').on(t.memberId).where(sql`${t.memberId} is not null`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie token: a leaked table gives no usable session. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    idleTimeoutS: integer('idle_timeout_s').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    uniqueIndex('role_assignments_active_key')
      .on(t.userId, t.role, t.orgId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Append-only and hash-chained: each row stores the hash of the previous one. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    orgPath: text('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** A member's self-registration, waiting for (or decided by) the chi ủy of their chi bộ. */
export const registrations = pgTable(
  'registrations',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    phone: text('phone').notNull(),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
  },
  (t) => [
    index('registrations_status_idx').on(t.status, t.createdAt),
    index('registrations_member_idx').on(t.memberId),
  ],
);

/** One-time codes: password reset issued by a chi ủy (24 h) and TOTP recovery codes. Only hashes are kept. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('one_time_codes_user_idx').on(t.userId, t.purpose)],
);

/** A member's request to correct Party-record fields, approved or rejected by their chi ủy. */
export const profileCorrections = pgTable(
  'profile_corrections',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    changes: jsonb('changes').notNull(),
    note: text('note'),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
  },
  (t) => [index('profile_corrections_member_idx').on(t.memberId, t.status)],
);

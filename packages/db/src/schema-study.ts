import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { documents } from './schema-documents.ts';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A study topic (chuyên đề, nghị quyết) a cấp ủy assigns to a subtree with a due date. */
export const studyTopics = pgTable(
  'study_topics',
  {
    id: id(),
    /** Assigned to every member of this unit's subtree. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    dueOn: date('due_on'),
    /** Percentage of correct answers needed to pass the quiz. */
    passMark: integer('pass_mark').notNull().default(80),
    /** Null: unlimited attempts. */
    maxAttempts: integer('max_attempts'),
    /** A bài thu hoạch is required to complete the topic. */
    essayRequired: boolean('essay_required').notNull().default(true),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_topics_org_idx').on(t.orgId, t.status)],
);

export const studyTopicDocuments = pgTable(
  'study_topic_documents',
  {
    topicId: uuid('topic_id')
      .notNull()
      .references(() => studyTopics.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.documentId] })],
);

/** The question bank of a topic: single or multiple choice; `correct` holds option ids. */
export const studyQuestions = pgTable(
  'study_questions',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => studyTopics.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    prompt: text('prompt').notNull(),
    options: jsonb('options').notNull(),
    correct: text('correct').array().notNull(),
    explanation: text('explanation'),
  },
  (t) => [index('study_questions_topic_idx').on(t.topicId, t.position)],
);

/** One quiz attempt: the shuffled order it was shown in, the answers, the score. Every attempt is kept. */
export const studyAttempts = pgTable(
  'study_attempts',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => studyTopics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    memberId: uuid('member_id').references(() => members.id),
    questionOrder: jsonb('question_order').notNull(),
    answers: jsonb('answers'),
    correctCount: integer('correct_count'),
    questionCount: integer('question_count').notNull(),
    score: integer('score'),
    passed: boolean('passed'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('study_attempts_topic_user_idx').on(t.topicId, t.userId)],
);

/** A member's bài thu hoạch for a topic (text and/or a file), with the chi ủy's comment. */
export const studyEssays = pgTable(
  'study_essays',
  {
    id: id(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => studyTopics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    memberId: uuid('member_id').references(() => members.id),
    body: text('body').notNull().default(''),
    fileKey: text('file_key'),
    fileName: text('file_name'),
    fileType: text('file_type'),
    fileSize: bigint('file_size', { mode: 'number' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    comment: text('comment'),
    commentedBy: uuid('commented_by').references(() => users.id),
    commentedAt: timestamp('commented_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('study_essays_topic_user_key').on(t.topicId, t.userId)],
);

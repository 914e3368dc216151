import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members, orgUnits, users } from './schema-core.ts';

export const DOCUMENT_STATUSES = ['draft', 'published', 'withdrawn', 'replaced'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A Party document in the library. Its số/ký hiệu is stored canonical (`18-KH/ĐU`) with a folded
 * matching key; the same number recurs across issuing bodies and terms, so it is not unique.
 * A replaced document keeps its row (status `replaced`) and points at its successor.
 */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    /** The unit that holds the document in the app (where it was uploaded). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Published to this unit's subtree; members see what is addressed to their chi bộ or an ancestor. */
    audienceOrgId: uuid('audience_org_id')
      .notNull()
      .references(() => orgUnits.id),
    /** Empty: every member of the audience; otherwise only holders of one of these roles. */
    audienceRoles: text('audience_roles').array().notNull().default(sql`'{}'::text[]`),
    number: text('number'),
    numberKey: text('number_key'),
    type: text('type'),
    issuer: text('issuer'),
    /** "Đảng ủy xã Hòa Mẫu": the issuing organisation as the header names it. */
    issuingBody: text('issuing_body'),
    issuedOn: date('issued_on'),
    title: text('title').notNull(),
    category: text('category'),
    /** Folded number forms, type name, title and issuing body (weight A, trigram-indexed). */
    searchHead: text('search_head').notNull(),
    /**
     * Head (weight A) and folded body (weight C), written by the app (`documentVector`). The body text
     * itself lives in `document_texts`: kept here it would make every row too big to store uncompressed,
     * and a search would decompress every candidate row.
     */
    searchVector: tsvector('search_vector').notNull(),
    /** The head alone: ranks title and number matches without reading the (large) body vector. */
    headVector: tsvector('head_vector').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple'::regconfig, search_head)`,
    ),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('draft'),
    previousVersionId: uuid('previous_version_id').references((): AnyPgColumn => documents.id),
    replacedById: uuid('replaced_by_id').references((): AnyPgColumn => documents.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_search_vector_idx').using('gin', t.searchVector),
    index('documents_search_head_trgm').using('gin', sql`${t.searchHead} gin_trgm_ops`),
    // text_pattern_ops: serves both `= key` and the `like '18-kh/%'` prefix of a partly typed number
    index('documents_number_key_idx').using('btree', sql`${t.numberKey} text_pattern_ops`),
    index('documents_audience_idx').on(t.audienceOrgId, t.status),
    index('documents_issued_idx').on(t.issuedOn, t.id),
  ],
);

/** The extracted text of a document, read only when the document is shown or a snippet is cut. */
export const documentTexts = pgTable('document_texts', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id),
  bodyText: text('body_text').notNull(),
});

/** Files of a document: the main PDF/DOCX and attachments (videos, images), kept in the file store. */
export const documentFiles = pgTable(
  'document_files',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    role: text('role').notNull(),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('document_files_document_idx').on(t.documentId)],
);

/**
 * A number cited in a document's text, resolved to a library document when one matches without
 * doubt; otherwise `targetId` is null and `candidateIds` lists the documents it could be.
 */
export const documentReferences = pgTable(
  'document_references',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    position: integer('position').notNull(),
    number: text('number').notNull(),
    numberKey: text('number_key').notNull(),
    typeName: text('type_name'),
    citedIssuedOn: date('cited_issued_on'),
    citedIssuingOrg: text('cited_issuing_org'),
    targetId: uuid('target_id').references(() => documents.id),
    candidateIds: uuid('candidate_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    uniqueIndex('document_references_position_key').on(t.documentId, t.position),
    index('document_references_key_idx').on(t.numberKey),
    index('document_references_target_idx').on(t.targetId),
  ],
);

/** "Đã đọc": the first and latest time a user opened a document. */
export const documentReads = pgTable(
  'document_reads',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    memberId: uuid('member_id').references(() => members.id),
    firstReadAt: timestamp('first_read_at', { withTimezone: true }).notNull().defaultNow(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.userId] }),
    index('document_reads_member_idx').on(t.memberId),
  ],
);

/** "Xem sau": a user's bookmarks (also what the service worker keeps for offline reading). */
export const documentBookmarks = pgTable(
  'document_bookmarks',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.userId] }),
    index('document_bookmarks_user_idx').on(t.userId),
  ],
);

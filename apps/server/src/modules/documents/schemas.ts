import { DOCUMENT_STATUSES } from '@sotay/db';
import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../../http/schemas.ts';

const status = z.enum(DOCUMENT_STATUSES);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listQuery = z.object({
  q: z.string().max(200).optional(),
  type: z.string().max(10).optional(),
  issuer: z.string().max(20).optional(),
  year: z.coerce.number().int().min(1930).max(2100).optional(),
  category: z.string().max(100).optional(),
  status: status.optional(),
  unread: flag.optional(),
  bookmarked: flag.optional(),
  ...pageQuery,
});

export const snippet = z.object({
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});

export const listedDocument = z.object({
  id: uuid,
  number: z.string().nullable(),
  type: z.string().nullable(),
  typeName: z.string().nullable(),
  issuer: z.string().nullable(),
  issuingBody: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  title: z.string(),
  category: z.string().nullable(),
  status,
  audienceOrgId: uuid,
  audienceName: z.string(),
  publishedAt: z.string().nullable(),
  read: z.boolean(),
  bookmarked: z.boolean(),
  snippet: snippet.nullable(),
});

const brief = z.object({ id: uuid, number: z.string().nullable(), title: z.string() });

export const documentFile = z.object({
  id: uuid,
  role: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const documentDetail = z.object({
  id: uuid,
  number: z.string().nullable(),
  type: z.string().nullable(),
  typeName: z.string().nullable(),
  issuer: z.string().nullable(),
  issuingBody: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  title: z.string(),
  category: z.string().nullable(),
  status,
  audienceOrgId: uuid,
  audienceRoles: z.array(z.string()),
  publishedAt: z.string().nullable(),
  text: z.string(),
  files: z.array(documentFile),
  references: z.array(
    z.object({
      number: z.string(),
      typeName: z.string().nullable(),
      issuedOn: isoDate.nullable(),
      issuingOrg: z.string().nullable(),
      documentId: uuid.nullable(),
      title: z.string().nullable(),
      candidates: z.array(brief),
    }),
  ),
  referencedBy: z.array(
    z.object({
      documentId: uuid,
      number: z.string().nullable(),
      title: z.string(),
      issuedOn: isoDate.nullable(),
    }),
  ),
  previousVersion: brief.nullable(),
  replacedBy: brief.nullable(),
  readAt: z.string().nullable(),
  bookmarked: z.boolean(),
  canManage: z.boolean(),
});

export const detected = z.object({
  number: z.string().nullable(),
  numberSource: z.enum(['header', 'annex']).nullable(),
  type: z.string().nullable(),
  issuer: z.string().nullable(),
  issuingBody: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  title: z.string().nullable(),
});

/** Multipart text fields of an upload (all strings). */
export const uploadFields = z.object({
  number: z.string().max(60).optional(),
  title: z.string().max(1000).optional(),
  issuedOn: z.string().max(20).optional(),
  issuingBody: z.string().max(300).optional(),
  category: z.string().max(100).optional(),
  audienceOrgId: uuid.optional(),
  /** Comma-separated roles; empty: every member of the audience. */
  audienceRoles: z.string().max(200).optional(),
  publish: flag.optional(),
});

export const updateBody = z.object({
  number: z.string().max(60).nullable().optional(),
  title: z.string().max(1000).optional(),
  issuedOn: z.string().max(20).nullable().optional(),
  issuingBody: z.string().max(300).nullable().optional(),
  category: z.string().max(100).nullable().optional(),
  audienceOrgId: uuid.optional(),
  audienceRoles: z.array(z.string()).max(5).optional(),
});

export const fileParams = z.object({ id: uuid, fileId: uuid });

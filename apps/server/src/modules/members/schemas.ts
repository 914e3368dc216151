import { MEMBER_STATUSES } from '@sotay/core';
import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../../http/schemas.ts';

export const memberStatus = z.enum(MEMBER_STATUSES);
const text = (max = 200) => z.string().trim().max(max).nullable().optional();

export const memberFields = z.object({
  fullName: z.string().trim().min(2).max(200),
  birthDate: isoDate.nullable().optional(),
  gender: z.enum(['nam', 'nu']).nullable().optional(),
  ethnicity: text(),
  hometown: text(300),
  cccd: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, 'CCCD gồm 12 chữ số')
    .nullable()
    .optional(),
  partyCardNumber: z
    .string()
    .regex(/^\d{6,12}$/, 'Số thẻ gồm 6–12 chữ số')
    .nullable()
    .optional(),
  joinedOn: isoDate.nullable().optional(),
  officialOn: isoDate.nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  education: text(),
  position: text(),
});

export const createMemberBody = memberFields.extend({
  orgId: uuid,
  status: memberStatus.default('chinh_thuc'),
});
export const updateMemberBody = memberFields.partial();
export const statusBody = z.object({
  status: memberStatus,
  reason: z.string().trim().max(500).nullable().optional(),
});
export const transferBody = z.object({
  orgId: uuid,
  reason: z.string().trim().max(500).nullable().optional(),
});

export const listQuery = z.object({
  orgId: uuid.optional(),
  q: z.string().max(200).optional(),
  status: memberStatus.optional(),
  vneidLevel: z.coerce.number().int().min(0).max(2).optional(),
  hasSmartphone: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

export const memberOut = z.object({
  id: uuid,
  fullName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  status: memberStatus,
  gender: z.string().nullable(),
  ethnicity: z.string().nullable(),
  hometown: z.string().nullable(),
  partyCardNumber: z.string().nullable(),
  /** Full for those allowed to see it (DESIGN §4), masked `001******123` for everyone else. */
  cccd: z.string().nullable(),
  cccdMasked: z.boolean(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  joinedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
  education: z.string().nullable(),
  position: z.string().nullable(),
  vneidLevel: z.number().int(),
  hasSmartphone: z.boolean().nullable(),
  deviceSetAt: z.string().nullable(),
  profileConfirmedAt: z.string().nullable(),
});
export type MemberOut = z.infer<typeof memberOut>;

export const memberList = z.object({ items: z.array(memberOut), total: z.number().int() });
export const memberEnvelope = z.object({ member: memberOut });

export const historyOut = z.object({
  status: z.array(z.object({ status: z.string(), reason: z.string().nullable(), at: z.string() })),
  orgs: z.array(
    z.object({
      orgId: uuid,
      orgName: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

import { type Executor, members, orgUnits, registrations, users } from '@sotay/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { underAny } from '../orgs/repo.ts';

export async function listRegistrations(db: Executor, scope: string[], status: string) {
  return db
    .select({
      id: registrations.id,
      memberId: registrations.memberId,
      fullName: members.fullName,
      orgId: members.orgId,
      orgName: orgUnits.name,
      partyCardNumber: members.partyCardNumber,
      phone: registrations.phone,
      status: registrations.status,
      reason: registrations.reason,
      createdAt: registrations.createdAt,
      decidedAt: registrations.decidedAt,
    })
    .from(registrations)
    .innerJoin(members, eq(members.id, registrations.memberId))
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(and(eq(registrations.status, status), underAny(orgUnits.path, scope)))
    .orderBy(desc(registrations.createdAt))
    .limit(500);
}

export async function findRegistration(db: Executor, id: string) {
  const [r] = await db
    .select({
      reg: registrations,
      orgPath: orgUnits.path,
      orgId: members.orgId,
      memberPhone: members.phone,
      member: members,
    })
    .from(registrations)
    .innerJoin(members, eq(members.id, registrations.memberId))
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(eq(registrations.id, id))
    .limit(1);
  return r ?? null;
}

export async function latestRegistrationOfUser(db: Executor, userId: string) {
  const [r] = await db
    .select()
    .from(registrations)
    .where(eq(registrations.userId, userId))
    .orderBy(desc(registrations.createdAt))
    .limit(1);
  return r ?? null;
}

export async function userOfMember(db: Executor, memberId: string) {
  const [u] = await db.select().from(users).where(eq(users.memberId, memberId)).limit(1);
  return u ?? null;
}

export async function memberByNumber(db: Executor, field: 'partyCardNumber' | 'cccd', value: string) {
  const [m] = await db
    .select({ member: members, orgPath: orgUnits.path })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(sql`${members[field]} = ${value}`)
    .limit(1);
  return m ?? null;
}

export async function otherMembersWithPhone(db: Executor, phone: string, exceptId: string): Promise<boolean> {
  const [r] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.phone, phone), sql`${members.id} <> ${exceptId}`))
    .limit(1);
  return !!r;
}

import type { Role } from '@sotay/core';
import { type Executor, members, oneTimeCodes, orgUnits, roleAssignments, sessions, users } from '@sotay/db';
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return u ?? null;
}

/**
 * The account a member signs in to with a số thẻ, CCCD or phone. A phone that two members share
 * identifies neither.
 */
export async function findUserByMemberIdentifier(
  db: Executor,
  { digits, phone }: { digits: string | null; phone: string | null },
): Promise<UserRow | null> {
  const conds = [];
  if (digits) conds.push(eq(members.partyCardNumber, digits), eq(members.cccd, digits));
  if (phone) conds.push(eq(members.phone, phone));
  if (!conds.length) return null;
  const found = await db
    .select({ id: members.id, phone: members.phone, card: members.partyCardNumber, cccd: members.cccd })
    .from(members)
    .where(or(...conds))
    .limit(5);
  const byNumber = found.filter((m) => digits && (m.card === digits || m.cccd === digits));
  const byPhone = found.filter((m) => phone && m.phone === phone);
  const member =
    byNumber.length === 1 ? byNumber[0] : byNumber.length === 0 && byPhone.length === 1 ? byPhone[0] : null;
  if (!member) return null;
  const [u] = await db.select().from(users).where(eq(users.memberId, member.id)).limit(1);
  return u ?? null;
}

export interface RoleRow {
  id: string;
  role: Role;
  orgId: string;
  orgPath: string;
  orgName: string;
}

export async function activeRoles(db: Executor, userId: string): Promise<RoleRow[]> {
  const rows = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      orgId: roleAssignments.orgId,
      orgPath: orgUnits.path,
      orgName: orgUnits.name,
    })
    .from(roleAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgId))
    .where(
      and(eq(roleAssignments.userId, userId), isNull(roleAssignments.revokedAt), isNull(orgUnits.closedAt)),
    );
  return rows as RoleRow[];
}

export async function sessionWithUser(db: Executor, idHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, idHash))
    .limit(1);
  return row ?? null;
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function touchSession(db: Executor, idHash: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, idHash));
}

export async function deleteSession(db: Executor, idHash: string) {
  await db.delete(sessions).where(eq(sessions.id, idHash));
}

export async function deleteOtherSessions(db: Executor, userId: string, keepIdHash: string) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepIdHash)));
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  await db
    .delete(sessions)
    .where(
      or(
        sql`${sessions.expiresAt} < ${now}`,
        sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleTimeoutS}) < ${now}`,
      ),
    );
}

export async function updateUser(db: Executor, userId: string, patch: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(patch).where(eq(users.id, userId));
}

export async function memberSummary(db: Executor, memberIds: string[]) {
  if (!memberIds.length) return [];
  return db
    .select({ id: members.id, fullName: members.fullName, orgId: members.orgId, orgPath: orgUnits.path })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(inArray(members.id, memberIds));
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

export async function usableCode(db: Executor, userId: string, purpose: string, codeHash: string, now: Date) {
  const [c] = await db
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, userId),
        eq(oneTimeCodes.purpose, purpose),
        eq(oneTimeCodes.codeHash, codeHash),
        isNull(oneTimeCodes.usedAt),
        or(isNull(oneTimeCodes.expiresAt), sql`${oneTimeCodes.expiresAt} > ${now}`),
      ),
    )
    .limit(1);
  return c ?? null;
}

export async function insertCode(db: Executor, row: typeof oneTimeCodes.$inferInsert) {
  await db.insert(oneTimeCodes).values(row);
}

export async function markCodeUsed(db: Executor, id: string, at: Date) {
  await db.update(oneTimeCodes).set({ usedAt: at }).where(eq(oneTimeCodes.id, id));
}

export async function deleteAllSessions(db: Executor, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function replaceCodes(
  db: Executor,
  userId: string,
  purpose: string,
  hashes: string[],
  at: Date,
) {
  await db
    .delete(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose)));
  if (hashes.length)
    await db
      .insert(oneTimeCodes)
      .values(hashes.map((codeHash) => ({ userId, purpose, codeHash, createdAt: at })));
}

export async function userSessions(db: Executor, userId: string) {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

/** The units a user belongs to: their member's chi bộ and every unit they hold a role on. */
export async function userOrgPaths(db: Executor, user: UserRow): Promise<string[]> {
  const roles = await activeRoles(db, user.id);
  const own = user.memberId ? await memberSummary(db, [user.memberId]) : [];
  return [...new Set([...own.map((m) => m.orgPath), ...roles.map((r) => r.orgPath)])];
}

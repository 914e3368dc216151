import type { Role } from '@sotay/core';
import { type Executor, orgUnits, roleAssignments, users } from '@sotay/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { underAny } from '../orgs/repo.ts';

export async function listAssignments(db: Executor, scope: string[]) {
  return db
    .select({
      id: roleAssignments.id,
      role: sql<Role>`${roleAssignments.role}`,
      orgId: roleAssignments.orgId,
      orgName: orgUnits.name,
      orgPath: orgUnits.path,
      userId: users.id,
      username: users.username,
      createdAt: roleAssignments.createdAt,
    })
    .from(roleAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgId))
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(isNull(roleAssignments.revokedAt), underAny(orgUnits.path, scope)))
    .orderBy(asc(orgUnits.path), asc(roleAssignments.role));
}

export async function findAssignment(db: Executor, id: string) {
  const [r] = await db
    .select({ a: roleAssignments, orgPath: orgUnits.path })
    .from(roleAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgId))
    .where(eq(roleAssignments.id, id))
    .limit(1);
  return r ?? null;
}

export async function insertAssignment(db: Executor, row: typeof roleAssignments.$inferInsert) {
  const [r] = await db.insert(roleAssignments).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

export async function revokeAssignment(db: Executor, id: string, by: string, at: Date) {
  await db.update(roleAssignments).set({ revokedAt: at, revokedBy: by }).where(eq(roleAssignments.id, id));
}

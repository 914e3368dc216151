import { type Executor, members, orgUnitEvents, orgUnits } from '@sotay/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';

export type OrgRow = typeof orgUnits.$inferSelect;

/** ltree label of a unit: its id without dashes. */
export const pathLabel = (id: string) => id.replace(/-/g, '');

/** `path <@ any(paths)` for a list of scope paths (false when the list is empty). */
export function underAny(column: unknown, paths: string[]) {
  if (!paths.length) return sql`false`;
  return sql`${column} <@ array[${sql.join(
    paths.map((p) => sql`${p}::ltree`),
    sql`, `,
  )}]`;
}

export async function findOrg(db: Executor, id: string): Promise<OrgRow | null> {
  const [o] = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return o ?? null;
}

export async function rootOrg(db: Executor): Promise<OrgRow | null> {
  const [o] = await db
    .select()
    .from(orgUnits)
    .where(isNull(orgUnits.parentId))
    .orderBy(asc(orgUnits.createdAt))
    .limit(1);
  return o ?? null;
}

/** Open units in the subtree of `path` (itself included). */
export async function subtree(db: Executor, path: string): Promise<OrgRow[]> {
  return db
    .select()
    .from(orgUnits)
    .where(and(sql`${orgUnits.path} <@ ${path}::ltree`, isNull(orgUnits.closedAt)))
    .orderBy(asc(orgUnits.path));
}

export async function insertOrg(
  db: Executor,
  row: { id: string; parentId: string | null; path: string; kind: string; name: string },
  actorUserId: string | null,
): Promise<OrgRow> {
  const [o] = await db.insert(orgUnits).values(row).returning();
  await db
    .insert(orgUnitEvents)
    .values({ orgId: row.id, event: 'created', newName: row.name, newParentId: row.parentId, actorUserId });
  return o!;
}

/** The tree in scope with direct and subtree member counts (members not yet transferred out etc. included). */
export async function treeWithCounts(db: Executor, scope: string[], includeClosed: boolean) {
  const rows = await db.execute(sql`
    with units as (
      select o.id, o.parent_id, o.path, o.kind, o.name, o.closed_at
      from org_units o
      where ${underAny(sql`o.path`, scope)} ${includeClosed ? sql`` : sql`and o.closed_at is null`}
    ),
    direct as (
      select m.org_id, count(*)::int as n from members m join units u on u.id = m.org_id group by m.org_id
    )
    select u.id, u.parent_id as "parentId", u.kind, u.name, u.closed_at as "closedAt",
      coalesce(d.n, 0) as "memberCount",
      (select coalesce(sum(d2.n), 0)::int from units u2 join direct d2 on d2.org_id = u2.id where u2.path <@ u.path) as "subtreeMemberCount"
    from units u left join direct d on d.org_id = u.id
    order by u.path`);
  return (rows as unknown as { rows: TreeRow[] }).rows;
}

export interface TreeRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  closedAt: string | Date | null;
  memberCount: number;
  subtreeMemberCount: number;
}

export async function renameOrg(db: Executor, org: OrgRow, name: string, actorUserId: string, at: Date) {
  await db.update(orgUnits).set({ name, updatedAt: at }).where(eq(orgUnits.id, org.id));
  await db
    .insert(orgUnitEvents)
    .values({ orgId: org.id, event: 'renamed', oldName: org.name, newName: name, actorUserId, at });
}

/** Re-paths the whole subtree in one statement (subpath() refuses an offset equal to the unit's own depth). */
export async function moveOrg(db: Executor, org: OrgRow, parent: OrgRow, actorUserId: string, at: Date) {
  const newPath = `${parent.path}.${pathLabel(org.id)}`;
  await db.execute(sql`
    update org_units set
      path = case when path = ${org.path}::ltree then ${newPath}::ltree
        else ${newPath}::ltree || subpath(path, nlevel(${org.path}::ltree)) end,
      updated_at = ${at}
    where path <@ ${org.path}::ltree`);
  await db.update(orgUnits).set({ parentId: parent.id }).where(eq(orgUnits.id, org.id));
  await db.insert(orgUnitEvents).values({
    orgId: org.id,
    event: 'moved',
    oldParentId: org.parentId,
    newParentId: parent.id,
    actorUserId,
    at,
  });
  return newPath;
}

export async function closeOrg(db: Executor, org: OrgRow, actorUserId: string, at: Date) {
  await db.update(orgUnits).set({ closedAt: at, updatedAt: at }).where(eq(orgUnits.id, org.id));
  await db
    .insert(orgUnitEvents)
    .values({ orgId: org.id, event: 'closed', oldName: org.name, actorUserId, at });
}

export async function openMembersUnder(db: Executor, path: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(
      and(
        sql`${orgUnits.path} <@ ${path}::ltree`,
        sql`${members.status} in ('chinh_thuc','du_bi','mien_sinh_hoat')`,
      ),
    );
  return r?.n ?? 0;
}

export async function openChildren(db: Executor, id: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, id), isNull(orgUnits.closedAt)));
  return r?.n ?? 0;
}

export async function orgEvents(db: Executor, id: string) {
  return db.select().from(orgUnitEvents).where(eq(orgUnitEvents.orgId, id)).orderBy(asc(orgUnitEvents.at));
}

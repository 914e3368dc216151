import { type Actor, scopePaths } from '@sotay/core';
import { type Executor, members, orgUnits } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import type { Viewer } from './repo.ts';

/** The viewer for an actor: their chi bộ, the units of their roles, and where they manage documents. */
export async function viewerOf(db: Executor, actor: Actor): Promise<Viewer> {
  const own = actor.roles.map((r) => r.orgPath);
  if (actor.memberId) {
    const [m] = await db
      .select({ path: orgUnits.path })
      .from(members)
      .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
      .where(eq(members.id, actor.memberId));
    if (m) own.push(m.path);
  }
  const paths = [...new Set(own)];
  const addressed = paths.length
    ? await db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(
          sql`${orgUnits.path} @> array[${sql.join(
            paths.map((p) => sql`${p}::ltree`),
            sql`, `,
          )}]`,
        )
        // root first: the position in this list is how close a unit is to the viewer
        .orderBy(sql`nlevel(${orgUnits.path})`)
    : [];
  return {
    userId: actor.userId,
    addressedOrgIds: addressed.map((o) => o.id),
    roleNames: [...new Set(actor.roles.map((r) => r.role))],
    manageScope: scopePaths(actor, 'document.manage'),
  };
}

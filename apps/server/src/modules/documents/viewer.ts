import { type Actor, scopePaths } from '@sotay/core';
import { type Executor, members, orgUnits } from '@sotay/db';
import { eq } from 'drizzle-orm';
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
  return {
    userId: actor.userId,
    ownPaths: [...new Set(own)],
    roleNames: [...new Set(actor.roles.map((r) => r.role))],
    manageScope: scopePaths(actor, 'document.manage'),
  };
}

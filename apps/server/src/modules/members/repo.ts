import { type Executor, memberOrgHistory, memberStatusHistory, members, orgUnits } from '@sotay/db';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { underAny } from '../orgs/repo.ts';
import { escapeLike } from './search-text.ts';

export type MemberRow = typeof members.$inferSelect;
export type MemberWithOrg = MemberRow & { orgName: string; orgPath: string };

export interface MemberFilter {
  scope: string[];
  underPath?: string | null;
  status?: string | null;
  tokens: string[];
  vneidLevel?: number | null;
  hasSmartphone?: boolean | null;
  page: number;
  pageSize: number;
}

const withOrg = {
  member: members,
  orgName: orgUnits.name,
  orgPath: orgUnits.path,
};

function listWhere(f: MemberFilter): SQL | undefined {
  return and(
    underAny(orgUnits.path, f.scope),
    f.underPath ? sql`${orgUnits.path} <@ ${f.underPath}::ltree` : undefined,
    f.status ? eq(members.status, f.status) : undefined,
    f.vneidLevel != null ? eq(members.vneidLevel, f.vneidLevel) : undefined,
    f.hasSmartphone != null ? eq(members.hasSmartphone, f.hasSmartphone) : undefined,
    ...f.tokens.map((t) => sql`${members.searchText} like ${`%${escapeLike(t)}%`}`),
  );
}

export async function listMembers(
  db: Executor,
  f: MemberFilter,
): Promise<{ items: MemberWithOrg[]; total: number }> {
  const where = listWhere(f);
  // The page walks the (name_sort, id) index and stops after pageSize rows; the total is a separate
  // count. (A `count(*) over()` on the page query would make every page read and sort the whole scope.)
  const [rows, [count]] = await Promise.all([
    db
      .select(withOrg)
      .from(members)
      .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
      .where(where)
      .orderBy(asc(members.nameSort), asc(members.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(members)
      .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.member, orgName: r.orgName, orgPath: r.orgPath })),
    total: count?.n ?? 0,
  };
}

export async function findMember(db: Executor, id: string): Promise<MemberWithOrg | null> {
  const [r] = await db
    .select(withOrg)
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(eq(members.id, id))
    .limit(1);
  return r ? { ...r.member, orgName: r.orgName, orgPath: r.orgPath } : null;
}

export async function findByCardOrCccd(
  db: Executor,
  card: string | null,
  cccd: string | null,
): Promise<MemberRow | null> {
  if (card) {
    const [m] = await db.select().from(members).where(eq(members.partyCardNumber, card)).limit(1);
    if (m) return m;
  }
  if (cccd) {
    const [m] = await db.select().from(members).where(eq(members.cccd, cccd)).limit(1);
    if (m) return m;
  }
  return null;
}

export async function insertMember(
  db: Executor,
  row: typeof members.$inferInsert,
  actorUserId: string | null,
  at: Date,
) {
  const [m] = await db.insert(members).values(row).returning();
  await db
    .insert(memberStatusHistory)
    .values({ memberId: m!.id, status: m!.status, actorUserId, at, reason: 'Tạo hồ sơ' });
  await db.insert(memberOrgHistory).values({ memberId: m!.id, orgId: m!.orgId, validFrom: at, actorUserId });
  return m!;
}

export async function updateMember(db: Executor, id: string, patch: Partial<typeof members.$inferInsert>) {
  const [m] = await db.update(members).set(patch).where(eq(members.id, id)).returning();
  return m!;
}

export async function recordStatus(
  db: Executor,
  memberId: string,
  status: string,
  reason: string | null,
  actorUserId: string | null,
  at: Date,
) {
  await db.insert(memberStatusHistory).values({ memberId, status, reason, actorUserId, at });
}

/** Closes the open membership row and opens one in the new chi bộ. */
export async function recordTransfer(
  db: Executor,
  memberId: string,
  orgId: string,
  reason: string | null,
  actorUserId: string | null,
  at: Date,
) {
  await db
    .update(memberOrgHistory)
    .set({ validTo: at })
    .where(and(eq(memberOrgHistory.memberId, memberId), isNull(memberOrgHistory.validTo)));
  await db.insert(memberOrgHistory).values({ memberId, orgId, validFrom: at, reason, actorUserId });
}

export async function memberHistory(db: Executor, memberId: string) {
  const [status, orgs] = await Promise.all([
    db
      .select()
      .from(memberStatusHistory)
      .where(eq(memberStatusHistory.memberId, memberId))
      .orderBy(desc(memberStatusHistory.at)),
    db
      .select({ row: memberOrgHistory, orgName: orgUnits.name })
      .from(memberOrgHistory)
      .innerJoin(orgUnits, eq(orgUnits.id, memberOrgHistory.orgId))
      .where(eq(memberOrgHistory.memberId, memberId))
      .orderBy(desc(memberOrgHistory.validFrom)),
  ]);
  return { status, orgs: orgs.map((o) => ({ ...o.row, orgName: o.orgName })) };
}

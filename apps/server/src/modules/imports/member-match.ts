import { type Executor, members, orgUnits } from '@sotay/db';
import { eq, or, sql } from 'drizzle-orm';
import type { MemberRow } from '../members/repo.ts';

export type ExistingMember = MemberRow & { orgPath: string };

const anyOf = (list: string[]) => sql`any(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`;

/** Every member already holding one of these số thẻ or CCCD, wherever they are (one query, one parameter each). */
export async function existingByNumbers(db: Executor, cards: string[], cccds: string[]): Promise<ExistingMember[]> {
  if (!cards.length && !cccds.length) return [];
  const rows = await db
    .select({ member: members, orgPath: orgUnits.path })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(or(sql`${members.partyCardNumber} = ${anyOf(cards)}`, sql`${members.cccd} = ${anyOf(cccds)}`));
  return rows.map((r) => ({ ...r.member, orgPath: r.orgPath }));
}

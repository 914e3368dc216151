import { type Executor, members, orgUnits } from '@sotay/db';
import { eq, or, sql } from 'drizzle-orm';
import type { MemberRow } from '../members/repo.ts';

/** The member fields a file may set, compared with the stored record to tell updated from unchanged. */
export const COMPARED_FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'partyCardNumber',
  'cccd',
  'phone',
  'joinedOn',
  'officialOn',
  'ethnicity',
  'hometown',
  'email',
  'education',
  'position',
  'status',
] as const satisfies readonly (keyof MemberRow)[];

/** What the import reads back of an existing member: the compared fields plus what it needs to decide. */
export const MATCHED_COLUMNS = ['id', 'orgId', ...COMPARED_FIELDS] as const;

export type ExistingMember = Pick<MemberRow, (typeof MATCHED_COLUMNS)[number]> & { orgPath: string };

const selection = {
  ...Object.fromEntries(MATCHED_COLUMNS.map((k) => [k, members[k]])),
  orgPath: orgUnits.path,
};

const anyOf = (list: string[]) => sql`any(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`;

/**
 * Every member already holding one of these số thẻ or CCCD, wherever they are (one query, one
 * parameter each). Only the compared columns, since a re-import of 100 000 rows reads them all back.
 */
export async function existingByNumbers(
  db: Executor,
  cards: string[],
  cccds: string[],
): Promise<ExistingMember[]> {
  if (!cards.length && !cccds.length) return [];
  const rows = await db
    .select(selection)
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(or(sql`${members.partyCardNumber} = ${anyOf(cards)}`, sql`${members.cccd} = ${anyOf(cccds)}`));
  return rows as unknown as ExistingMember[];
}

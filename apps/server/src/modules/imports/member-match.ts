import { type Executor, members, orgUnits } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import type { MemberRow } from '../members/repo.ts';

/** The columns an import compares against (what a file may set), plus what it needs to decide. */
export const MATCHED_COLUMNS = [
  'id',
  'orgId',
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

export type ExistingMember = Pick<MemberRow, (typeof MATCHED_COLUMNS)[number]> & { orgPath: string };

const selection = {
  ...Object.fromEntries(MATCHED_COLUMNS.map((k) => [k, members[k]])),
  orgPath: orgUnits.path,
};

const anyOf = (list: string[]) => sql`any(select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`;

/** Numbers per query: keeps each result (and PGlite's memory, which never shrinks back) small. */
const CHUNK = 10_000;

/**
 * Every member already holding one of these số thẻ or CCCD, wherever they are: one query per
 * 10 000 numbers, each a single parameter. Only the compared columns, since a re-import of
 * 100 000 rows reads them all back.
 */
export async function existingByNumbers(
  db: Executor,
  cards: string[],
  cccds: string[],
): Promise<ExistingMember[]> {
  const found = new Map<string, ExistingMember>();
  for (const [column, numbers] of [
    [members.partyCardNumber, cards],
    [members.cccd, cccds],
  ] as const) {
    for (let i = 0; i < numbers.length; i += CHUNK) {
      const rows = (await db
        .select(selection)
        .from(members)
        .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
        .where(sql`${column} = ${anyOf(numbers.slice(i, i + CHUNK))}`)) as unknown as ExistingMember[];
      for (const m of rows) found.set(m.id, m);
    }
  }
  return [...found.values()];
}

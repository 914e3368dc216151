import { type Executor, members } from '@sotay/db';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';

/**
 * Set-based writes for large imports: each batch is one statement whose rows travel as a single
 * jsonb parameter (`jsonb_to_recordset`), history rows included, instead of three statements with
 * one bound parameter per cell. Building those (20 000+ parameters per batch) cost more than the
 * database work: saving 100 000 members on PostgreSQL went from 23 s to 10 s, what is left being
 * the database's own index and history maintenance (bench/import-profile.ts shows the phases).
 */

const COLUMNS = getTableColumns(members);

/** The member columns an import writes (every column but the id, timestamps and roll-out fields). */
export const IMPORTED_COLUMNS = [
  'orgId',
  'fullName',
  'searchText',
  'nameSort',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'cccd',
  'partyCardNumber',
  'joinedOn',
  'officialOn',
  'phone',
  'email',
  'education',
  'position',
  'status',
] as const satisfies readonly (keyof typeof COLUMNS)[];

export type ImportedColumn = (typeof IMPORTED_COLUMNS)[number];
export type ImportedValues = { [K in ImportedColumn]: (typeof members.$inferInsert)[K] };

/** Rows per statement: large enough that round trips do not matter, small enough for PGlite's memory. */
export const BULK_BATCH = 5000;

const columnName = (k: ImportedColumn) => COLUMNS[k].name;
const columnList = () => sql.raw(IMPORTED_COLUMNS.map(columnName).join(', '));
/** The `as r(…)` column list of jsonb_to_recordset: extra columns first, then the imported ones. */
const recordDefinition = (extra: string[] = []) =>
  sql.raw(
    [...extra, ...IMPORTED_COLUMNS.map((k) => `${columnName(k)} ${COLUMNS[k].getSQLType()}`)].join(', '),
  );

function recordsJson<T>(rows: T[], values: (r: T) => ImportedValues, extra: (r: T) => object): string {
  return JSON.stringify(
    rows.map((r) => {
      const v = values(r);
      const o: Record<string, unknown> = { ...extra(r) };
      for (const k of IMPORTED_COLUMNS) o[columnName(k)] = v[k] ?? null;
      return o;
    }),
  );
}

export interface HistoryMeta {
  actorUserId: string;
  at: Date;
  reason: string;
}

const at = (h: HistoryMeta): SQL => sql`${h.at.toISOString()}::timestamptz`;
const actor = (h: HistoryMeta): SQL => sql`${h.actorUserId}::uuid`;

/** Inserts new members with their first status row and their open chi bộ membership row. */
export async function insertMembers(tx: Executor, rows: ImportedValues[], h: HistoryMeta): Promise<void> {
  if (!rows.length) return;
  const json = recordsJson(
    rows,
    (r) => r,
    () => ({}),
  );
  await tx.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${json}::jsonb)
        as r(${recordDefinition()})
    ), created as (
      insert into members (${columnList()}, created_at, updated_at)
      select ${columnList()}, ${at(h)}, ${at(h)} from input
      returning id, org_id, status
    ), status_rows as (
      insert into member_status_history (member_id, status, reason, actor_user_id, at)
      select id, status, ${h.reason}, ${actor(h)}, ${at(h)} from created
    )
    insert into member_org_history (member_id, org_id, valid_from, actor_user_id)
    select id, org_id, ${at(h)}, ${actor(h)} from created`);
}

export interface MemberChange {
  id: string;
  /** The columns the file changes; the others keep whatever the row holds now. */
  changed: ImportedColumn[];
  /** The member after the change (orgId, searchText and nameSort are always written). */
  next: ImportedValues;
  moved: boolean;
  statusChanged: boolean;
}

const ALWAYS_WRITTEN = new Set<ImportedColumn>(['orgId', 'searchText', 'nameSort']);

/** Applies changes to existing members, recording status changes and transfers in their histories. */
export async function updateMembers(tx: Executor, changes: MemberChange[], h: HistoryMeta): Promise<void> {
  if (!changes.length) return;
  const assignments = sql.raw(
    IMPORTED_COLUMNS.map((k) => {
      const c = columnName(k);
      return ALWAYS_WRITTEN.has(k)
        ? `${c} = r.${c}`
        : `${c} = case when '${c}' = any(r.changed) then r.${c} else m.${c} end`;
    }).join(',\n        '),
  );
  const json = recordsJson(
    changes,
    (c) => c.next,
    (c) => ({
      id: c.id,
      changed: c.changed.map(columnName),
      moved: c.moved,
      status_changed: c.statusChanged,
    }),
  );
  await tx.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${json}::jsonb)
        as r(${recordDefinition(['id uuid', 'changed text[]', 'moved boolean', 'status_changed boolean'])})
    ), updated as (
      update members m set
        ${assignments},
        updated_at = ${at(h)}
      from input r
      where m.id = r.id
    ), status_rows as (
      insert into member_status_history (member_id, status, reason, actor_user_id, at)
      select id, status, ${h.reason}, ${actor(h)}, ${at(h)} from input where status_changed
    ), closed as (
      update member_org_history o set valid_to = ${at(h)}
      from input r
      where r.moved and o.member_id = r.id and o.valid_to is null
    )
    insert into member_org_history (member_id, org_id, valid_from, reason, actor_user_id)
    select id, org_id, ${at(h)}, ${h.reason}, ${actor(h)} from input where moved`);
}

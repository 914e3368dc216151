/**
 * The baseline for bench:api: a bare Fastify route that runs the SQL the members list runs
 * (modules/members/repo.ts listMembers for an admin of the root unit, page 1), straight through
 * `pg` or PGlite — no session, no policy, no response schema. Started as its own process:
 *
 *   BASELINE_PG_URL=postgres://… | BASELINE_PGLITE_DIR=/path/to/db  PORT=… node --import tsx bench/api-baseline.ts
 */
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from '@sotay/db';
import Fastify from 'fastify';
import pg from 'pg';

/** Exactly what drizzle sends for listMembers (checked with `.toSQL()`): page 1, 50 rows. */
const MEMBERS_PAGE_SQL =
  'select "members"."id", "members"."org_id", "members"."full_name", "members"."search_text", "members"."name_sort", ' +
  '"members"."birth_date", "members"."gender", "members"."ethnicity", "members"."hometown", "members"."cccd", ' +
  '"members"."party_card_number", "members"."joined_on", "members"."official_on", "members"."phone", "members"."email", ' +
  '"members"."education", "members"."position", "members"."status", "members"."vneid_level", "members"."has_smartphone", ' +
  '"members"."created_at", "members"."updated_at", "org_units"."name", "org_units"."path", count(*) over() ' +
  'from "members" inner join "org_units" on "org_units"."id" = "members"."org_id" ' +
  'where "org_units"."path" <@ array[$1::ltree] order by "members"."name_sort" asc, "members"."id" asc limit $2';

/** The same page without the window count (what an index on (name_sort, id) can answer by reading 50 rows)… */
const PAGE_ONLY_SQL = MEMBERS_PAGE_SQL.replace(', count(*) over() ', ' ');
/** …and the total as its own query. */
const COUNT_SQL =
  'select count(*)::int as count from "members" inner join "org_units" on "org_units"."id" = "members"."org_id" ' +
  'where "org_units"."path" <@ array[$1::ltree]';
const PROPOSED_INDEX_SQL = 'create index if not exists bench_members_name_sort on members (name_sort, id)';

const ROOT_PATH_SQL =
  'select path::text as path from org_units where parent_id is null order by created_at limit 1';

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

async function openQuery(): Promise<{ query: Query; close(): Promise<void> }> {
  const url = process.env.BASELINE_PG_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return { query: async (text, params) => (await pool.query(text, params)).rows, close: () => pool.end() };
  }
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) throw new Error('set BASELINE_PG_URL or BASELINE_PGLITE_DIR');
  const client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
  return {
    query: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
    close: () => client.close(),
  };
}

async function main() {
  const db = await openQuery();
  const [root] = await db.query(ROOT_PATH_SQL, []);
  const rootPath = String(root?.path);
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/members', async () => {
    const rows = await db.query(MEMBERS_PAGE_SQL, [rootPath, 50]);
    return { items: rows, total: Number(rows[0]?.count ?? 0) };
  });
  // What the proposed list would cost (bench:api measures these after the app, see its report).
  app.post('/proposed-index', async () => {
    await db.query(PROPOSED_INDEX_SQL, []);
    await db.query('analyze members', []);
    return { status: 'ok' };
  });
  app.get('/members-page-and-count', async () => {
    const [rows, count] = await Promise.all([
      db.query(PAGE_ONLY_SQL, [rootPath, 50]),
      db.query(COUNT_SQL, [rootPath]),
    ]);
    return { items: rows, total: Number(count[0]?.count ?? 0) };
  });
  app.get('/members-page-only', async () => ({ items: await db.query(PAGE_ONLY_SQL, [rootPath, 50]) }));
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await app.listen({ port: Number(process.env.PORT || 0), host: '127.0.0.1' });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});

/**
 * The baseline for bench:api: a bare Fastify route that runs the SQL the members list runs
 * (modules/members/repo.ts listMembers for an admin of the root unit, page 1: the page and the total,
 * side by side) straight through `pg` or PGlite — no session, no policy, no response schema. The SQL
 * text is built once, by drizzle from the same schema and the same query shape, so it follows the
 * schema; each request then only sends it. Started as its own process:
 *
 *   BASELINE_PG_URL=postgres://… | BASELINE_PGLITE_DIR=/path/to/db  PORT=… node --import tsx bench/api-baseline.ts
 */
import { PGlite } from '@electric-sql/pglite';
import { members, orgUnits, pgliteExtensions } from '@sotay/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import Fastify from 'fastify';
import pg from 'pg';
import { underAny } from '../apps/server/src/modules/orgs/repo.ts';

const PAGE_SIZE = 50;
const ROOT_PATH_SQL =
  'select path::text as path from org_units where parent_id is null order by created_at limit 1';

interface Statement {
  sql: string;
  params: unknown[];
}

/** listMembers' two queries for page 1 of the root's scope, or of one unit's subtree within it. */
function listStatements(rootPath: string, unitPath: string | null): { page: Statement; count: Statement } {
  const qb = drizzle({ client: new pg.Pool() }); // builds SQL text only, never connects
  const where = and(
    underAny(orgUnits.path, [rootPath]),
    unitPath ? sql`${orgUnits.path} <@ ${unitPath}::ltree` : undefined,
  );
  const page = qb
    .select({ member: members, orgName: orgUnits.name, orgPath: orgUnits.path })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(where)
    .orderBy(asc(members.nameSort), asc(members.id))
    .limit(PAGE_SIZE)
    .offset(0)
    .toSQL();
  const count = qb
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .innerJoin(orgUnits, eq(orgUnits.id, members.orgId))
    .where(where)
    .toSQL();
  return { page, count };
}

type Query = (s: Statement) => Promise<Record<string, unknown>[]>;

async function openQuery(): Promise<{ query: Query; close(): Promise<void> }> {
  const url = process.env.BASELINE_PG_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return { query: async (s) => (await pool.query(s.sql, s.params)).rows, close: () => pool.end() };
  }
  const dir = process.env.BASELINE_PGLITE_DIR;
  if (!dir) throw new Error('set BASELINE_PG_URL or BASELINE_PGLITE_DIR');
  const client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
  return {
    query: async (s) => (await client.query<Record<string, unknown>>(s.sql, s.params)).rows,
    close: () => client.close(),
  };
}

async function main() {
  const db = await openQuery();
  const [root] = await db.query({ sql: ROOT_PATH_SQL, params: [] });
  const rootPath = String(root?.path);
  const statements = new Map<string, ReturnType<typeof listStatements>>();
  /** The statements for `?orgId=` (the unit's path looked up once: per request only the list's SQL runs). */
  const statementsFor = async (orgId: string | undefined) => {
    const key = orgId ?? '';
    let s = statements.get(key);
    if (!s) {
      const unit = orgId
        ? await db.query({ sql: 'select path::text as path from org_units where id = $1', params: [orgId] })
        : [];
      s = listStatements(rootPath, orgId ? String(unit[0]?.path) : null);
      statements.set(key, s);
    }
    return s;
  };

  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get<{ Querystring: { orgId?: string } }>('/members', async (req) => {
    const s = await statementsFor(req.query.orgId);
    const [items, count] = await Promise.all([db.query(s.page), db.query(s.count)]);
    return { items, total: Number(Object.values(count[0] ?? {})[0] ?? 0) };
  });
  // What the list would cost without an exact total (the count is what is left to make cheaper).
  app.get<{ Querystring: { orgId?: string } }>('/members-page-only', async (req) => {
    const s = await statementsFor(req.query.orgId);
    return { items: await db.query(s.page) };
  });
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

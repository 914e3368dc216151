import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function migrationCount(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal.entries.length;
}

/** How many committed migrations this database has not applied yet. */
export async function pendingMigrations(database: Database): Promise<number> {
  const applied = await database.db
    .execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
    .then((r) => Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0))
    .catch(() => 0);
  return Math.max(0, migrationCount() - applied);
}

/**
 * Applies the committed migrations. On PostgreSQL several API nodes may start at once, so the
 * migration runs on one dedicated connection holding an advisory lock.
 */
export async function runMigrations(database: Database, url?: string): Promise<void> {
  if (database.kind === 'embedded') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!url) throw new Error('runMigrations: PostgreSQL needs its URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(7407291)');
    await migrateNodePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7407291)').catch(() => {});
    await client.end();
  }
}

import crypto from 'node:crypto';
import { type Database, openEmbedded, openPostgres, runMigrations } from '@sotay/db';
import pg from 'pg';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a throw-away
 * PostgreSQL database (created and dropped here) when TEST_DATABASE_URL is set.
 */
export async function testDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openEmbedded(undefined);
    await runMigrations(database);
    return { database, close: () => database.close() };
  }
  const name = `sotay_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = await openPostgres(dbUrl.toString(), { max: 5 });
  await runMigrations(database, dbUrl.toString());
  return {
    database,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const databaseKind = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded');

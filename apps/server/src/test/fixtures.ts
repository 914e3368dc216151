import type { Database, Schema } from '@sotay/db';
import { sql } from 'drizzle-orm';
import type { Session } from './app.ts';

/** Creates a unit through the API (the session must be allowed to). */
export async function createOrg(
  s: Session,
  parentId: string,
  name: string,
  kind = 'chi_bo',
): Promise<{ id: string; name: string }> {
  const r = await s.post('/api/orgs', { parentId, name, kind });
  if (r.status !== 201) throw new Error(`create org ${name} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.org;
}

export interface MemberInput {
  orgId: string;
  fullName: string;
  status?: string;
  partyCardNumber?: string | null;
  cccd?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  [k: string]: unknown;
}

/** Creates a member through the API and returns it as the API shows it to the creator. */
export async function createMember(s: Session, body: MemberInput) {
  const r = await s.post('/api/members', body);
  if (r.status !== 201)
    throw new Error(`create member ${body.fullName} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.member as {
    id: string;
    fullName: string;
    orgId: string;
    status: string;
    cccd: string | null;
    [k: string]: unknown;
  };
}

let serial = 0;
/** A fresh 9-digit số thẻ and 12-digit CCCD, unique within the test process. */
export function numbers(): { partyCardNumber: string; cccd: string } {
  serial += 1;
  const n = String(process.pid % 1000).padStart(3, '0') + String(serial).padStart(6, '0');
  return { partyCardNumber: n, cccd: `036${n}` };
}

/** Row count of a table (name from the schema, e.g. 'members'). */
export async function countRows(database: Database, table: keyof Schema | string): Promise<number> {
  const r = await database.db.execute(
    sql.raw(`select count(*)::int as n from ${String(table).replace(/[^a-z_]/g, '')}`),
  );
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

/** Rows of a raw SQL query (PGlite and node-postgres both answer `{ rows }`). */
export async function rows<T = Record<string, unknown>>(
  database: Database,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const r = await database.db.execute(query);
  return (r as unknown as { rows: T[] }).rows;
}

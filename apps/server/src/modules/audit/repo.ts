import { auditLog, type Executor } from '@sotay/db';
import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import { type AuditFields, auditHash, GENESIS_HASH, toJson } from './chain.ts';

export type AuditEntry = Omit<AuditFields, 'at' | 'before' | 'after'> & { before?: unknown; after?: unknown };

/**
 * Appends one row in the caller's transaction. The advisory lock serialises writers so each row
 * chains onto the one before it, across every API node.
 */
export async function appendAudit(tx: Executor, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7407292)`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const fields: AuditFields = { ...entry, at, before: toJson(entry.before), after: toJson(entry.after) };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: auditHash(prevHash, fields) });
}

export async function auditPage(
  db: Executor,
  {
    orgPaths,
    entity,
    entityId,
    page,
    pageSize,
  }: { orgPaths: string[] | null; entity?: string; entityId?: string; page: number; pageSize: number },
) {
  const scope = orgPaths
    ? sql`(${auditLog.orgPath} is not null and ${auditLog.orgPath}::ltree <@ array[${sql.join(
        orgPaths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )}])`
    : undefined;
  const where = and(
    scope,
    entity ? eq(auditLog.entity, entity) : undefined,
    entityId ? eq(auditLog.entityId, entityId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export interface VerifyResult {
  rows: number;
  ok: boolean;
  /** The first row whose content or link does not match. */
  brokenAt: number | null;
  reason: string | null;
}

/** Walks the chain in order; any edited row changes its hash, any deleted row breaks the next link. */
export async function verifyAuditChain(db: Executor, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let rows = 0;
  for (;;) {
    const chunk = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    for (const r of chunk) {
      rows++;
      if (r.prevHash !== prev) {
        return {
          rows,
          ok: false,
          brokenAt: r.seq,
          reason: 'liên kết với dòng trước bị đứt (có dòng bị xoá hoặc sửa)',
        };
      }
      const expected = auditHash(prev, r);
      if (expected !== r.hash) {
        return { rows, ok: false, brokenAt: r.seq, reason: 'nội dung dòng đã bị sửa' };
      }
      prev = r.hash;
      after = r.seq;
    }
    if (chunk.length < batch) return { rows, ok: true, brokenAt: null, reason: null };
  }
}

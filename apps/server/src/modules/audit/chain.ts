import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  at: Date;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  orgPath: string | null;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, the hash must not care. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, f: AuditFields): string {
  const body = canonical({
    at: f.at.toISOString(),
    actorUserId: f.actorUserId,
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    orgPath: f.orgPath,
    before: f.before ?? null,
    after: f.after ?? null,
  });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Plain JSON copy (dates as ISO strings), the form jsonb gives back. */
export const toJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

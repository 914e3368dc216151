import crypto from 'node:crypto';
import { type Database, roleAssignments, users } from '@sotay/db';
import { hashPassword } from './lib/password.ts';
import { readablePassword } from './lib/tokens.ts';
import { appendAudit } from './modules/audit/repo.ts';
import { insertOrg, type OrgRow, pathLabel, rootOrg } from './modules/orgs/repo.ts';

export interface BootstrapResult {
  root: OrgRow;
  /** Set only when this start created the instance. */
  created: { adminPassword: string; generated: boolean } | null;
}

/** First start of an empty database: the root unit and the `admin` account holding `admin` on it. */
export async function bootstrap(
  database: Database,
  opts: { rootName: string; adminPassword: string | null },
  now = new Date(),
): Promise<BootstrapResult> {
  const existing = await rootOrg(database.db);
  if (existing) return { root: existing, created: null };
  const generated = !opts.adminPassword;
  const adminPassword = opts.adminPassword ?? readablePassword();
  const passwordHash = await hashPassword(adminPassword);
  const root = await database.db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    const org = await insertOrg(
      tx,
      { id, parentId: null, path: pathLabel(id), kind: 'dang_uy', name: opts.rootName },
      null,
    );
    const [admin] = await tx
      .insert(users)
      .values({ username: 'admin', passwordHash, state: 'active', mustChangePassword: generated })
      .returning();
    await tx.insert(roleAssignments).values({ userId: admin!.id, role: 'admin', orgId: org.id });
    await appendAudit(
      tx,
      {
        actorUserId: null,
        action: 'instance.create',
        entity: 'org_unit',
        entityId: org.id,
        orgPath: org.path,
        after: { rootName: opts.rootName, admin: 'admin' },
      },
      now,
    );
    return org;
  });
  return { root, created: { adminPassword, generated } };
}

import { users } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTotpSecret } from '../../lib/totp.ts';
import {
  createUser,
  login,
  loginAdmin,
  type Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { createOrg, rows } from '../../test/fixtures.ts';

let t: TestApp;
let admin: Session;
let adminId: string;
let chiBoA: { id: string };
let ward: { id: string };
let wardChiBo: { id: string };

async function auditRows(action: string, entityId: string) {
  return rows<{ actor_user_id: string; before: unknown; after: unknown }>(
    t.database,
    sql`select actor_user_id, before, after from audit_log where action = ${action} and entity_id = ${entityId} order by seq`,
  );
}

/** A user with no role yet but a TOTP factor enrolled, so a committee role works as soon as it is given. */
async function userWithTotp(): Promise<TestUser> {
  const u = await createUser(t.database, {});
  const secret = newTotpSecret();
  await t.database.db
    .update(users)
    .set({ totpSecret: secret, totpEnabledAt: new Date() })
    .where(eq(users.id, u.id));
  return { ...u, totpSecret: secret };
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  const [a] = await rows<{ id: string }>(t.database, sql`select id from users where username = 'admin'`);
  adminId = a!.id;
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  ward = await createOrg(admin, t.root.id, 'Đảng bộ Trường THPT', 'dang_bo_co_so');
  wardChiBo = await createOrg(admin, ward.id, 'Chi bộ Giáo viên');
});
afterAll(() => t.close());

describe('admin assigns and revokes', () => {
  let u: TestUser;
  let session: Session;
  let assignmentId: string;

  it('assigns a role, which works at once and is audited', async () => {
    u = await userWithTotp();
    session = await login(t, u);
    expect((await session.get('/api/members')).status).toBe(403);

    const r = await admin.post('/api/roles', { userId: u.id, role: 'chi_uy', orgId: chiBoA.id });
    expect(r.status).toBe(201);
    expect(r.body.assignment).toMatchObject({
      role: 'chi_uy',
      orgId: chiBoA.id,
      orgName: 'Chi bộ thôn Nà Hẩu',
      userId: u.id,
      username: u.username,
    });
    assignmentId = r.body.assignment.id;
    const list = await admin.get('/api/roles');
    expect(list.body.items.some((i: { id: string }) => i.id === assignmentId)).toBe(true);

    const audit = await auditRows('role.assign', assignmentId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: adminId,
      after: { userId: u.id, role: 'chi_uy', orgId: chiBoA.id },
    });

    // the same session now holds the role
    expect((await session.get('/api/members')).status).toBe(200);
    expect((await session.get('/api/me')).body.roles).toEqual([
      { role: 'chi_uy', orgId: chiBoA.id, orgName: 'Chi bộ thôn Nà Hẩu' },
    ]);
  });

  it('refuses the same role twice with 409 and writes no audit row', async () => {
    const before = await rows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log`);
    const r = await admin.post('/api/roles', { userId: u.id, role: 'chi_uy', orgId: chiBoA.id });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('role_exists');
    const after = await rows<{ n: number }>(t.database, sql`select count(*)::int as n from audit_log`);
    expect(after[0]!.n).toBe(before[0]!.n);
    // another role on the same unit is no duplicate
    const other = await admin.post('/api/roles', { userId: u.id, role: 'member', orgId: chiBoA.id });
    expect(other.status).toBe(201);
  });

  it('revokes: the role stops working at once, is audited, and may be given again later', async () => {
    const r = await admin.request('DELETE', `/api/roles/${assignmentId}`);
    expect(r.status).toBe(204);
    const list = await session.get('/api/members');
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('forbidden');
    expect(
      (await admin.get('/api/roles')).body.items.some((i: { id: string }) => i.id === assignmentId),
    ).toBe(false);
    const audit = await auditRows('role.revoke', assignmentId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: adminId,
      before: { userId: u.id, role: 'chi_uy', orgId: chiBoA.id },
    });
    const [row] = await rows<{ revoked_at: unknown; revoked_by: string }>(
      t.database,
      sql`select revoked_at, revoked_by from role_assignments where id = ${assignmentId}`,
    );
    expect(row!.revoked_at).not.toBeNull();
    expect(row!.revoked_by).toBe(adminId);

    const again = await admin.request('DELETE', `/api/roles/${assignmentId}`);
    expect(again.status).toBe(404);
    const reassigned = await admin.post('/api/roles', { userId: u.id, role: 'chi_uy', orgId: chiBoA.id });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body.assignment.id).not.toBe(assignmentId);
    expect((await session.get('/api/members')).status).toBe(200);
  });

  it('refuses unknown users and units, and an admin revoking their own admin role', async () => {
    const unknownUser = await admin.post('/api/roles', {
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'chi_uy',
      orgId: chiBoA.id,
    });
    expect(unknownUser.status).toBe(422);
    expect(unknownUser.body.error.code).toBe('unknown_user');
    const unknownOrg = await admin.post('/api/roles', {
      userId: u.id,
      role: 'chi_uy',
      orgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownOrg.status).toBe(422);
    const badRole = await admin.post('/api/roles', { userId: u.id, role: 'bi_thu', orgId: chiBoA.id });
    expect(badRole.status).toBe(400);

    const own = (await admin.get('/api/roles')).body.items.find(
      (i: { userId: string; role: string }) => i.userId === adminId && i.role === 'admin',
    );
    const self = await admin.request('DELETE', `/api/roles/${own.id}`);
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('cannot_revoke_self_admin');
  });
});

describe('a cấp ủy assigns roles', () => {
  let capUy: Session;

  beforeAll(async () => {
    const u = await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: ward.id }] });
    capUy = await login(t, u);
  });

  it('may give chi_uy in their subtree', async () => {
    const u = await userWithTotp();
    const r = await capUy.post('/api/roles', { userId: u.id, role: 'chi_uy', orgId: wardChiBo.id });
    expect(r.status).toBe(201);
    const audit = await auditRows('role.assign', r.body.assignment.id);
    expect(audit).toHaveLength(1);
    const list = await capUy.get('/api/roles');
    expect(list.status).toBe(200);
    // their own view holds their subtree only: no admin on the root, nothing in chi bộ A
    const orgIds = new Set(list.body.items.map((i: { orgId: string }) => i.orgId));
    expect([...orgIds].every((id) => id === ward.id || id === wardChiBo.id)).toBe(true);
    expect(list.body.items.some((i: { id: string }) => i.id === r.body.assignment.id)).toBe(true);

    const revoke = await capUy.request('DELETE', `/api/roles/${r.body.assignment.id}`);
    expect(revoke.status).toBe(204);
    expect(await auditRows('role.revoke', r.body.assignment.id)).toHaveLength(1);
  });

  it('may not give admin (403), nor any role outside their subtree', async () => {
    const u = await userWithTotp();
    const before = await rows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from role_assignments`,
    );
    for (const body of [
      { userId: u.id, role: 'admin', orgId: wardChiBo.id },
      { userId: u.id, role: 'admin', orgId: ward.id },
      { userId: u.id, role: 'chi_uy', orgId: chiBoA.id },
      { userId: u.id, role: 'cap_uy', orgId: t.root.id },
    ]) {
      const r = await capUy.post('/api/roles', body);
      expect(r.status, JSON.stringify(body)).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const after = await rows<{ n: number }>(t.database, sql`select count(*)::int as n from role_assignments`);
    expect(after[0]!.n).toBe(before[0]!.n);

    const rootAdmin = (await admin.get('/api/roles')).body.items.find(
      (i: { role: string }) => i.role === 'admin',
    );
    const revokeAdmin = await capUy.request('DELETE', `/api/roles/${rootAdmin.id}`);
    expect(revokeAdmin.status).toBe(403);
  });

  it('a chi ủy may not see or give roles', async () => {
    const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: wardChiBo.id }] });
    const s = await login(t, u);
    expect((await s.get('/api/roles')).status).toBe(403);
    const other = await userWithTotp();
    const r = await s.post('/api/roles', { userId: other.id, role: 'member', orgId: wardChiBo.id });
    expect(r.status).toBe(403);
  });
});

import { users } from '@sotay/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../lib/totp.ts';
import {
  createUser,
  login,
  loginAdmin,
  Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { createOrg, rows } from '../../test/fixtures.ts';

let t: TestApp;
let chiBo: { id: string };
let subUnit: { id: string };
let chiBoInSub: { id: string };
let rootAdminId: string;

const tryLogin = (body: Record<string, unknown>, userAgent = 'vitest') =>
  new Session(t.app).request('POST', '/api/auth/login', body, { headers: { 'user-agent': userAgent } });

/** A fresh valid TOTP code (a later step than any used before). */
function freshCode(secret: string): string {
  t.clock.advance(30_000);
  return totpCode(secret, totpStep(t.clock.now.getTime()));
}

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Lũng Cú');
  subUnit = await createOrg(admin, t.root.id, 'Đảng bộ bộ phận khu Đông', 'dang_bo_bo_phan');
  chiBoInSub = await createOrg(admin, subUnit.id, 'Chi bộ tổ 3', 'chi_bo');
  const [root] = await t.database.db.select().from(users).where(eq(users.username, 'admin'));
  rootAdminId = root!.id;
});
afterAll(() => t.close());

describe('TOTP recovery codes', () => {
  let u: TestUser;
  let codes: string[];

  beforeAll(async () => {
    u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
  });

  it('gives 10 distinct single-use codes xxxx-xxxx', async () => {
    const s = await login(t, u);
    const r = await s.post('/api/auth/totp/recovery-codes');
    expect(r.status).toBe(200);
    codes = r.body.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
    const stored = await rows<{ code_hash: string }>(
      t.database,
      sql`select code_hash from one_time_codes where user_id = ${u.id} and purpose = 'totp_recovery'`,
    );
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace('-', ''));
  });

  it('a recovery code signs in instead of the TOTP, once', async () => {
    const first = await tryLogin({ username: u.username, password: u.password, totp: codes[0] });
    expect(first.status).toBe(200);
    const again = await tryLogin({ username: u.username, password: u.password, totp: codes[0] });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('totp_required');
    // typed in capitals and without the dash it is the same code
    const typed = await tryLogin({
      username: u.username,
      password: u.password,
      totp: codes[1]!.toUpperCase().replace('-', ''),
    });
    expect(typed.status).toBe(200);
    // a recovery code with a wrong password is still a wrong password
    const wrongPw = await tryLogin({ username: u.username, password: 'sai-mật-khẩu', totp: codes[2] });
    expect(wrongPw.status).toBe(401);
    expect(wrongPw.body.error.code).toBe('invalid_credentials');
    const used = await rows(
      t.database,
      sql`select 1 from audit_log where action = 'user.totp.recovery_used' and entity_id = ${u.id}`,
    );
    expect(used).toHaveLength(2);
  });

  it('new codes replace the old ones', async () => {
    const s = await login(t, u);
    const r = await s.post('/api/auth/totp/recovery-codes');
    expect(r.status).toBe(200);
    const fresh: string[] = r.body.codes;
    expect(fresh.filter((c) => codes.includes(c))).toEqual([]);
    const old = await tryLogin({ username: u.username, password: u.password, totp: codes[2] });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('totp_required');
    const ok = await tryLogin({ username: u.username, password: u.password, totp: fresh[0] });
    expect(ok.status).toBe(200);
  });

  it('an account without TOTP gets 422 totp_not_enabled', async () => {
    const plain = await createUser(t.database, {});
    const s = await login(t, plain);
    const r = await s.post('/api/auth/totp/recovery-codes');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('totp_not_enabled');
  });
});

describe('POST /api/users/:id/totp-reset', () => {
  it('an admin clears a chi ủy’s second factor: sessions end, next sign-in must enrol again', async () => {
    const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    const open = await login(t, u);
    const recovery = (await open.post('/api/auth/totp/recovery-codes')).body.codes as string[];
    const admin = await loginAdmin(t);

    const r = await admin.post(`/api/users/${u.id}/totp-reset`);
    expect(r.status).toBe(204);
    expect((await open.get('/api/me')).status).toBe(401);

    // no code is asked for any more, and the old recovery codes are gone
    const s = new Session(t.app);
    const back = await s.post('/api/auth/login', { username: u.username, password: u.password });
    expect(back.status).toBe(200);
    const gated = await s.get('/api/members');
    expect(gated.status).toBe(403);
    expect(gated.body.error.code).toBe('totp_enrollment_required');
    expect((await s.get('/api/me')).body.user.totpEnabled).toBe(false);
    const withOld = await tryLogin({ username: u.username, password: u.password, totp: recovery[0] });
    expect(withOld.status).toBe(200);
    expect(await rows(t.database, sql`select 1 from one_time_codes where user_id = ${u.id}`)).toEqual([]);

    const enroll = await s.post('/api/auth/totp/enroll');
    expect(enroll.status).toBe(200);
    const confirm = await s.post('/api/auth/totp/confirm', {
      code: totpCode(enroll.body.secret, totpStep(t.clock.now.getTime())),
    });
    expect(confirm.status).toBe(204);
    expect((await s.get('/api/members')).status).toBe(200);
    const needsCode = await tryLogin({ username: u.username, password: u.password });
    expect(needsCode.body.error.code).toBe('totp_required');

    const audit = await rows<{ actor_user_id: string }>(
      t.database,
      sql`select actor_user_id from audit_log where action = 'user.totp.reset' and entity_id = ${u.id}`,
    );
    expect(audit).toEqual([{ actor_user_id: rootAdminId }]);
  });

  it('a cấp ủy or chi ủy who is not admin gets 403', async () => {
    const target = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    for (const role of ['cap_uy', 'chi_uy'] as const) {
      const actor = await createUser(t.database, { roles: [{ role, orgId: t.root.id }] });
      const s = await login(t, actor);
      const r = await s.post(`/api/users/${target.id}/totp-reset`);
      expect(r.status, role).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const still = await tryLogin({ username: target.username, password: target.password });
    expect(still.body.error.code).toBe('totp_required');
  });

  it('an admin of a sub-unit cannot reach a root admin (404) but can reach their own subtree', async () => {
    const subAdmin = await createUser(t.database, { roles: [{ role: 'admin', orgId: subUnit.id }] });
    const s = await login(t, subAdmin);
    const root = await s.post(`/api/users/${rootAdminId}/totp-reset`);
    expect(root.status).toBe(404);
    expect(root.body.error.code).toBe('not_found');
    const outside = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    expect((await s.post(`/api/users/${outside.id}/totp-reset`)).status).toBe(404);
    expect((await s.post('/api/users/00000000-0000-4000-8000-000000000000/totp-reset')).status).toBe(404);
    const [rootAdmin] = await t.database.db.select().from(users).where(eq(users.id, rootAdminId));
    expect(rootAdmin!.totpSecret).not.toBeNull();

    const inside = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoInSub.id }] });
    expect((await s.post(`/api/users/${inside.id}/totp-reset`)).status).toBe(204);
  });
});

describe('GET /api/me/sessions', () => {
  it('lists the sessions, marks the current one, and ends another', async () => {
    const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    const phone = new Session(t.app);
    expect(
      (
        await phone.request(
          'POST',
          '/api/auth/login',
          { username: u.username, password: u.password, totp: freshCode(u.totpSecret!) },
          { headers: { 'user-agent': 'Điện thoại Android' } },
        )
      ).status,
    ).toBe(200);
    const laptop = new Session(t.app);
    expect(
      (
        await laptop.request(
          'POST',
          '/api/auth/login',
          { username: u.username, password: u.password, totp: freshCode(u.totpSecret!) },
          { headers: { 'user-agent': 'Máy tính xã' } },
        )
      ).status,
    ).toBe(200);

    const list = await laptop.get('/api/me/sessions');
    expect(list.status).toBe(200);
    const items = list.body.items as { id: string; userAgent: string; current: boolean }[];
    expect(items).toHaveLength(2);
    for (const i of items) expect(i.id).toMatch(/^[0-9a-f]{16}$/);
    expect(items.filter((i) => i.current).map((i) => i.userAgent)).toEqual(['Máy tính xã']);
    const other = items.find((i) => !i.current)!;
    expect(other.userAgent).toBe('Điện thoại Android');
    const fromPhone = (await phone.get('/api/me/sessions')).body.items as typeof items;
    expect(fromPhone.find((i) => i.current)!.id).toBe(other.id);

    // another user's list does not hold these
    const stranger = await login(t, await createUser(t.database, {}));
    const theirs = (await stranger.get('/api/me/sessions')).body.items as typeof items;
    expect(theirs).toHaveLength(1);
    expect((await stranger.request('DELETE', `/api/me/sessions/${other.id}`)).status).toBe(404);
    expect((await phone.get('/api/me')).status).toBe(200);

    expect((await laptop.request('DELETE', '/api/me/sessions/not-a-session')).status).toBe(400);
    expect((await laptop.request('DELETE', `/api/me/sessions/${'0'.repeat(16)}`)).status).toBe(404);
    const end = await laptop.request('DELETE', `/api/me/sessions/${other.id}`);
    expect(end.status).toBe(204);
    const ended = await phone.get('/api/me');
    expect(ended.status).toBe(401);
    expect(ended.body.error.code).toBe('unauthenticated');
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await laptop.get('/api/me/sessions')).body.items).toHaveLength(1);

    // ending the current session signs out
    const current = (await laptop.get('/api/me/sessions')).body.items[0].id;
    expect((await laptop.request('DELETE', `/api/me/sessions/${current}`)).status).toBe(204);
    expect((await laptop.get('/api/me')).status).toBe(401);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  login,
  loginAdmin,
  Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';

let t: TestApp;
let chiBoA: { id: string; name: string };
let chiBoB: { id: string; name: string };
let chiUyA: TestUser;
let chiUyB: TestUser;

const NEW_PASSWORD = 'Mây trắng bay qua đèo Ô Quy Hồ';
const RESET_PASSWORD = 'Ngựa thồ lên dốc Mã Pí Lèng';
const RESET_PASSWORD_2 = 'Bếp lửa hồng nhà sàn bên suối';

interface Slip {
  fullName: string;
  orgName: string;
  username: string;
  otherUsernames: string[];
  password: string;
  appUrl: string;
}

const tryLogin = (username: string, password: string) =>
  new Session(t.app).post('/api/auth/login', { username, password });
const resetPassword = (username: string, code: string, newPassword: string) =>
  new Session(t.app).post('/api/auth/reset-password', { username, code, newPassword });

async function audit(entityId: string, action: string) {
  return rows<{ actor_user_id: string | null; before: unknown; after: unknown; org_path: string | null }>(
    t.database,
    sql`select actor_user_id, before, after, org_path from audit_log where entity_id = ${entityId} and action = ${action} order by seq`,
  );
}

async function userIdOf(memberId: string): Promise<string> {
  const [u] = await rows<{ id: string }>(t.database, sql`select id from users where member_id = ${memberId}`);
  return u!.id;
}

async function addMember(fullName: string, extra: Record<string, unknown> = {}, orgId = chiBoA.id) {
  const n = numbers();
  // a fresh session each time: tests move the clock past a committee session's lifetime
  const m = await createMember(await loginAdmin(t), {
    orgId,
    fullName,
    birthDate: '1972-05-19',
    ...n,
    ...extra,
  });
  return { id: m.id, fullName, ...n, ...extra } as {
    id: string;
    fullName: string;
    partyCardNumber: string;
    cccd: string;
    phone?: string;
  };
}

/** A member with an account the chi ủy created and whose first password is already changed. */
async function memberWithAccount(fullName: string, phone: string) {
  const m = await addMember(fullName, { phone });
  const s = await login(t, chiUyA);
  const r = await s.post(`/api/members/${m.id}/account`);
  expect(r.status).toBe(201);
  const slip: Slip = r.body.slip;
  const member = new Session(t.app);
  expect(
    (await member.post('/api/auth/login', { username: slip.username, password: slip.password })).status,
  ).toBe(200);
  expect(
    (
      await member.post('/api/auth/change-password', {
        currentPassword: slip.password,
        newPassword: NEW_PASSWORD,
      })
    ).status,
  ).toBe(204);
  return { ...m, username: slip.username, userId: await userIdOf(m.id) };
}

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  chiBoB = await createOrg(admin, t.root.id, 'Chi bộ thôn Mồ Sỉ San');
  chiUyA = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoA.id }] });
  chiUyB = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoB.id }] });
});
afterAll(() => t.close());

describe('POST /api/members/:id/account', () => {
  it('creates an active account and prints a slip; first sign-in must change the password', async () => {
    const m = await addMember('Hoàng Văn Thụ', { phone: '0911 000 001' });
    const s = await login(t, chiUyA);
    expect((await s.get(`/api/members/${m.id}/account`)).body.state).toBe('none');
    const r = await s.post(`/api/members/${m.id}/account`);
    expect(r.status).toBe(201);
    const slip: Slip = r.body.slip;
    expect(slip).toEqual({
      fullName: 'Hoàng Văn Thụ',
      orgName: chiBoA.name,
      username: '0911000001',
      otherUsernames: [m.partyCardNumber],
      password: expect.any(String),
      appUrl: 'http://localhost:3000',
    });
    expect(slip.password.length).toBeGreaterThanOrEqual(8);

    const account = await s.get(`/api/members/${m.id}/account`);
    expect(account.body).toMatchObject({ state: 'active', username: '0911000001', mustChangePassword: true });

    const member = new Session(t.app);
    const first = await member.post('/api/auth/login', { username: slip.username, password: slip.password });
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    // the số thẻ on the slip works as well
    expect((await tryLogin(m.partyCardNumber, slip.password)).status).toBe(200);

    for (const url of [`/api/members/${m.id}`, '/api/me/corrections']) {
      const blocked = await member.get(url);
      expect(blocked.status, url).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
    }
    const blockedDevice = await member.request('PATCH', '/api/me/device', { hasSmartphone: true });
    expect(blockedDevice.body.error.code).toBe('password_change_required');

    const weak = await member.post('/api/auth/change-password', {
      currentPassword: slip.password,
      newPassword: 'matkhau123',
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('weak_password');
    const changed = await member.post('/api/auth/change-password', {
      currentPassword: slip.password,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);

    const own = await member.get(`/api/members/${m.id}`);
    expect(own.status).toBe(200);
    expect(own.body.member.fullName).toBe('Hoàng Văn Thụ');
    const me = await member.get('/api/me');
    expect(me.body.user.mustChangePassword).toBe(false);
    expect(me.body.roles).toEqual([{ role: 'member', orgId: chiBoA.id, orgName: chiBoA.name }]);
    expect((await tryLogin(slip.username, slip.password)).status).toBe(401);

    const userId = await userIdOf(m.id);
    expect(await audit(userId, 'account.create')).toEqual([
      expect.objectContaining({ actor_user_id: chiUyA.id, after: { memberId: m.id } }),
    ]);

    const again = await s.post(`/api/members/${m.id}/account`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account_exists');
    expect((await tryLogin('0911000001', NEW_PASSWORD)).status).toBe(200);
  });

  it('a member without a phone gets the số thẻ as username', async () => {
    const m = await addMember('Lò Văn Chiến');
    const s = await login(t, chiUyA);
    const r = await s.post(`/api/members/${m.id}/account`);
    expect(r.status).toBe(201);
    expect(r.body.slip.username).toBe(m.partyCardNumber);
    expect(r.body.slip.otherUsernames).toEqual([]);
    const first = await tryLogin(m.partyCardNumber, r.body.slip.password);
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
  });
  it('creating the account of a member who registered closes the waiting registration', async () => {
    const m = await addMember('Sầm Văn Đợi', { birthDate: '1966-02-03' });
    const reg = await new Session(t.app).post('/api/registrations', {
      partyCardNumber: m.partyCardNumber,
      birthDate: '1966-02-03',
      phone: '0911 000 011',
      password: NEW_PASSWORD,
    });
    expect(reg.status).toBe(202);
    const s = await login(t, chiUyA);
    const pending = (await s.get('/api/registrations')).body.items.find(
      (i: { memberId: string }) => i.memberId === m.id,
    );
    expect(pending).toBeDefined();

    const r = await s.post(`/api/members/${m.id}/account`);
    expect(r.status).toBe(201);
    expect(r.body.slip.username).toBe(m.partyCardNumber);
    const after = (await s.get('/api/registrations')).body.items.map((i: { memberId: string }) => i.memberId);
    expect(after).not.toContain(m.id);
    // the stale registration can no longer be decided (a rejection would shut the new account out)
    const reject = await s.post(`/api/registrations/${pending.id}/reject`, { reason: 'Đã tạo tài khoản' });
    expect(reject.status).toBe(409);
    expect((await tryLogin(m.partyCardNumber, NEW_PASSWORD)).status).toBe(401);
    const first = await tryLogin(m.partyCardNumber, r.body.slip.password);
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
  });
});

describe('reset codes', () => {
  it('issues an 8-digit code valid 24 h that sets a new password once and ends every session', async () => {
    const m = await memberWithAccount('Đinh Thị Hồng', '0911 000 002');
    const phoneSession = await login(t, { username: '0911000002', password: NEW_PASSWORD, totpSecret: null });
    const cardSession = await login(t, {
      username: m.partyCardNumber,
      password: NEW_PASSWORD,
      totpSecret: null,
    });

    const s = await login(t, chiUyA);
    const issued = await s.post(`/api/members/${m.id}/reset-code`);
    expect(issued.status).toBe(201);
    expect(issued.body.username).toBe('0911000002');
    const code: string = issued.body.code;
    expect(code).toMatch(/^\d{8}$/);
    const ttl = new Date(issued.body.expiresAt).getTime() - t.clock.now.getTime();
    expect(Math.abs(ttl - 24 * 3600_000)).toBeLessThan(2000);
    const codeAudit = await audit(m.userId, 'account.reset_code');
    expect(codeAudit).toHaveLength(1);
    expect(codeAudit[0]!.actor_user_id).toBe(chiUyA.id);
    // the code itself is not written anywhere readable
    expect(JSON.stringify(codeAudit)).not.toContain(code);

    const wrongCode = code.replace(/.$/, (c) => String((Number(c) + 1) % 10));
    const wrong = await resetPassword('0911000002', wrongCode, RESET_PASSWORD);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('invalid_reset_code');
    const unknownUser = await resetPassword('0911999999', code, RESET_PASSWORD);
    expect(unknownUser.body).toEqual(wrong.body);

    const weak = await resetPassword('0911000002', code, 'matkhau123');
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('weak_password');
    const personal = await resetPassword('0911000002', code, 'Hồng-0911000002');
    expect(personal.status).toBe(422);
    expect(personal.body.error.code).toBe('weak_password');

    const ok = await resetPassword('0911 000 002', code, RESET_PASSWORD);
    expect(ok.status).toBe(204);
    for (const session of [phoneSession, cardSession])
      expect((await session.get('/api/me')).status).toBe(401);
    expect((await tryLogin('0911000002', NEW_PASSWORD)).status).toBe(401);
    const fresh = await tryLogin(m.partyCardNumber, RESET_PASSWORD);
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.mustChangePassword).toBe(false);

    const reused = await resetPassword('0911000002', code, RESET_PASSWORD_2);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('invalid_reset_code');
    expect((await tryLogin('0911000002', RESET_PASSWORD)).status).toBe(200);
    expect(await audit(m.userId, 'user.password.reset')).toHaveLength(1);
  });

  it('a code older than 24 hours is refused; a younger one works', async () => {
    const m = await memberWithAccount('Bùi Văn Hạnh', '0911 000 003');
    const old = await (await login(t, chiUyA)).post(`/api/members/${m.id}/reset-code`);
    expect(old.status).toBe(201);
    t.clock.advance(24 * 3600_000 + 1000);
    const expired = await resetPassword('0911000003', old.body.code, RESET_PASSWORD);
    expect(expired.status).toBe(422);
    expect(expired.body.error.code).toBe('invalid_reset_code');
    expect((await tryLogin('0911000003', NEW_PASSWORD)).status).toBe(200);

    const young = await (await login(t, chiUyA)).post(`/api/members/${m.id}/reset-code`);
    t.clock.advance(23 * 3600_000);
    expect((await resetPassword('0911000003', young.body.code, RESET_PASSWORD)).status).toBe(204);
    expect((await tryLogin('0911000003', RESET_PASSWORD)).status).toBe(200);
  });

  it('issuing a new code invalidates the previous one', async () => {
    const m = await memberWithAccount('Vi Thị Sáu', '0911 000 004');
    const s = await login(t, chiUyA);
    const first = (await s.post(`/api/members/${m.id}/reset-code`)).body.code as string;
    const second = (await s.post(`/api/members/${m.id}/reset-code`)).body.code as string;
    if (first !== second) {
      const stale = await resetPassword('0911000004', first, RESET_PASSWORD);
      expect(stale.status).toBe(422);
      expect(stale.body.error.code).toBe('invalid_reset_code');
    }
    expect((await resetPassword('0911000004', second, RESET_PASSWORD)).status).toBe(204);
    expect(await audit(m.userId, 'account.reset_code')).toHaveLength(2);
  });

  it('needs an account: a member without one gets 422 no_account', async () => {
    const m = await addMember('Hà Văn Không');
    const r = await (await login(t, chiUyA)).post(`/api/members/${m.id}/reset-code`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('no_account');
  });
});

describe('lock and unlock', () => {
  it('a locked account cannot sign in and loses its sessions; unlocking lets it in again', async () => {
    const m = await memberWithAccount('Nông Văn Dền', '0911 000 005');
    const open = await login(t, { username: '0911000005', password: NEW_PASSWORD, totpSecret: null });
    const s = await login(t, chiUyA);

    const locked = await s.post(`/api/members/${m.id}/lock`);
    expect(locked.status).toBe(200);
    expect(locked.body).toEqual({ state: 'locked' });
    expect((await s.get(`/api/members/${m.id}/account`)).body.state).toBe('locked');
    expect((await open.get('/api/me')).status).toBe(401);
    const wrong = await tryLogin('0911000005', 'Sai mật khẩu rồi nhé');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const right = await tryLogin('0911000005', NEW_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('account_locked');
    expect(right.headers['set-cookie']).toBeUndefined();
    // creating the account again neither unlocks it nor replaces its password
    const recreate = await s.post(`/api/members/${m.id}/account`);
    expect(recreate.status).toBe(409);
    expect(recreate.body.error.code).toBe('account_exists');
    expect((await tryLogin('0911000005', NEW_PASSWORD)).body.error.code).toBe('account_locked');

    const unlocked = await s.post(`/api/members/${m.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ state: 'active' });
    expect((await tryLogin('0911000005', NEW_PASSWORD)).status).toBe(200);
    // the session that was open when the account was locked stays ended
    expect((await open.get('/api/me')).status).toBe(401);

    expect(await audit(m.userId, 'account.lock')).toEqual([
      expect.objectContaining({ actor_user_id: chiUyA.id }),
    ]);
    expect(await audit(m.userId, 'account.unlock')).toHaveLength(1);
  });

  it('unlocking also lifts the failed-login throttle', async () => {
    const m = await memberWithAccount('Ma Thị Lụa', '0911 000 006');
    for (let i = 0; i < 10; i++) {
      const r = await tryLogin('0911000006', `Sai lần thứ ${i}`);
      expect(r.status).toBe(401);
    }
    const throttled = await tryLogin('0911000006', NEW_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('too_many_attempts');

    const s = await login(t, chiUyA);
    expect((await s.post(`/api/members/${m.id}/unlock`)).status).toBe(200);
    expect((await tryLogin('0911000006', NEW_PASSWORD)).status).toBe(200);
  });
});

describe('VNeID level and smartphone', () => {
  it('the chi ủy records them; the record and the list filters show them', async () => {
    const m = await addMember('Hầu A Lử', { phone: '0911 000 007' });
    const other = await addMember('Hầu Thị Dợ');
    const s = await login(t, chiUyA);
    expect((await s.request('PATCH', `/api/members/${m.id}/device`, {})).status).toBe(400);
    expect((await s.request('PATCH', `/api/members/${m.id}/device`, { vneidLevel: 3 })).status).toBe(400);

    const r = await s.request('PATCH', `/api/members/${m.id}/device`, { vneidLevel: 2, hasSmartphone: true });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      vneidLevel: 2,
      hasSmartphone: true,
      setAt: t.clock.now.toISOString(),
      setBySelf: false,
    });
    const shown = (await s.get(`/api/members/${m.id}`)).body.member;
    expect(shown).toMatchObject({ vneidLevel: 2, hasSmartphone: true, deviceSetAt: r.body.setAt });
    // who set them: an account without a member record is named by its username
    expect((await s.get(`/api/members/${m.id}/device`)).body).toEqual({
      vneidLevel: 2,
      hasSmartphone: true,
      setAt: r.body.setAt,
      setBySelf: false,
      setByName: chiUyA.username,
    });
    expect((await s.get(`/api/members/${other.id}/device`)).body).toEqual({
      vneidLevel: 0,
      hasSmartphone: null,
      setAt: null,
      setBySelf: null,
      setByName: null,
    });
    const untouched = (await s.get(`/api/members/${other.id}`)).body.member;
    expect(untouched).toMatchObject({ vneidLevel: 0, hasSmartphone: null, deviceSetAt: null });

    const ids = async (query: string) =>
      (await s.get(`/api/members?orgId=${chiBoA.id}&pageSize=200&${query}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
    const found = await ids('vneidLevel=2&hasSmartphone=true');
    expect(found).toContain(m.id);
    expect(found).not.toContain(other.id);
    expect(await ids('vneidLevel=2&hasSmartphone=false')).not.toContain(m.id);
    expect(await ids('vneidLevel=0')).not.toContain(m.id);
    expect(await ids('vneidLevel=0')).toContain(other.id);

    expect(await audit(m.id, 'member.device')).toEqual([
      expect.objectContaining({
        actor_user_id: chiUyA.id,
        before: { vneidLevel: 0, hasSmartphone: null },
        after: { vneidLevel: 2, hasSmartphone: true },
      }),
    ]);
  });

  it('the member declares their own through /api/me/device', async () => {
    const m = await memberWithAccount('Giàng A Sử', '0911 000 008');
    const member = await login(t, { username: '0911000008', password: NEW_PASSWORD, totpSecret: null });
    const r = await member.request('PATCH', '/api/me/device', { hasSmartphone: true });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      vneidLevel: 0,
      hasSmartphone: true,
      setAt: t.clock.now.toISOString(),
      setBySelf: true,
    });
    t.clock.advance(60_000);
    const level = await member.request('PATCH', '/api/me/device', { vneidLevel: 2 });
    expect(level.body).toMatchObject({ vneidLevel: 2, hasSmartphone: true, setBySelf: true });

    const s = await login(t, chiUyA);
    expect((await s.get(`/api/members/${m.id}`)).body.member).toMatchObject({
      vneidLevel: 2,
      hasSmartphone: true,
      deviceSetAt: level.body.setAt,
    });
    expect((await s.get(`/api/members/${m.id}/device`)).body).toEqual({
      vneidLevel: 2,
      hasSmartphone: true,
      setAt: level.body.setAt,
      setBySelf: true,
      setByName: 'Giàng A Sử',
    });
    const self = await audit(m.id, 'member.device');
    expect(self).toHaveLength(2);
    expect(self.every((a) => a.actor_user_id === m.userId)).toBe(true);

    // a member may not set someone else's
    const other = await addMember('Giàng Thị Mỷ');
    expect((await member.request('PATCH', `/api/members/${other.id}/device`, { vneidLevel: 2 })).status).toBe(
      403,
    );
  });
});

describe('scope', () => {
  it('a chi ủy of another chi bộ gets 404 on every account route, and nothing changes', async () => {
    const m = await memberWithAccount('Lục Văn Ngoan', '0911 000 009');
    const fresh = await addMember('Lục Thị Ngân');
    const b = await login(t, chiUyB);
    const attempts: [string, string, unknown][] = [
      ['GET', `/api/members/${m.id}/account`, undefined],
      ['POST', `/api/members/${fresh.id}/account`, {}],
      ['POST', `/api/members/${m.id}/reset-code`, {}],
      ['POST', `/api/members/${m.id}/lock`, {}],
      ['POST', `/api/members/${m.id}/unlock`, {}],
      ['PATCH', `/api/members/${m.id}/device`, { vneidLevel: 2, hasSmartphone: true }],
      ['GET', `/api/members/${m.id}/device`, undefined],
    ];
    for (const [method, url, body] of attempts) {
      const r = await b.request(method as 'GET', url, body);
      expect(r.status, `${method} ${url}`).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const a = await login(t, chiUyA);
    expect((await a.get(`/api/members/${fresh.id}/account`)).body.state).toBe('none');
    expect((await a.get(`/api/members/${m.id}/account`)).body.state).toBe('active');
    expect((await a.get(`/api/members/${m.id}`)).body.member.deviceSetAt).toBeNull();
    expect((await tryLogin('0911000009', NEW_PASSWORD)).status).toBe(200);
    const written = await rows(
      t.database,
      sql`select 1 from audit_log where actor_user_id = ${chiUyB.id} and entity_id in (${m.id}, ${m.userId}, ${fresh.id})`,
    );
    expect(written).toEqual([]);
  });

  it('a plain member gets 403 and no session gets 401', async () => {
    const m = await memberWithAccount('Chu Văn Tấn', '0911 000 010');
    const member = await login(t, { username: '0911000010', password: NEW_PASSWORD, totpSecret: null });
    const anon = new Session(t.app);
    for (const [s, status] of [
      [member, 403],
      [anon, 401],
    ] as const) {
      expect((await s.get(`/api/members/${m.id}/account`)).status).toBe(status);
      expect((await s.post(`/api/members/${m.id}/reset-code`)).status).toBe(status);
      expect((await s.post(`/api/members/${m.id}/lock`)).status).toBe(status);
      expect((await s.get(`/api/members/${m.id}/device`)).status).toBe(status);
    }
  });
});

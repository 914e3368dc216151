import { users } from '@sotay/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../lib/totp.ts';
import {
  ADMIN_PASSWORD,
  createUser,
  login,
  loginAdmin,
  Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { createMember, createOrg } from '../../test/fixtures.ts';

let t: TestApp;
/** Set up by the member sign-in tests (the first tests need the admin without TOTP). */
let chiBo: { id: string };
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const tryLogin = (body: Record<string, unknown>) => new Session(t.app).post('/api/auth/login', body);

describe('login', () => {
  it('answers 401 invalid_credentials in Vietnamese for a wrong password', async () => {
    const r = await new Session(t.app).post('/api/auth/login', {
      username: 'admin',
      password: 'sai-mat-khau',
    });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_credentials');
    expect(r.body.error.message).toMatch(/mật khẩu/);
  });

  it('sets an httpOnly session cookie and returns a CSRF token', async () => {
    const s = new Session(t.app);
    const r = await s.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    // admin holds a committee role without TOTP yet: login works, every committee route is gated
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']?.toString()).toMatch(/HttpOnly/i);
    expect(typeof r.body.csrfToken).toBe('string');
    const members = await s.get('/api/members');
    expect(members.status).toBe(403);
    expect(members.body.error.code).toBe('totp_enrollment_required');
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const s = await loginAdmin(t);
    const csrf = s.csrf;
    s.csrf = null;
    const r = await s.post('/api/orgs', { parentId: t.root.id, name: 'Chi bộ thôn Mới', kind: 'chi_bo' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('csrf_invalid');
    s.csrf = csrf;
    const ok = await s.post('/api/orgs', { parentId: t.root.id, name: 'Chi bộ thôn Mới', kind: 'chi_bo' });
    expect(ok.status).toBe(201);
  });
});

/** A six-digit code that is not valid for this secret around `now`. */
function wrongCode(secret: string, now: number): string {
  const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, totpStep(now) + d)));
  for (let n = 123456; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

describe('signing in with a member’s phone, số thẻ or CCCD', () => {
  let memberUser: TestUser;
  let memberId: string;

  beforeAll(async () => {
    const admin = await loginAdmin(t);
    chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
    const m = await createMember(admin, {
      orgId: chiBo.id,
      fullName: 'Giàng A Páo',
      phone: '0912 345 678',
      partyCardNumber: '123456789',
      cccd: '011062000123',
    });
    memberId = m.id;
    memberUser = await createUser(t.database, {
      memberId: m.id,
      roles: [{ role: 'member', orgId: chiBo.id }],
    });
  });

  it('accepts each identifier, in the forms people type them', async () => {
    for (const username of [
      '0912345678',
      '0912 345 678',
      '+84 912 345 678',
      '123456789',
      '011062000123',
      '011.062.000.123',
    ]) {
      const s = new Session(t.app);
      const r = await s.post('/api/auth/login', { username, password: memberUser.password });
      expect(r.status, username).toBe(200);
      expect(r.body.user).toEqual({
        id: memberUser.id,
        username: memberUser.username,
        mustChangePassword: false,
      });
      const me = await s.get('/api/me');
      expect(me.body.member.id).toBe(memberId);
      expect(me.body.roles).toEqual([{ role: 'member', orgId: chiBo.id, orgName: 'Chi bộ thôn Nà Hẩu' }]);
    }
    const wrong = await tryLogin({ username: '0912345678', password: 'sai-mật-khẩu' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('a phone two members share signs in neither', async () => {
    const admin = await loginAdmin(t);
    const a = await createMember(admin, {
      orgId: chiBo.id,
      fullName: 'Lý Thị Hai',
      phone: '0987 654 321',
      partyCardNumber: '223456781',
    });
    const b = await createMember(admin, {
      orgId: chiBo.id,
      fullName: 'Lý Văn Hai',
      phone: '0987654321',
      partyCardNumber: '223456782',
    });
    const ua = await createUser(t.database, { memberId: a.id });
    const ub = await createUser(t.database, { memberId: b.id });
    for (const u of [ua, ub]) {
      const r = await tryLogin({ username: '0987654321', password: u.password });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid_credentials');
    }
    expect((await tryLogin({ username: '223456781', password: ua.password })).status).toBe(200);
    expect((await tryLogin({ username: '223456782', password: ub.password })).status).toBe(200);
  });
});

describe('login throttling', () => {
  it('answers the 11th failure for one username with 429 and Retry-After, and lets in after the window', async () => {
    const u = await createUser(t.database, { username: 'nguoi.bi.chan', password: 'Mật-khẩu-đúng-2026' });
    for (let i = 0; i < 10; i++) {
      const r = await tryLogin({ username: u.username, password: `sai-${i}` });
      expect(r.status).toBe(401);
    }
    for (const username of [u.username, 'NGUOI.BI.CHAN']) {
      const r = await tryLogin({ username, password: u.password });
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('too_many_attempts');
      expect(r.body.error.message).toMatch(/thử lại/);
      const retry = Number(r.headers['retry-after']);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);
    }
    // another account is not affected
    const other = await createUser(t.database, {});
    expect((await tryLogin({ username: other.username, password: other.password })).status).toBe(200);

    t.clock.advance(16 * 60_000);
    const ok = await tryLogin({ username: u.username, password: u.password });
    expect(ok.status).toBe(200);
  });

  it('answers the same for a username that does not exist, or an account that is locked', async () => {
    const locked = await createUser(t.database, {});
    await t.database.db.update(users).set({ state: 'locked' }).where(eq(users.id, locked.id));
    for (const username of ['khong.co.tai.khoan.nay', locked.username]) {
      for (let i = 0; i < 10; i++) {
        const r = await tryLogin({ username, password: `sai-${i}` });
        expect(r.status, username).toBe(401);
        expect(r.body.error.code).toBe('invalid_credentials');
      }
      const r = await tryLogin({ username, password: 'sai-lần-nữa' });
      expect(r.status, username).toBe(429);
      expect(r.body.error.code).toBe('too_many_attempts');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    t.clock.advance(16 * 60_000);
    expect((await tryLogin({ username: 'khong.co.tai.khoan.nay', password: 'x' })).status).toBe(401);
  });
});

describe('account states', () => {
  it('pending and disabled accounts get 403 only with the right password', async () => {
    for (const [state, code] of [
      ['pending', 'account_pending'],
      ['disabled', 'account_disabled'],
    ] as const) {
      const u = await createUser(t.database, {});
      await t.database.db.update(users).set({ state }).where(eq(users.id, u.id));
      const wrong = await tryLogin({ username: u.username, password: 'sai-mật-khẩu' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_credentials');
      const right = await tryLogin({ username: u.username, password: u.password });
      expect(right.status).toBe(403);
      expect(right.body.error.code).toBe(code);
      expect(right.headers['set-cookie']).toBeUndefined();
    }
  });

  it('a disabled account loses its open session', async () => {
    const u = await createUser(t.database, {});
    const s = await login(t, u);
    expect((await s.get('/api/me')).status).toBe(200);
    await t.database.db.update(users).set({ state: 'disabled' }).where(eq(users.id, u.id));
    expect((await s.get('/api/me')).status).toBe(401);
  });
});

describe('a password that must be changed', () => {
  it('blocks every route but /api/me and change-password, which clears the flag', async () => {
    const admin = await loginAdmin(t);
    const m = await createMember(admin, {
      orgId: chiBo.id,
      fullName: 'Sùng Thị Mới',
      partyCardNumber: '323456789',
    });
    const u = await createUser(t.database, {
      username: 'sung.thi.moi',
      memberId: m.id,
      password: 'Tạm-thời-2026',
      mustChangePassword: true,
    });
    const other = await login(t, u);
    const s = new Session(t.app);
    const r = await s.post('/api/auth/login', { username: u.username, password: u.password });
    expect(r.status).toBe(200);
    expect(r.body.user.mustChangePassword).toBe(true);

    for (const url of [
      `/api/members/${m.id}`,
      `/api/members/${m.id}/history`,
      '/api/members',
      '/api/orgs/tree',
    ]) {
      const blocked = await s.get(url);
      expect(blocked.status, url).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
    }
    const me = await s.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);

    const cp = (currentPassword: string, newPassword: string) =>
      s.post('/api/auth/change-password', { currentPassword, newPassword });
    const short = await cp(u.password, 'ngắn');
    expect(short.status).toBe(422);
    expect(short.body.error.code).toBe('weak_password');
    expect((await cp('sai-mật-khẩu', 'Mật-khẩu-mới-dài-2026')).body.error.code).toBe('invalid_credentials');
    expect((await cp(u.password, 'abc-sung.thi.moi-xyz')).status).toBe(422);
    expect((await cp(u.password, u.password)).status).toBe(422);
    expect((await s.get(`/api/members/${m.id}`)).status).toBe(403);

    expect((await cp(u.password, 'Mật-khẩu-mới-dài-2026')).status).toBe(204);
    expect((await s.get('/api/me')).body.user.mustChangePassword).toBe(false);
    expect((await s.get(`/api/members/${m.id}`)).status).toBe(200);
    // the other sessions of the account end with the change
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await tryLogin({ username: u.username, password: u.password })).status).toBe(401);
    const again = await tryLogin({ username: u.username, password: 'Mật-khẩu-mới-dài-2026' });
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(false);
  });
});

describe('TOTP second factor', () => {
  it('enrolls, confirms, then requires a fresh code at every login', async () => {
    const u = await createUser(t.database, {});
    const s = await login(t, u);
    const enroll = await s.post('/api/auth/totp/enroll');
    expect(enroll.status).toBe(200);
    const secret: string = enroll.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(enroll.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain(u.username);

    const wrong = await s.post('/api/auth/totp/confirm', { code: wrongCode(secret, t.clock.now.getTime()) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('totp_invalid');
    expect((await s.post('/api/auth/totp/confirm', { code: '12ab56' })).status).toBe(400);
    expect((await s.get('/api/me')).body.user.totpEnabled).toBe(false);

    const code = totpCode(secret, totpStep(t.clock.now.getTime()));
    const ok = await s.post('/api/auth/totp/confirm', { code });
    expect(ok.status).toBe(204);
    expect((await s.get('/api/me')).body.user.totpEnabled).toBe(true);
    expect((await s.post('/api/auth/totp/enroll')).status).toBe(409);
    expect((await s.post('/api/auth/logout')).status).toBe(204);

    const without = await tryLogin({ username: u.username, password: u.password });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('totp_required');
    const replayed = await tryLogin({ username: u.username, password: u.password, totp: code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('totp_required');
    const bad = await tryLogin({
      username: u.username,
      password: u.password,
      totp: wrongCode(secret, t.clock.now.getTime()),
    });
    expect(bad.status).toBe(401);

    t.clock.advance(30_000);
    const fresh = totpCode(secret, totpStep(t.clock.now.getTime()));
    const good = await tryLogin({ username: u.username, password: u.password, totp: fresh });
    expect(good.status).toBe(200);
    const reused = await tryLogin({ username: u.username, password: u.password, totp: fresh });
    expect(reused.status).toBe(401);
    // a right code with a wrong password is still a wrong password
    t.clock.advance(30_000);
    const wrongPw = await tryLogin({
      username: u.username,
      password: 'sai',
      totp: totpCode(secret, totpStep(t.clock.now.getTime())),
    });
    expect(wrongPw.status).toBe(401);
    expect(wrongPw.body.error.code).toBe('invalid_credentials');
  });

  it('a committee role without TOTP may only enroll', async () => {
    const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] });
    await t.database.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null })
      .where(eq(users.id, u.id));
    const s = await login(t, { ...u, totpSecret: null });
    const blocked = await s.get('/api/members');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('totp_enrollment_required');
    const enroll = await s.post('/api/auth/totp/enroll');
    expect(enroll.status).toBe(200);
    const confirm = await s.post('/api/auth/totp/confirm', {
      code: totpCode(enroll.body.secret, totpStep(t.clock.now.getTime())),
    });
    expect(confirm.status).toBe(204);
    expect((await s.get('/api/members')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('a committee session ends after 8 hours idle; a member’s does not', async () => {
    const committee = await login(
      t,
      await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] }),
    );
    const member = await login(t, await createUser(t.database, {}));
    t.clock.advance(7 * 3600_000 + 59 * 60_000);
    expect((await committee.get('/api/me')).status).toBe(200);
    expect((await member.get('/api/me')).status).toBe(200);
    // activity moved the idle deadline: another 7 h 59 min is still fine
    t.clock.advance(7 * 3600_000 + 59 * 60_000);
    expect((await committee.get('/api/members')).status).toBe(200);
    t.clock.advance(8 * 3600_000 + 60_000);
    const expired = await committee.get('/api/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
    expect((await member.get('/api/me')).status).toBe(200);
  });

  it('logout answers 204 and the cookie stops working', async () => {
    const s = await login(t, await createUser(t.database, {}));
    const cookie = s.cookie;
    const csrf = s.csrf;
    s.csrf = null;
    const noCsrf = await s.post('/api/auth/logout');
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_invalid');
    s.csrf = csrf;
    const out = await s.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.raw.body).toBe('');
    const replay = new Session(t.app);
    replay.cookie = cookie;
    const me = await replay.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });
});

describe('bad requests get the error shape', () => {
  const isErrorShape = (body: unknown) =>
    expect(body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(/\S/) } });

  it('malformed JSON is 400', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password": ',
    });
    expect(r.statusCode).toBe(400);
    isErrorShape(r.json());
    expect(r.json().error.code).toBe('invalid_json');
    expect(r.body).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('wrong field types or missing fields are 400', async () => {
    for (const body of [
      { username: 123, password: 'x' },
      { username: 'admin', password: ['x'] },
      { username: 'admin' },
      {},
    ]) {
      const r = await tryLogin(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      isErrorShape(r.body);
      expect(r.body.error.code).toBe('invalid_request');
    }
  });

  it('a 2 MB JSON body is 413', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(r.statusCode).toBe(413);
    isErrorShape(r.json());
    expect(r.json().error.code).toBe('payload_too_large');
  });

  it('an unknown /api route is 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/khong-co-duong-nay'],
      ['POST', '/api/members/khong/co'],
      ['DELETE', '/api/auth/login'],
    ] as const) {
      const r = await t.app.inject({ method, url });
      expect(r.statusCode, url).toBe(404);
      isErrorShape(r.json());
      expect(r.json().error.code).toBe('not_found');
    }
  });
});

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
import { countRows, createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';

let t: TestApp;
let admin: Session;
let chiBoA: { id: string; name: string };
let chiBoB: { id: string; name: string };
let chiUyA: TestUser;
let chiUyB: TestUser;
let plainMember: TestUser;

interface Person {
  id: string;
  fullName: string;
  partyCardNumber: string;
  cccd: string;
  birthDate: string;
}
const p: Record<string, Person> = {};

const STRONG = 'Suối Nậm Mu chảy qua bản';
const STRONG_2 = 'Đồi chè xanh mướt buổi sớm';

let ipSerial = 0;
/** Each call from its own address unless told, so the per-address limit only bites where tested. */
function register(body: Record<string, unknown>, ip?: string) {
  ipSerial += 1;
  return new Session(t.app).request('POST', '/api/registrations', body, {
    remoteAddress: ip ?? `10.20.${Math.floor(ipSerial / 250)}.${(ipSerial % 250) + 1}`,
  });
}
const tryLogin = (username: string, password: string) =>
  new Session(t.app).post('/api/auth/login', { username, password });

async function pendingOf(s: Session, memberId: string) {
  const r = await s.get('/api/registrations?status=pending');
  expect(r.status).toBe(200);
  return r.body.items.find((i: { memberId: string }) => i.memberId === memberId) as
    | { id: string; memberId: string; fullName: string; phone: string; status: string }
    | undefined;
}

async function auditOf(entityId: string, action: string) {
  return rows<{ actor_user_id: string | null; before: unknown; after: unknown; org_path: string }>(
    t.database,
    sql`select actor_user_id, before, after, org_path from audit_log where entity_id = ${entityId} and action = ${action} order by seq`,
  );
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ bản Sín Chải');
  chiBoB = await createOrg(admin, t.root.id, 'Chi bộ bản Lao Chải');
  const add = async (key: string, orgId: string, fullName: string, birthDate: string, extra = {}) => {
    const n = numbers();
    const m = await createMember(admin, { orgId, fullName, birthDate, ...n, ...extra });
    p[key] = { id: m.id, fullName, birthDate, ...n };
  };
  await add('pao', chiBoA.id, 'Giàng A Páo', '1975-03-12', { phone: '0912 111 222' });
  await add('mai', chiBoA.id, 'Lò Thị Mai', '1980-11-05');
  await add('lan', chiBoA.id, 'Vàng Thị Lan', '1969-04-07');
  await add('di', chiBoA.id, 'Sùng A Đi', '1971-01-20', { status: 'chuyen_di' });
  await add('tu', chiBoA.id, 'Thào A Tú', '1985-06-15');
  await add('seo', chiBoB.id, 'Lý Seo Chứ', '1990-09-09');
  chiUyA = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoA.id }] });
  chiUyB = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoB.id }] });
  plainMember = await createUser(t.database, { roles: [{ role: 'member', orgId: chiBoA.id }] });
});
afterAll(() => t.close());

describe('POST /api/registrations', () => {
  it('accepts a member found by số thẻ, and one found by CCCD, as pending', async () => {
    const byCard = await register({
      partyCardNumber: p.pao!.partyCardNumber,
      birthDate: p.pao!.birthDate,
      phone: '0987 654 321',
      password: STRONG,
    });
    expect(byCard.status).toBe(202);
    expect(byCard.body).toEqual({ status: 'pending' });

    const byCccd = await register({
      cccd: p.mai!.cccd,
      birthDate: p.mai!.birthDate,
      phone: '+84 976 000 111',
      password: STRONG,
    });
    expect(byCccd.status).toBe(202);
    expect(byCccd.body).toEqual({ status: 'pending' });

    const created = await rows<{ member_id: string; state: string }>(
      t.database,
      sql`select member_id, state from users where member_id in (${p.pao!.id}, ${p.mai!.id}) order by username`,
    );
    expect(created.map((u) => u.state)).toEqual(['pending', 'pending']);
  });

  it('answers an unknown number, a wrong birth date and a transferred-out member the same', async () => {
    const usersBefore = await countRows(t.database, 'users');
    const regsBefore = await countRows(t.database, 'registrations');
    const [y, m, d] = p.lan!.birthDate.split('-');
    const attempts = [
      { partyCardNumber: numbers().partyCardNumber, birthDate: p.lan!.birthDate },
      { cccd: numbers().cccd, birthDate: p.lan!.birthDate },
      // day and month swapped: 1969-07-04 instead of 1969-04-07
      { partyCardNumber: p.lan!.partyCardNumber, birthDate: `${y}-${d}-${m}` },
      { cccd: p.lan!.cccd, birthDate: `${y}-${d}-${m}` },
      { partyCardNumber: p.di!.partyCardNumber, birthDate: p.di!.birthDate },
      { cccd: p.di!.cccd, birthDate: p.di!.birthDate },
    ];
    const messages = new Set<string>();
    for (const a of attempts) {
      const r = await register({ ...a, phone: '0912 000 333', password: STRONG });
      expect(r.status, JSON.stringify(a)).toBe(422);
      expect(r.body.error.code).toBe('registration_not_matched');
      messages.add(r.body.error.message);
    }
    expect(messages.size).toBe(1);
    expect([...messages][0]).toMatch(/Không tìm thấy đảng viên/);
    expect(await countRows(t.database, 'users')).toBe(usersBefore);
    expect(await countRows(t.database, 'registrations')).toBe(regsBefore);
  });

  it('refuses a weak password before looking the member up, the same for unknown numbers', async () => {
    const usersBefore = await countRows(t.database, 'users');
    const [y, m, d] = p.lan!.birthDate.split('-');
    // common passwords, too short, or built from the birth date typed in the form
    for (const password of ['matkhau123', '12345678', 'ngắn', `Nhà-sàn-${d}${m}${y}`]) {
      const answers = [];
      for (const partyCardNumber of [p.lan!.partyCardNumber, numbers().partyCardNumber]) {
        const r = await register({
          partyCardNumber,
          birthDate: p.lan!.birthDate,
          phone: '0912 000 444',
          password,
        });
        expect(r.status, password).toBe(422);
        expect(r.body.error.code).toBe('weak_password');
        answers.push(r.body);
      }
      expect(answers[0]).toEqual(answers[1]);
    }
    expect(await countRows(t.database, 'users')).toBe(usersBefore);
  });

  it('answers 400 for an invalid phone or a request that names no number (or both)', async () => {
    const base = { partyCardNumber: p.lan!.partyCardNumber, birthDate: p.lan!.birthDate, password: STRONG };
    for (const phone of ['12345', '123456789', '0912 abc def', '0000000000000']) {
      const r = await register({ ...base, phone });
      expect(r.status, phone).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    const neither = await register({ birthDate: p.lan!.birthDate, phone: '0912000555', password: STRONG });
    expect(neither.status).toBe(400);
    const both = await register({ ...base, cccd: p.lan!.cccd, phone: '0912000555' });
    expect(both.status).toBe(400);
    const badDate = await register({ ...base, birthDate: '07/04/1969', phone: '0912000555' });
    expect(badDate.status).toBe(400);
    expect(await pendingOf(await login(t, chiUyA), p.lan!.id)).toBeUndefined();
  });

  it('a pending account gets 403 account_pending, but only with the right password', async () => {
    const wrong = await tryLogin(p.pao!.partyCardNumber, 'Sai mật khẩu rồi nhé');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const right = await tryLogin(p.pao!.partyCardNumber, STRONG);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('account_pending');
    expect(right.headers['set-cookie']).toBeUndefined();
  });
});

describe('GET /api/registrations', () => {
  it('shows the chi ủy of the member’s chi bộ what waits for them', async () => {
    const s = await login(t, chiUyA);
    const pao = await pendingOf(s, p.pao!.id);
    expect(pao).toMatchObject({
      memberId: p.pao!.id,
      fullName: 'Giàng A Páo',
      phone: '0987654321',
      status: 'pending',
      orgId: chiBoA.id,
      orgName: chiBoA.name,
    });
    expect(await pendingOf(s, p.mai!.id)).toMatchObject({ fullName: 'Lò Thị Mai', phone: '0976000111' });
    // the default status is pending
    const byDefault = await s.get('/api/registrations');
    expect(byDefault.body.items.map((i: { id: string }) => i.id)).toContain(pao!.id);
  });

  it('a chi ủy of another chi bộ neither sees nor decides it', async () => {
    const pao = (await pendingOf(await login(t, chiUyA), p.pao!.id))!;
    const b = await login(t, chiUyB);
    expect(await pendingOf(b, p.pao!.id)).toBeUndefined();
    const approve = await b.post(`/api/registrations/${pao.id}/approve`);
    expect(approve.status).toBe(404);
    expect(approve.body.error.code).toBe('not_found');
    const reject = await b.post(`/api/registrations/${pao.id}/reject`, { reason: 'Không phải chi bộ tôi' });
    expect(reject.status).toBe(404);
    expect(await pendingOf(await login(t, chiUyA), p.pao!.id)).toMatchObject({ id: pao.id });
  });

  it('a plain member gets 403 and no session gets 401', async () => {
    const m = await login(t, plainMember);
    const r = await m.get('/api/registrations?status=pending');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    const pao = (await pendingOf(await login(t, chiUyA), p.pao!.id))!;
    expect((await m.post(`/api/registrations/${pao.id}/approve`)).status).toBe(403);
    const anon = new Session(t.app);
    const none = await anon.get('/api/registrations?status=pending');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    expect((await anon.post(`/api/registrations/${pao.id}/approve`)).status).toBe(401);
  });
  it('registering again while pending replaces the waiting registration', async () => {
    const s = await login(t, chiUyA);
    const first = (await pendingOf(s, p.mai!.id))!;
    const again = await register({
      cccd: p.mai!.cccd,
      birthDate: p.mai!.birthDate,
      phone: '0976 000 222',
      password: STRONG_2,
    });
    expect(again.status).toBe(202);
    const list = (await s.get('/api/registrations?status=pending')).body.items.filter(
      (i: { memberId: string }) => i.memberId === p.mai!.id,
    );
    expect(list).toHaveLength(1);
    expect(list[0].id).not.toBe(first.id);
    expect(list[0].phone).toBe('0976000222');
    expect((await s.post(`/api/registrations/${first.id}/approve`)).status).toBe(409);
    expect((await tryLogin(p.mai!.cccd, STRONG_2)).body.error.code).toBe('account_pending');
    expect((await tryLogin(p.mai!.cccd, STRONG)).status).toBe(401);
  });
});

describe('approving and rejecting', () => {
  it('approve: the member signs in with the registered phone or số thẻ, as `member`, phone kept', async () => {
    const s = await login(t, chiUyA);
    const reg = (await pendingOf(s, p.pao!.id))!;
    const r = await s.post(`/api/registrations/${reg.id}/approve`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: reg.id, status: 'approved', warning: null });

    for (const username of ['0987654321', '0987 654 321', p.pao!.partyCardNumber, p.pao!.cccd]) {
      const m = new Session(t.app);
      const ok = await m.post('/api/auth/login', { username, password: STRONG });
      expect(ok.status, username).toBe(200);
      expect(ok.body.user.mustChangePassword).toBe(false);
      const me = await m.get('/api/me');
      expect(me.body.member.id).toBe(p.pao!.id);
      expect(me.body.roles).toEqual([{ role: 'member', orgId: chiBoA.id, orgName: chiBoA.name }]);
    }
    // the phone on the record is now the one registered; the old one no longer names the member
    const member = await s.get(`/api/members/${p.pao!.id}`);
    expect(member.body.member.phone).toBe('0987654321');
    expect((await tryLogin('0912111222', STRONG)).status).toBe(401);

    const audit = await auditOf(reg.id, 'registration.approve');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_user_id: chiUyA.id,
      before: { phone: '0912111222' },
      after: { phone: '0987654321' },
    });
    expect(await auditOf(reg.id, 'registration.create')).toHaveLength(1);

    expect(await pendingOf(s, p.pao!.id)).toBeUndefined();
    const approved = await s.get('/api/registrations?status=approved');
    expect(approved.body.items.map((i: { id: string }) => i.id)).toContain(reg.id);

    const again = await s.post(`/api/registrations/${reg.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('registration_decided');
    expect((await s.post(`/api/registrations/${reg.id}/reject`, { reason: 'Đổi ý' })).status).toBe(409);
  });

  it('reject: the right password answers 403 registration_rejected with the reason', async () => {
    expect(
      (
        await register({
          partyCardNumber: p.tu!.partyCardNumber,
          birthDate: p.tu!.birthDate,
          phone: '0933 222 111',
          password: STRONG,
        })
      ).status,
    ).toBe(202);
    const s = await login(t, chiUyA);
    const reg = (await pendingOf(s, p.tu!.id))!;
    expect((await s.post(`/api/registrations/${reg.id}/reject`, { reason: 'x' })).status).toBe(400);
    const reason = 'Số điện thoại không phải của đồng chí Tú';
    const r = await s.post(`/api/registrations/${reg.id}/reject`, { reason });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: reg.id, status: 'rejected' });

    const wrong = await tryLogin(p.tu!.partyCardNumber, 'Sai mật khẩu rồi nhé');
    expect(wrong.status).toBe(401);
    const right = await tryLogin(p.tu!.partyCardNumber, STRONG);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('registration_rejected');
    expect(right.body.error.message).toContain(reason);
    expect(right.headers['set-cookie']).toBeUndefined();

    expect(await pendingOf(s, p.tu!.id)).toBeUndefined();
    expect(await auditOf(reg.id, 'registration.reject')).toEqual([
      expect.objectContaining({ actor_user_id: chiUyA.id, after: { reason } }),
    ]);
    expect((await s.post(`/api/registrations/${reg.id}/approve`)).status).toBe(409);
    // the member's phone is not touched by a rejected registration
    expect((await s.get(`/api/members/${p.tu!.id}`)).body.member.phone).toBeNull();
  });

  it('after a rejection the member may register again, and the rejection stays on record', async () => {
    const s = await login(t, chiUyA);
    const rejected = (await s.get('/api/registrations?status=rejected')).body.items.find(
      (i: { memberId: string }) => i.memberId === p.tu!.id,
    );
    expect(rejected).toBeDefined();

    const again = await register({
      partyCardNumber: p.tu!.partyCardNumber,
      birthDate: p.tu!.birthDate,
      phone: '0933 222 999',
      password: STRONG_2,
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'pending' });

    const pending = await pendingOf(s, p.tu!.id);
    expect(pending).toMatchObject({ phone: '0933222999', status: 'pending' });
    expect(pending!.id).not.toBe(rejected.id);
    expect((await tryLogin(p.tu!.partyCardNumber, STRONG_2)).body.error.code).toBe('account_pending');
    expect((await tryLogin(p.tu!.partyCardNumber, STRONG)).status).toBe(401);

    // the earlier decision keeps its status and reason
    const stillRejected = (await s.get('/api/registrations?status=rejected')).body.items.find(
      (i: { id: string }) => i.id === rejected.id,
    );
    expect(stillRejected).toMatchObject({ status: 'rejected', reason: rejected.reason });
    expect(stillRejected.decidedAt).toBe(rejected.decidedAt);

    expect((await s.post(`/api/registrations/${pending!.id}/approve`)).status).toBe(200);
    expect((await tryLogin('0933222999', STRONG_2)).status).toBe(200);
  });

  it('registering a member whose account is active answers 409 account_exists', async () => {
    const r = await register({
      partyCardNumber: p.pao!.partyCardNumber,
      birthDate: p.pao!.birthDate,
      phone: '0911 999 888',
      password: STRONG_2,
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('account_exists');
    // the account and its password are untouched
    expect((await tryLogin(p.pao!.partyCardNumber, STRONG)).status).toBe(200);
    expect((await tryLogin(p.pao!.partyCardNumber, STRONG_2)).status).toBe(401);
  });
});

describe('registration rate limit', () => {
  it('answers 429 after 20 registrations from one address in an hour', async () => {
    const ip = '10.99.0.7';
    for (let i = 0; i < 20; i++) {
      const r = await register(
        {
          partyCardNumber: numbers().partyCardNumber,
          birthDate: '1970-01-01',
          phone: '0912000666',
          password: STRONG,
        },
        ip,
      );
      expect(r.status, `attempt ${i + 1}`).toBe(422);
    }
    const seo = {
      partyCardNumber: p.seo!.partyCardNumber,
      birthDate: p.seo!.birthDate,
      phone: '0912 000 777',
      password: STRONG,
    };
    const limited = await register(seo, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600);
    const b = await login(t, chiUyB);
    expect(await pendingOf(b, p.seo!.id)).toBeUndefined();

    // another address is not affected; the same one may register again after the hour
    expect((await register({ ...seo, password: 'matkhau123' }, '10.99.0.8')).status).toBe(422);
    t.clock.advance(3600_000 + 1000);
    expect((await register(seo, ip)).status).toBe(202);
    expect(await pendingOf(await login(t, chiUyB), p.seo!.id)).toMatchObject({ fullName: 'Lý Seo Chứ' });
  });
});

describe('a phone two members share', () => {
  it('approval goes ahead with a warning: that phone signs in neither, the số thẻ does', async () => {
    const n = numbers();
    const m = await createMember(admin, {
      orgId: chiBoA.id,
      fullName: 'Sùng Thị Dua',
      birthDate: '1948-02-02',
      ...n,
    });
    await createMember(admin, {
      orgId: chiBoA.id,
      fullName: 'Sùng A Lử',
      birthDate: '1976-06-06',
      ...numbers(),
      phone: '0977 000 111',
    });
    const r = await register({
      partyCardNumber: n.partyCardNumber,
      birthDate: '1948-02-02',
      phone: '0977000111',
      password: STRONG,
    });
    expect(r.status).toBe(202);
    const s = await login(t, chiUyA);
    const reg = (await pendingOf(s, m.id))!;
    const ok = await s.post(`/api/registrations/${reg.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body.warning).toMatch(/số thẻ/);
    expect((await tryLogin('0977000111', STRONG)).status).toBe(401);
    expect((await tryLogin(n.partyCardNumber, STRONG)).status).toBe(200);
  });
});

import { meetings } from '@sotay/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';
import { codeFor, WINDOW_S, windowOf } from './check-in-code.ts';

let t: TestApp;
let admin: Session;
let chiUyA: Session;
let chiUyB: Session;
let memberA: Session;
let memberA2: Session;
let memberB: Session;
let ids: { a1: string; a2: string; exempt: string; b1: string; chiBoA: string; chiBoB: string };

async function memberSession(orgId: string, fullName: string, status = 'chinh_thuc') {
  const m = await createMember(admin, { orgId, fullName, status, ...numbers() });
  return {
    m,
    s: status === 'mien_sinh_hoat' ? null : await login(t, await createUser(t.database, { memberId: m.id })),
  };
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  const a = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
  const b = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  const a1 = await memberSession(a.id, 'Sình Mí Khua');
  const a2 = await memberSession(a.id, 'Đào Thị Xuyến');
  const ex = await memberSession(a.id, 'Lò Văn Pấng', 'mien_sinh_hoat');
  const b1 = await memberSession(b.id, 'Phạm Ngọc Tuyên');
  [memberA, memberA2, memberB] = [a1.s!, a2.s!, b1.s!];
  ids = { a1: a1.m.id, a2: a2.m.id, exempt: ex.m.id, b1: b1.m.id, chiBoA: a.id, chiBoB: b.id };
  chiUyA = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: a.id }] }));
  chiUyB = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: b.id }] }));
});
afterAll(() => t.close());

async function newMeeting(s = chiUyA, extra: Record<string, unknown> = {}) {
  const r = await s.post('/api/meetings', {
    orgId: ids.chiBoA,
    title: 'Sinh hoạt chi bộ định kỳ tháng 12',
    startsAt: t.clock.now.toISOString(),
    location: 'Nhà văn hóa thôn Khe Cát',
    agenda: ['Đánh giá nhiệm vụ tháng 11', 'Học tập chuyên đề'],
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.meeting as { id: string; invited: number };
}

const code = async (id: string) =>
  (await chiUyA.get(`/api/meetings/${id}/check-in-code`)).body.code as string;

describe('a chi bộ meeting', () => {
  it('invites the chi bộ members who are not miễn sinh hoạt', async () => {
    const m = await newMeeting();
    expect(m.invited).toBe(2);
    const att = (await chiUyA.get(`/api/meetings/${m.id}/attendance`)).body;
    expect(att.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual([ids.a1, ids.a2].sort());
  });

  it('only the chi ủy of the unit creates it or reads the code', async () => {
    const other = await chiUyB.post('/api/meetings', {
      orgId: ids.chiBoA,
      title: 'x',
      startsAt: t.clock.now.toISOString(),
    });
    expect(other.status).toBe(403);
    const m = await newMeeting();
    expect((await memberA.get(`/api/meetings/${m.id}/check-in-code`)).status).toBe(403);
    expect((await chiUyB.get(`/api/meetings/${m.id}/check-in-code`)).status).toBe(404);
    const c = (await chiUyA.get(`/api/meetings/${m.id}/check-in-code`)).body;
    expect(c.code).toMatch(/^\d{6}$/);
    expect(Date.parse(c.expiresAt)).toBeGreaterThan(t.clock.now.getTime());
  });
});

describe('check-in', () => {
  let id: string;
  beforeAll(async () => {
    id = (await newMeeting()).id;
  });

  it('a wrong code → 422; the code → 201; again → 200, one row', async () => {
    const right = await code(id);
    const wrong = String((Number(right) + 1) % 1e6).padStart(6, '0');
    const bad = await memberA.post(`/api/meetings/${id}/check-ins`, { code: wrong });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_code');
    expect((await memberA.post(`/api/meetings/${id}/check-ins`, { code: right })).status).toBe(201);
    expect((await memberA.post(`/api/meetings/${id}/check-ins`, { code: await code(id) })).status).toBe(200);
    const att = (await chiUyA.get(`/api/meetings/${id}/attendance`)).body;
    expect(att.present).toBe(1);
    expect(att.items.find((i: { memberId: string }) => i.memberId === ids.a1)).toMatchObject({
      state: 'present',
      method: 'code',
    });
  });

  it('the previous window is still accepted; an older code is expired', async () => {
    const m = await newMeeting();
    const old = await code(m.id);
    t.clock.advance(WINDOW_S * 1000);
    expect((await memberA.post(`/api/meetings/${m.id}/check-ins`, { code: old })).status).toBe(201);
    t.clock.advance(2 * WINDOW_S * 1000);
    const expired = await memberA2.post(`/api/meetings/${m.id}/check-ins`, { code: old });
    expect(expired.status).toBe(422);
  });

  it('a member of another chi bộ cannot check in, even with the right code', async () => {
    const r = await memberB.post(`/api/meetings/${id}/check-ins`, { code: await code(id) });
    expect([403, 404]).toContain(r.status);
    expect([403, 404]).toContain((await memberB.get(`/api/meetings/${id}/attendance`)).status);
    expect((await memberA.get(`/api/meetings/${id}/attendance`)).status).toBe(403);
  });

  it('the chi ủy marks a member without a smartphone; not someone uninvited', async () => {
    const mark = await chiUyA.post(`/api/meetings/${id}/check-ins`, { memberId: ids.a2 });
    expect(mark.status).toBe(201);
    expect(mark.body.checkIn.method).toBe('manual');
    expect((await chiUyA.post(`/api/meetings/${id}/check-ins`, { memberId: ids.a2 })).status).toBe(200);
    expect((await chiUyA.post(`/api/meetings/${id}/check-ins`, { memberId: ids.b1 })).status).toBe(422);
    expect((await memberA.post(`/api/meetings/${id}/check-ins`, { memberId: ids.a2 })).status).toBe(403);
  });

  it('a check-in scanned offline is accepted later with the code valid at scan time', async () => {
    const m = await newMeeting();
    const [row] = await t.database.db.select().from(meetings).where(eq(meetings.id, m.id));
    const scannedAt = new Date(t.clock.now.getTime() + 5 * 60_000);
    const scanned = codeFor(row!.checkInSecret, m.id, windowOf(scannedAt));
    t.clock.advance(45 * 60_000);
    const r = await memberA2.post(`/api/meetings/${m.id}/check-ins`, {
      code: scanned,
      scannedAt: scannedAt.toISOString(),
    });
    expect(r.status).toBe(201);
    expect(r.body.checkIn).toMatchObject({
      method: 'offline',
      checkedInAt: scannedAt.toISOString(),
      lateMinutes: 5,
    });
    // the same code claimed at another time does not pass
    const other = await memberA.post(`/api/meetings/${m.id}/check-ins`, {
      code: scanned,
      scannedAt: new Date(scannedAt.getTime() + 10 * 60_000).toISOString(),
    });
    expect(other.status).toBe(422);
  });

  it('RSVP: absent with a reason counts as excused', async () => {
    const m = await newMeeting();
    expect((await memberA2.post(`/api/meetings/${m.id}/rsvp`, { rsvp: 'no' })).status).toBe(400);
    expect(
      (await memberA2.post(`/api/meetings/${m.id}/rsvp`, { rsvp: 'no', reason: 'Đi viện' })).status,
    ).toBe(204);
    const att = (await chiUyA.get(`/api/meetings/${m.id}/attendance`)).body;
    expect(att).toMatchObject({ invited: 2, present: 0, excused: 1, absent: 1 });
    expect((await memberB.post(`/api/meetings/${m.id}/rsvp`, { rsvp: 'yes' })).status).toBe(404);
  });

  it('guests: an exempt member invited by hand can then check in', async () => {
    const m = await newMeeting();
    expect((await chiUyA.post(`/api/meetings/${m.id}/guests`, { memberIds: [ids.exempt] })).status).toBe(204);
    const att = (await chiUyA.get(`/api/meetings/${m.id}/attendance`)).body;
    expect(att.invited).toBe(3);
    expect(att.items.find((i: { memberId: string }) => i.memberId === ids.exempt).guest).toBe(true);
    expect((await chiUyA.post(`/api/meetings/${m.id}/guests`, { memberIds: [ids.b1] })).status).toBe(403);
  });

  it('members see their meetings; others do not', async () => {
    const mine = (await memberA.get('/api/meetings')).body;
    expect(mine.total).toBeGreaterThan(0);
    expect((await memberB.get('/api/meetings')).body.total).toBe(0);
    const one = (await memberA.get(`/api/meetings/${id}`)).body.meeting;
    expect(one.myInvitation.checkedInAt).not.toBeNull();
    expect(one.canManage).toBe(false);
  });
});

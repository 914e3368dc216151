import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type TestApp, type TestUser, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';

let t: TestApp;
let chiBoA: { id: string; name: string };
let chiBoB: { id: string; name: string };
let chiUyA: TestUser;
let chiUyB: TestUser;

interface Person {
  id: string;
  fullName: string;
  partyCardNumber: string;
  cccd: string;
  birthDate: string;
  user: TestUser;
}
const p: Record<string, Person> = {};

interface Correction {
  id: string;
  memberId: string;
  changes: Record<string, { from: string | null; to: string | null }>;
  note: string | null;
  status: string;
  reason: string | null;
  fullName: string | null;
  orgName: string | null;
}

const member = (key: string) => login(t, p[key]!.user);

async function listed(s: Awaited<ReturnType<typeof login>>, status = 'pending'): Promise<Correction[]> {
  const r = await s.get(`/api/corrections?status=${status}`);
  expect(r.status).toBe(200);
  return r.body.items;
}

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ thôn Pả Vi');
  chiBoB = await createOrg(admin, t.root.id, 'Chi bộ thôn Mã Pì Lèng');
  const add = async (key: string, orgId: string, fullName: string, birthDate: string) => {
    const n = numbers();
    const m = await createMember(admin, { orgId, fullName, birthDate, ...n });
    const user = await createUser(t.database, { memberId: m.id, roles: [{ role: 'member', orgId }] });
    p[key] = { id: m.id, fullName, birthDate, ...n, user };
  };
  await add('hanh', chiBoA.id, 'Sùng Thị Hạnh', '1978-02-11');
  await add('vu', chiBoA.id, 'Mua A Vư', '1982-07-30');
  await add('chu', chiBoA.id, 'Vừ A Chu', '1965-12-01');
  await add('seo', chiBoB.id, 'Lý Seo Sử', '1990-03-03');
  chiUyA = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoA.id }] });
  chiUyB = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoB.id }] });
});
afterAll(() => t.close());

describe('POST /api/me/profile/confirm', () => {
  it('records when the member confirmed their profile, for them and their chi ủy to see', async () => {
    const s = await member('hanh');
    const before = await s.get('/api/me');
    expect(before.body.member.profileConfirmedAt).toBeNull();

    const r = await s.post('/api/me/profile/confirm');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ confirmedAt: t.clock.now.toISOString() });

    const me = await s.get('/api/me');
    expect(me.body.member.profileConfirmedAt).toBe(r.body.confirmedAt);
    const chiUy = await login(t, chiUyA);
    const seen = await chiUy.get(`/api/members/${p.hanh!.id}`);
    expect(seen.body.member.profileConfirmedAt).toBe(r.body.confirmedAt);

    const audit = await rows<{ actor_user_id: string }>(
      t.database,
      sql`select actor_user_id from audit_log where action = 'member.profile.confirm' and entity_id = ${p.hanh!.id}`,
    );
    expect(audit).toEqual([{ actor_user_id: p.hanh!.user.id }]);
  });

  it('an account without a member record gets 422 no_member', async () => {
    const r = await (await login(t, chiUyA)).post('/api/me/profile/confirm');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('no_member');
  });
});

describe('correction requests', () => {
  let hanhRequest: Correction;

  it('a member asks to correct birth date and số thẻ → 201 with from/to of each change', async () => {
    const s = await member('hanh');
    const newCard = numbers().partyCardNumber;
    const r = await s.post('/api/me/corrections', {
      changes: { birthDate: '1978-11-02', partyCardNumber: newCard, fullName: p.hanh!.fullName },
      note: 'Ngày sinh bị nhập đảo ngày và tháng; thẻ mới cấp lại',
    });
    expect(r.status).toBe(201);
    hanhRequest = r.body.correction;
    expect(hanhRequest).toMatchObject({
      memberId: p.hanh!.id,
      status: 'pending',
      reason: null,
      note: 'Ngày sinh bị nhập đảo ngày và tháng; thẻ mới cấp lại',
    });
    // a field given unchanged is not a change
    expect(hanhRequest.changes).toEqual({
      birthDate: { from: '1978-02-11', to: '1978-11-02' },
      partyCardNumber: { from: p.hanh!.partyCardNumber, to: newCard },
    });
    // nothing changes until the chi ủy approves
    expect((await s.get('/api/me')).body.member.birthDate).toBe('1978-02-11');
  });

  it('a request identical to the record → 422 no_changes; a malformed one → 400', async () => {
    const s = await member('vu');
    const same = await s.post('/api/me/corrections', {
      changes: { birthDate: p.vu!.birthDate, partyCardNumber: p.vu!.partyCardNumber, fullName: 'Mua  A Vư' },
    });
    expect(same.status).toBe(422);
    expect(same.body.error.code).toBe('no_changes');
    for (const changes of [{ birthDate: '30/07/1982' }, { partyCardNumber: '12ab' }, { gender: 'khac' }]) {
      const bad = await s.post('/api/me/corrections', { changes });
      expect(bad.status, JSON.stringify(changes)).toBe(400);
    }
    expect((await s.get('/api/me/corrections')).body.items).toEqual([]);
  });

  it('the chi ủy of the chi bộ lists it; another chi bộ’s chi ủy neither sees nor decides it', async () => {
    const a = await login(t, chiUyA);
    const inA = (await listed(a)).find((c) => c.id === hanhRequest.id);
    expect(inA).toMatchObject({
      memberId: p.hanh!.id,
      fullName: 'Sùng Thị Hạnh',
      orgName: chiBoA.name,
      changes: hanhRequest.changes,
    });

    const b = await login(t, chiUyB);
    expect((await listed(b)).map((c) => c.id)).not.toContain(hanhRequest.id);
    const approve = await b.post(`/api/corrections/${hanhRequest.id}/approve`);
    expect(approve.status).toBe(404);
    expect(approve.body.error.code).toBe('not_found');
    const reject = await b.post(`/api/corrections/${hanhRequest.id}/reject`, { reason: 'Không đúng' });
    expect(reject.status).toBe(404);

    const plain = await member('vu');
    expect((await plain.get('/api/corrections')).status).toBe(403);
    expect((await plain.post(`/api/corrections/${hanhRequest.id}/approve`)).status).toBe(403);
    expect((await listed(a)).map((c) => c.id)).toContain(hanhRequest.id);
  });

  it('approving changes the record, the new số thẻ finds the member, and the audit keeps before/after', async () => {
    const a = await login(t, chiUyA);
    const r = await a.post(`/api/corrections/${hanhRequest.id}/approve`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: hanhRequest.id, status: 'approved' });

    const newCard = hanhRequest.changes.partyCardNumber!.to!;
    const record = (await a.get(`/api/members/${p.hanh!.id}`)).body.member;
    expect(record).toMatchObject({ birthDate: '1978-11-02', partyCardNumber: newCard });
    const byNew = await a.get(`/api/members?q=${newCard}`);
    expect(byNew.body.items.map((i: { id: string }) => i.id)).toEqual([p.hanh!.id]);
    const byOld = await a.get(`/api/members?q=${p.hanh!.partyCardNumber}`);
    expect(byOld.body.items).toEqual([]);

    const audit = await rows<{ actor_user_id: string; before: unknown; after: unknown }>(
      t.database,
      sql`select actor_user_id, before, after from audit_log where action = 'member.correction.approve' and entity_id = ${p.hanh!.id}`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: chiUyA.id,
        before: { birthDate: '1978-02-11', partyCardNumber: p.hanh!.partyCardNumber },
        after: { birthDate: '1978-11-02', partyCardNumber: newCard },
      },
    ]);

    expect((await listed(a)).map((c) => c.id)).not.toContain(hanhRequest.id);
    expect((await listed(a, 'approved')).map((c) => c.id)).toContain(hanhRequest.id);
    const again = await a.post(`/api/corrections/${hanhRequest.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('correction_decided');

    // the member signs in with the new number
    const s = await login(t, { username: newCard, password: p.hanh!.user.password, totpSecret: null });
    expect((await s.get('/api/me')).body.member.partyCardNumber).toBe(newCard);
  });

  it('a số thẻ held by another member cannot be approved (409); rejecting leaves the record alone', async () => {
    const s = await member('chu');
    const r = await s.post('/api/me/corrections', {
      changes: { partyCardNumber: p.vu!.partyCardNumber, hometown: 'Xã Pả Vi, huyện Mèo Vạc' },
    });
    expect(r.status).toBe(201);
    const id: string = r.body.correction.id;

    const a = await login(t, chiUyA);
    const dup = await a.post(`/api/corrections/${id}/approve`);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('member_duplicate');
    const unchanged = (await a.get(`/api/members/${p.chu!.id}`)).body.member;
    expect(unchanged).toMatchObject({ partyCardNumber: p.chu!.partyCardNumber, hometown: null });
    expect((await listed(a)).find((c) => c.id === id)?.status).toBe('pending');

    expect((await a.post(`/api/corrections/${id}/reject`, { reason: 'x' })).status).toBe(400);
    const reason = 'Số thẻ này là của đồng chí Vư, đề nghị kiểm tra lại thẻ';
    const rejected = await a.post(`/api/corrections/${id}/reject`, { reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ id, status: 'rejected' });
    const after = (await a.get(`/api/members/${p.chu!.id}`)).body.member;
    expect(after).toMatchObject({ partyCardNumber: p.chu!.partyCardNumber, hometown: null });
    expect((await listed(a, 'rejected')).find((c) => c.id === id)).toMatchObject({
      status: 'rejected',
      reason,
    });
    expect((await a.post(`/api/corrections/${id}/approve`)).status).toBe(409);

    const audit = await rows<{ after: unknown }>(
      t.database,
      sql`select after from audit_log where action = 'member.correction.reject' and entity_id = ${p.chu!.id}`,
    );
    expect(audit).toEqual([{ after: { reason } }]);
  });

  it('GET /api/me/corrections lists the member’s own requests only', async () => {
    const other = await (await member('seo')).post('/api/me/corrections', {
      changes: { ethnicity: 'Hà Nhì' },
    });
    expect(other.status).toBe(201);

    const hanh = (await (await member('hanh')).get('/api/me/corrections')).body.items as Correction[];
    expect(hanh.map((c) => [c.id, c.status])).toEqual([[hanhRequest.id, 'approved']]);

    const chu = (await (await member('chu')).get('/api/me/corrections')).body.items as Correction[];
    expect(chu).toHaveLength(1);
    expect(chu[0]).toMatchObject({
      memberId: p.chu!.id,
      status: 'rejected',
      reason: 'Số thẻ này là của đồng chí Vư, đề nghị kiểm tra lại thẻ',
      changes: {
        partyCardNumber: { from: p.chu!.partyCardNumber, to: p.vu!.partyCardNumber },
        hometown: { from: null, to: 'Xã Pả Vi, huyện Mèo Vạc' },
      },
    });

    const seo = (await (await member('seo')).get('/api/me/corrections')).body.items as Correction[];
    expect(seo.map((c) => c.id)).toEqual([other.body.correction.id]);
    // the chi ủy of chi bộ B sees that one, the chi ủy of A does not
    expect((await listed(await login(t, chiUyB))).map((c) => c.id)).toEqual([other.body.correction.id]);
    expect((await listed(await login(t, chiUyA))).map((c) => c.id)).not.toContain(other.body.correction.id);
  });
});

describe('a corrected số thẻ', () => {
  it('moves the sign-in name with it: the old number no longer signs in, the new one does', async () => {
    const admin = await loginAdmin(t);
    const n = numbers();
    const m = await createMember(admin, {
      orgId: chiBoA.id,
      fullName: 'Giàng Thị Mỷ',
      birthDate: '1970-05-05',
      ...n,
    });
    const user = await createUser(t.database, {
      username: n.partyCardNumber,
      memberId: m.id,
      roles: [{ role: 'member', orgId: chiBoA.id }],
    });
    const s = await login(t, user);
    const newCard = numbers().partyCardNumber;
    const req = await s.post('/api/me/corrections', { changes: { partyCardNumber: newCard } });
    expect(req.status).toBe(201);
    const ok = await (await login(t, chiUyA)).post(`/api/corrections/${req.body.correction.id}/approve`);
    expect(ok.status).toBe(200);
    await expect(login(t, { ...user, username: n.partyCardNumber })).rejects.toThrow(/401/);
    const again = await login(t, { ...user, username: newCard });
    expect((await again.get('/api/me')).body.user.username).toBe(newCard);
  });
});

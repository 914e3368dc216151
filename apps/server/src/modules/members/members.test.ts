import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  login,
  loginAdmin,
  type Session,
  type TestApp,
  type TestUser,
  testApp,
} from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { presentMember } from './presenter.ts';
import { findMember } from './repo.ts';

let t: TestApp;
let admin: Session;
let orgA: { id: string };
let orgB: { id: string };
let orgP: { id: string };
let chiUyA: TestUser;
let chiUyB: TestUser;
/** Members of chi bộ A and B, by short name. */
const m: Record<string, { id: string; fullName: string; partyCardNumber: string; cccd: string }> = {};

const DUC_CCCD = '001062000123';
const DUC_PHONE = '0912345678';

async function cccdReads(memberId: string) {
  return rows<{ actor_user_id: string; entity: string; org_path: string }>(
    t.database,
    sql`select actor_user_id, entity, org_path from audit_log where action = 'member.cccd.read' and entity_id = ${memberId} order by seq`,
  );
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  orgA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  orgB = await createOrg(admin, t.root.id, 'Chi bộ thôn Mồ Sỉ San');
  orgP = await createOrg(admin, t.root.id, 'Chi bộ Trường Tiểu học');
  const add = async (key: string, orgId: string, fullName: string, extra: Record<string, unknown> = {}) => {
    const n = numbers();
    const body = { orgId, fullName, ...n, ...extra };
    const created = await createMember(admin, body);
    m[key] = {
      id: created.id,
      fullName,
      partyCardNumber: (body.partyCardNumber as string) ?? null,
      cccd: body.cccd as string,
    };
  };
  await add('duc', orgA.id, 'Đặng Văn Đức', {
    cccd: DUC_CCCD,
    phone: '0912 345 678',
    birthDate: '1962-08-04',
    partyCardNumber: '4959595',
    gender: 'nam',
  });
  await add('hoa', orgA.id, 'Nguyễn Thị Hoà', { status: 'du_bi', partyCardNumber: null });
  await add('pao', orgA.id, 'Lò Văn Páo', { status: 'mien_sinh_hoat' });
  await add('dinh', orgB.id, 'Vàng A Dính', { phone: '0987 000 111' });
  await add('lan', orgB.id, 'Đỗ Thị Lan', { status: 'du_bi' });
  for (const name of ['An', 'Bình', 'Cường', 'Dũng', 'Giang'])
    await add(`p_${name}`, orgP.id, `Trần Văn ${name}`);
  chiUyA = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: orgA.id }] });
  chiUyB = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: orgB.id }] });
});
afterAll(() => t.close());

describe('GET /api/members', () => {
  it('filters by unit and status', async () => {
    const all = await admin.get('/api/members?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(Object.keys(m).length);

    const a = await admin.get(`/api/members?orgId=${orgA.id}`);
    expect(a.status).toBe(200);
    expect(a.body.total).toBe(3);
    expect(a.body.items.map((i: { fullName: string }) => i.fullName).sort()).toEqual(
      ['Đặng Văn Đức', 'Lò Văn Páo', 'Nguyễn Thị Hoà'].sort(),
    );
    expect(a.body.items.every((i: { orgId: string }) => i.orgId === orgA.id)).toBe(true);

    const duBi = await admin.get('/api/members?status=du_bi');
    expect(duBi.body.total).toBe(2);
    expect(duBi.body.items.map((i: { id: string }) => i.id).sort()).toEqual([m.hoa!.id, m.lan!.id].sort());

    const duBiA = await admin.get(`/api/members?status=du_bi&orgId=${orgA.id}`);
    expect(duBiA.body.items.map((i: { id: string }) => i.id)).toEqual([m.hoa!.id]);

    const badStatus = await admin.get('/api/members?status=dang_cong_tac');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.code).toBe('invalid_request');
  });

  it('the whole subtree when filtering by a unit above the chi bộ', async () => {
    const r = await admin.get(`/api/members?orgId=${t.root.id}&pageSize=200`);
    expect(r.body.total).toBe(Object.keys(m).length);
  });

  it('pages with page/pageSize, at most 200 a page', async () => {
    const seen: string[] = [];
    for (const [page, expected] of [
      [1, 2],
      [2, 2],
      [3, 1],
      [4, 0],
    ] as const) {
      const r = await admin.get(`/api/members?orgId=${orgP.id}&page=${page}&pageSize=2`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(5);
      expect(r.body.items).toHaveLength(expected);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
    }
    expect(new Set(seen).size).toBe(5);
    // sorted by given name: An, Bình, Cường, Dũng, Giang
    const one = await admin.get(`/api/members?orgId=${orgP.id}&pageSize=200`);
    expect(one.body.items.map((i: { fullName: string }) => i.fullName)).toEqual([
      'Trần Văn An',
      'Trần Văn Bình',
      'Trần Văn Cường',
      'Trần Văn Dũng',
      'Trần Văn Giang',
    ]);
    const defaults = await admin.get(`/api/members?orgId=${orgP.id}`);
    expect(defaults.body.items).toHaveLength(5);

    for (const bad of ['pageSize=500', 'pageSize=201', 'pageSize=0', 'page=0', 'page=abc']) {
      const r = await admin.get(`/api/members?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(typeof r.body.error.message).toBe('string');
    }
  });

  it('q ignores case and diacritics, đ→d included, and accepts NFD input', async () => {
    const q = async (text: string) => {
      const r = await admin.get(`/api/members?q=${encodeURIComponent(text)}`);
      expect(r.status).toBe(200);
      return r.body.items.map((i: { id: string }) => i.id).sort();
    };
    for (const text of [
      'dang van duc',
      'ĐẶNG VĂN ĐỨC',
      'Đặng Văn Đức'.normalize('NFD'),
      'đức',
      'DUC',
      '  duc   dang ',
    ]) {
      expect(await q(text), text).toEqual([m.duc!.id]);
    }
    // "Hoà" written with the other tone placement and in NFD still folds to "hoa"
    expect(await q('nguyễn thị hòa'.normalize('NFD'))).toEqual([m.hoa!.id]);
    expect(await q('do thi lan')).toEqual([m.lan!.id]);
    // every token must match (substring of the folded name): "van" also finds "Vàng"
    expect(await q('van')).toEqual(
      [
        m.duc!.id,
        m.pao!.id,
        m.dinh!.id,
        ...['An', 'Bình', 'Cường', 'Dũng', 'Giang'].map((n) => m[`p_${n}`]!.id),
      ].sort(),
    );
    expect(await q('TRẦN văn')).toEqual(
      ['An', 'Bình', 'Cường', 'Dũng', 'Giang'].map((n) => m[`p_${n}`]!.id).sort(),
    );
    expect(await q('không có ai')).toEqual([]);
    // punctuation is no search term (and never a LIKE wildcard): the same as no q at all
    const all = (await admin.get('/api/members?pageSize=200')).body.total;
    expect((await admin.get(`/api/members?q=${encodeURIComponent('%_')}&pageSize=200`)).body.total).toBe(all);
  });

  it('q finds a member by phone and by số thẻ', async () => {
    const ids = async (text: string) =>
      (await admin.get(`/api/members?q=${encodeURIComponent(text)}`)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids(DUC_PHONE)).toEqual([m.duc!.id]);
    expect(await ids('345678')).toEqual([m.duc!.id]);
    expect(await ids('0987000111')).toEqual([m.dinh!.id]);
    // generated numbers hold '000' in their middle, so no other member's card can contain this run
    expect(await ids('959595')).toEqual([m.duc!.id]);
    expect(await ids(m.lan!.partyCardNumber)).toEqual([m.lan!.id]);
  });

  it('a chi ủy lists only their own chi bộ, with CCCDs masked', async () => {
    const s = await login(t, chiUyA);
    const r = await s.get('/api/members');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    const duc = r.body.items.find((i: { id: string }) => i.id === m.duc!.id);
    expect(duc.cccd).toBe('001******123');
    expect(duc.cccdMasked).toBe(true);
    // their own chi bộ: birth date and phone are theirs to see
    expect(duc.phone).toBe(DUC_PHONE);
    expect(duc.birthDate).toBe('1962-08-04');
    const searched = await s.get(`/api/members?q=${encodeURIComponent('Dính')}`);
    expect(searched.body).toEqual({ items: [], total: 0 });
  });
});

describe('GET /api/members/:id', () => {
  it('shows the full CCCD to the chi ủy of the member’s chi bộ and audits the read', async () => {
    const before = await cccdReads(m.duc!.id);
    const s = await login(t, chiUyA);
    const r = await s.get(`/api/members/${m.duc!.id}`);
    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({
      id: m.duc!.id,
      fullName: 'Đặng Văn Đức',
      orgId: orgA.id,
      orgName: 'Chi bộ thôn Nà Hẩu',
      cccd: DUC_CCCD,
      cccdMasked: false,
      phone: DUC_PHONE,
      birthDate: '1962-08-04',
      partyCardNumber: '4959595',
      gender: 'nam',
      status: 'chinh_thuc',
    });
    const after = await cccdReads(m.duc!.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_user_id: chiUyA.id, entity: 'member' });

    await s.get(`/api/members/${m.duc!.id}`);
    expect(await cccdReads(m.duc!.id)).toHaveLength(before.length + 2);
  });

  it('shows the full CCCD to the admin and audits that too', async () => {
    const before = await cccdReads(m.duc!.id);
    const r = await admin.get(`/api/members/${m.duc!.id}`);
    expect(r.status).toBe(200);
    expect(r.body.member.cccd).toBe(DUC_CCCD);
    const after = await cccdReads(m.duc!.id);
    expect(after).toHaveLength(before.length + 1);
    const [adminUser] = await rows<{ id: string }>(
      t.database,
      sql`select id from users where username = 'admin'`,
    );
    expect(after.at(-1)!.actor_user_id).toBe(adminUser!.id);
  });

  it('a member without CCCD is read without an audit row', async () => {
    const noCccd = await createMember(admin, {
      orgId: orgB.id,
      fullName: 'Sùng A Chứ',
      partyCardNumber: numbers().partyCardNumber,
    });
    const r = await admin.get(`/api/members/${noCccd.id}`);
    expect(r.status).toBe(200);
    expect(r.body.member.cccd).toBeNull();
    expect(r.body.member.cccdMasked).toBe(false);
    expect(await cccdReads(noCccd.id)).toHaveLength(0);
  });

  it('a chi ủy of another chi bộ gets 404, sees nothing and leaves no CCCD audit row', async () => {
    const before = await cccdReads(m.duc!.id);
    const s = await login(t, chiUyB);
    const r = await s.get(`/api/members/${m.duc!.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(JSON.stringify(r.body)).not.toContain('123');
    expect(await cccdReads(m.duc!.id)).toHaveLength(before.length);
    // the same 404 as for a member that does not exist at all
    const none = await s.get('/api/members/00000000-0000-4000-8000-000000000000');
    expect(none.status).toBe(404);
    expect(none.body).toEqual(r.body);
    const bad = await s.get('/api/members/not-a-uuid');
    expect(bad.status).toBe(400);
  });

  it('the view for someone without personal access is masked, without birth date or phone', async () => {
    const row = await findMember(t.database.db, m.duc!.id);
    const shown = presentMember(row!, { personal: false, fullCccd: true });
    expect(shown.cccd).toBe('001******123');
    expect(shown.cccdMasked).toBe(true);
    expect(shown.phone).toBeNull();
    expect(shown.birthDate).toBeNull();
    expect(shown.email).toBeNull();
  });
});

describe('changing members', () => {
  let created: { id: string };

  it('creates a member (phone normalised) and records the first history rows', async () => {
    const s = await login(t, chiUyA);
    const n = numbers();
    const r = await s.post('/api/members', {
      orgId: orgA.id,
      fullName: '  Hầu A Lử ',
      status: 'du_bi',
      phone: '+84 912 000 333',
      birthDate: '1990-01-31',
      joinedOn: '2024-05-19',
      ...n,
    });
    expect(r.status).toBe(201);
    expect(r.body.member).toMatchObject({
      fullName: 'Hầu A Lử',
      orgId: orgA.id,
      status: 'du_bi',
      phone: '0912000333',
      cccd: n.cccd,
      partyCardNumber: n.partyCardNumber,
      birthDate: '1990-01-31',
      joinedOn: '2024-05-19',
    });
    created = r.body.member;
    const [audit] = await rows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_log where action = 'member.create' and entity_id = ${created.id}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('updates fields and keeps the search text in step', async () => {
    const s = await login(t, chiUyA);
    const r = await s.request('PATCH', `/api/members/${created.id}`, {
      fullName: 'Hầu A Lử',
      phone: '0912.000.444',
      position: 'Trưởng bản',
      officialOn: '2025-05-19',
    });
    expect(r.status).toBe(200);
    expect(r.body.member).toMatchObject({
      phone: '0912000444',
      position: 'Trưởng bản',
      officialOn: '2025-05-19',
    });
    const byNewPhone = await s.get('/api/members?q=0912000444');
    expect(byNewPhone.body.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    const byOldPhone = await s.get('/api/members?q=0912000333');
    expect(byOldPhone.body.total).toBe(0);
    const audits = await rows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      t.database,
      sql`select before, after from audit_log where action = 'member.update' and entity_id = ${created.id}`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toMatchObject({ phone: '0912000333', position: null });
    expect(audits[0]!.after).toMatchObject({ phone: '0912000444', position: 'Trưởng bản' });
    // the unchanged name is not part of the change
    expect(audits[0]!.after).not.toHaveProperty('fullName');

    // nothing to change: no new audit row
    const same = await s.request('PATCH', `/api/members/${created.id}`, { position: 'Trưởng bản' });
    expect(same.status).toBe(200);
    const [c] = await rows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_log where action = 'member.update' and entity_id = ${created.id}`,
    );
    expect(c!.n).toBe(1);
  });

  it('changes status and transfers, with history', async () => {
    const s = await login(t, chiUyA);
    const st = await s.post(`/api/members/${created.id}/status`, {
      status: 'chinh_thuc',
      reason: 'Công nhận chính thức',
    });
    expect(st.status).toBe(200);
    expect(st.body.member.status).toBe('chinh_thuc');
    const bad = await s.post(`/api/members/${created.id}/status`, { status: 'nghi_huu' });
    expect(bad.status).toBe(400);

    // a chi ủy may not move a member out of their reach; the admin may
    const denied = await s.post(`/api/members/${created.id}/transfer`, { orgId: orgB.id });
    expect(denied.status).toBe(403);
    const moved = await admin.post(`/api/members/${created.id}/transfer`, {
      orgId: orgB.id,
      reason: 'Chuyển nơi cư trú',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.member).toMatchObject({ orgId: orgB.id, orgName: 'Chi bộ thôn Mồ Sỉ San' });

    const h = await admin.get(`/api/members/${created.id}/history`);
    expect(h.status).toBe(200);
    expect(h.body.status.map((x: { status: string; reason: string | null }) => [x.status, x.reason])).toEqual(
      [
        ['chinh_thuc', 'Công nhận chính thức'],
        ['du_bi', 'Tạo hồ sơ'],
      ],
    );
    expect(h.body.orgs).toHaveLength(2);
    const [now, before] = h.body.orgs;
    expect(now).toMatchObject({ orgId: orgB.id, validTo: null, reason: 'Chuyển nơi cư trú' });
    expect(before).toMatchObject({ orgId: orgA.id, orgName: 'Chi bộ thôn Nà Hẩu' });
    expect(before.validTo).toBe(now.validFrom);

    // now in B: A's chi ủy no longer reaches the member, B's does
    expect((await s.get(`/api/members/${created.id}`)).status).toBe(404);
    expect((await s.get(`/api/members/${created.id}/history`)).status).toBe(404);
    const sb = await login(t, chiUyB);
    expect((await sb.get(`/api/members/${created.id}`)).status).toBe(200);
    expect((await sb.get(`/api/members/${created.id}/history`)).status).toBe(200);

    // to a unit that does not exist
    const unknown = await admin.post(`/api/members/${created.id}/transfer`, {
      orgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_org');
  });

  it('refuses a duplicate số thẻ or CCCD with 409', async () => {
    const dupCard = await admin.post('/api/members', {
      orgId: orgA.id,
      fullName: 'Người Trùng Thẻ',
      partyCardNumber: '4959595',
    });
    expect(dupCard.status).toBe(409);
    expect(dupCard.body.error.code).toBe('member_duplicate');
    const dupCccd = await admin.post('/api/members', {
      orgId: orgA.id,
      fullName: 'Người Trùng CCCD',
      cccd: DUC_CCCD,
    });
    expect(dupCccd.status).toBe(409);
    const patch = await admin.request('PATCH', `/api/members/${m.pao!.id}`, { partyCardNumber: '4959595' });
    expect(patch.status).toBe(409);
    // own number again is no conflict
    const own = await admin.request('PATCH', `/api/members/${m.duc!.id}`, { partyCardNumber: '4959595' });
    expect(own.status).toBe(200);
    const r = await admin.get(`/api/members?q=${encodeURIComponent('Người Trùng')}`);
    expect(r.body.total).toBe(0);
  });

  it('refuses an invalid phone or malformed fields with 400', async () => {
    for (const body of [
      { orgId: orgA.id, fullName: 'Sai Số Máy', phone: '12345' },
      { orgId: orgA.id, fullName: 'Sai Số Máy', phone: '0912 345 67a' },
      { orgId: orgA.id, fullName: 'Sai Thẻ', partyCardNumber: '12ab' },
      { orgId: orgA.id, fullName: 'Sai CCCD', cccd: '0010620001' },
      { orgId: orgA.id, fullName: 'Sai Ngày', birthDate: '04/08/1962' },
      { orgId: orgA.id, fullName: 'X' },
      { orgId: 'khong-phai-uuid', fullName: 'Sai Đơn Vị' },
    ]) {
      const r = await admin.post('/api/members', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
      expect(r.body.error.message).toMatch(/\S/);
    }
    const patch = await admin.request('PATCH', `/api/members/${m.duc!.id}`, { phone: '099' });
    expect(patch.status).toBe(400);
    const still = await admin.get(`/api/members/${m.duc!.id}`);
    expect(still.body.member.phone).toBe(DUC_PHONE);
  });
});

describe('a plain member', () => {
  it('gets 403 on the list, reads their own record and history, and nobody else’s', async () => {
    const u = await createUser(t.database, {
      memberId: m.hoa!.id,
      roles: [{ role: 'member', orgId: orgA.id }],
    });
    const s = await login(t, u);
    const list = await s.get('/api/members');
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('forbidden');
    const filtered = await s.get(`/api/members?orgId=${orgA.id}`);
    expect(filtered.status).toBe(403);

    const before = await cccdReads(m.hoa!.id);
    const own = await s.get(`/api/members/${m.hoa!.id}`);
    expect(own.status).toBe(200);
    expect(own.body.member).toMatchObject({ id: m.hoa!.id, cccd: m.hoa!.cccd, cccdMasked: false });
    expect(await cccdReads(m.hoa!.id)).toHaveLength(before.length + 1);
    expect((await s.get(`/api/members/${m.hoa!.id}/history`)).status).toBe(200);

    expect((await s.get(`/api/members/${m.duc!.id}`)).status).toBe(404);
    expect((await s.get(`/api/members/${m.duc!.id}/history`)).status).toBe(404);
    expect((await s.request('PATCH', `/api/members/${m.hoa!.id}`, { phone: '0912999999' })).status).toBe(403);
    expect((await s.post('/api/members', { orgId: orgA.id, fullName: 'Tự Thêm' })).status).toBe(403);

    const me = await s.get('/api/me');
    expect(me.body.member).toMatchObject({ id: m.hoa!.id, cccd: `036******${m.hoa!.cccd.slice(-3)}` });
  });
});

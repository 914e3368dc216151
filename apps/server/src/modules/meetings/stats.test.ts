import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

/** Three monthly meetings: one member came to all, another to one of three ("vắng nhiều"). */
let t: TestApp;
let capUy: Session;
let chiUyB: Session;
let ids: { often: string; rarely: string; chiBoA: string; chiBoB: string };

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  const a = await createOrg(admin, t.root.id, 'Chi bộ thôn Tả Phìn');
  const b = await createOrg(admin, t.root.id, 'Chi bộ thôn Pa Vây Sử');
  const often = await createMember(admin, { orgId: a.id, fullName: 'Thào Mí Dế', ...numbers() });
  const rarely = await createMember(admin, { orgId: a.id, fullName: 'Lý Thị Sai', ...numbers() });
  await createMember(admin, { orgId: b.id, fullName: 'Giàng A Páo', ...numbers() });
  ids = { often: often.id, rarely: rarely.id, chiBoA: a.id, chiBoB: b.id };
  const chiUyAUser = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: a.id }] });
  let chiUyA = await login(t, chiUyAUser);
  const created = await chiUyA.post('/api/meetings', {
    orgId: a.id,
    title: 'Sinh hoạt chi bộ định kỳ',
    startsAt: t.clock.now.toISOString(),
    repeatMonthly: 2,
  });
  expect(created.status).toBe(201);
  const series = (await chiUyA.get('/api/meetings?pageSize=10')).body.items.sort(
    (x: { startsAt: string }, y: { startsAt: string }) => x.startsAt.localeCompare(y.startsAt),
  );
  expect(series).toHaveLength(3);
  for (const [k, m] of series.entries()) {
    if (k > 0) {
      // a month later: sessions have long expired
      t.clock.now = new Date(m.startsAt);
      chiUyA = await login(t, chiUyAUser);
    }
    await chiUyA.post(`/api/meetings/${m.id}/check-ins`, { memberId: often.id });
    if (k === 0) await chiUyA.post(`/api/meetings/${m.id}/check-ins`, { memberId: rarely.id });
  }
  t.clock.advance(3_600_000);
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
  chiUyB = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: b.id }] }));
}, 60_000);
afterAll(() => t.close());

describe('attendance statistics', () => {
  it('per unit, rolled up: 3 meetings, 6 invitations, 4 present', async () => {
    const r = (await capUy.get('/api/meetings/stats')).body;
    const a = r.units.find((u: { orgId: string }) => u.orgId === ids.chiBoA);
    expect(a).toMatchObject({ meetings: 3, invitations: 6, present: 4, excused: 0 });
    expect(r.total).toMatchObject({ meetings: 3, invitations: 6, present: 4 });
    expect(r.units.find((u: { orgId: string }) => u.orgId === ids.chiBoB)).toMatchObject({ meetings: 0 });
  });

  it('per member, lowest first; vắng nhiều lists who missed 2 of the last 3', async () => {
    const m = (await capUy.get('/api/meetings/stats/members')).body.items;
    expect(m.map((x: { fullName: string; present: number }) => [x.fullName, x.present])).toEqual([
      ['Lý Thị Sai', 1],
      ['Thào Mí Dế', 3],
    ]);
    const v = (await capUy.get('/api/meetings/stats/frequent-absences')).body.items;
    expect(v).toEqual([expect.objectContaining({ fullName: 'Lý Thị Sai', absences: 2, lastMeetings: 3 })]);
  });

  it('a chi ủy sees only their own chi bộ', async () => {
    expect((await chiUyB.get(`/api/meetings/stats?orgId=${ids.chiBoA}`)).status).toBe(403);
    const own = (await chiUyB.get('/api/meetings/stats')).body;
    expect(own.org.id).toBe(ids.chiBoB);
  });

  it('the XLSX has the three sheets', async () => {
    const r = await capUy.get('/api/meetings/stats.xlsx');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo đơn vị', 'Theo đảng viên', 'Vắng nhiều']);
    expect(wb.getWorksheet('Vắng nhiều')!.getRow(5).getCell(2).value).toBe('Lý Thị Sai');
  });
});

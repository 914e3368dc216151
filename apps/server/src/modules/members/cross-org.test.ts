import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { csvFile, importMembers } from '../../test/spreadsheet.ts';

/**
 * A chi ủy of chi bộ A must not reach chi bộ B through any member route, and trying must change
 * nothing at all.
 */
let t: TestApp;
let chiUyA: Session;
let orgA: { id: string };
let orgB: { id: string };
let memberA: { id: string };
let memberB: { id: string; partyCardNumber: string; cccd: string };

/** Everything a member route could write, as plain JSON (ordered). */
async function snapshot() {
  return {
    members: await rows(t.database, sql`select * from members order by id`),
    status: await rows(t.database, sql`select * from member_status_history order by id`),
    orgHistory: await rows(t.database, sql`select * from member_org_history order by id`),
    orgs: await rows(t.database, sql`select * from org_units order by id`),
    orgEvents: await rows(t.database, sql`select * from org_unit_events order by id`),
    audit: await rows(t.database, sql`select seq, action, entity_id from audit_log order by seq`),
  };
}

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  orgA = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  orgB = await createOrg(admin, t.root.id, 'Chi bộ thôn Mồ Sỉ San');
  memberA = await createMember(admin, { orgId: orgA.id, fullName: 'Giàng A Tủa', ...numbers() });
  const nb = numbers();
  memberB = {
    ...(await createMember(admin, { orgId: orgB.id, fullName: 'Vàng Thị Sở', phone: '0912111222', ...nb })),
    ...nb,
  };
  const u = await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: orgA.id }] });
  chiUyA = await login(t, u);
});
afterAll(() => t.close());

const deniedStatuses = [403, 404];

describe('a chi ủy of chi bộ A against chi bộ B', () => {
  it('is refused on every member route and nothing changes', async () => {
    const before = await snapshot();
    const attempts: [string, () => Promise<{ status: number; body: { error?: { code: string } } }>][] = [
      ['list orgId=B', () => chiUyA.get(`/api/members?orgId=${orgB.id}`)],
      ['detail', () => chiUyA.get(`/api/members/${memberB.id}`)],
      ['history', () => chiUyA.get(`/api/members/${memberB.id}/history`)],
      [
        'patch',
        () =>
          chiUyA.request('PATCH', `/api/members/${memberB.id}`, { phone: '0912999888', fullName: 'Đổi Tên' }),
      ],
      [
        'status',
        () => chiUyA.post(`/api/members/${memberB.id}/status`, { status: 'xoa_ten', reason: 'thử' }),
      ],
      ['transfer from B', () => chiUyA.post(`/api/members/${memberB.id}/transfer`, { orgId: orgA.id })],
      [
        'transfer own member into B',
        () => chiUyA.post(`/api/members/${memberA.id}/transfer`, { orgId: orgB.id }),
      ],
      [
        'create in B',
        () => chiUyA.post('/api/members', { orgId: orgB.id, fullName: 'Người Lạ', ...numbers() }),
      ],
      [
        'import into B',
        () =>
          importMembers(
            chiUyA,
            { orgId: orgB.id },
            {
              name: 'ds.csv',
              content: csvFile([
                ['Họ và tên', 'Số thẻ đảng viên'],
                ['Người Lạ Nhập', numbers().partyCardNumber],
              ]),
            },
          ),
      ],
      [
        'dry-run import into B',
        () =>
          importMembers(
            chiUyA,
            { orgId: orgB.id, dryRun: 'true' },
            {
              name: 'ds.csv',
              content: csvFile([
                ['Họ và tên', 'Số thẻ đảng viên'],
                ['Người Lạ Nhập', numbers().partyCardNumber],
              ]),
            },
          ),
      ],
    ];
    for (const [name, attempt] of attempts) {
      const r = await attempt();
      expect(deniedStatuses, `${name} → ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
      expect(['forbidden', 'not_found'], name).toContain(r.body.error?.code);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never sees B in its list or search', async () => {
    const all = await chiUyA.get('/api/members?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([memberA.id]);
    for (const q of ['Vàng Thị Sở', '0912111222', memberB.partyCardNumber]) {
      const r = await chiUyA.get(`/api/members?q=${encodeURIComponent(q)}`);
      expect(r.body, q).toEqual({ items: [], total: 0 });
    }
    const byStatus = await chiUyA.get('/api/members?status=chinh_thuc');
    expect(byStatus.body.total).toBe(1);
  });

  it('cannot reach B’s members through an import into A either', async () => {
    const before = await snapshot();
    // the file names B's member by số thẻ (an update would move them), and names chi bộ B
    const byCard = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Số điện thoại'],
      ['Vàng Thị Sở', memberB.partyCardNumber, '0912000999'],
    ]);
    const r1 = await importMembers(chiUyA, { orgId: orgA.id }, { name: 'ds.csv', content: byCard });
    expect(r1.status).toBe(422);
    expect(r1.body.errors).toEqual([
      { row: 2, field: 'Số thẻ đảng viên', message: expect.stringMatching(/ngoài phạm vi/) },
    ]);

    const byCccd = csvFile([
      ['Họ và tên', 'Số CCCD'],
      ['Vàng Thị Sở', memberB.cccd],
    ]);
    const r2 = await importMembers(chiUyA, { orgId: orgA.id }, { name: 'ds.csv', content: byCccd });
    expect(r2.status).toBe(422);
    expect(r2.body.errors).toEqual([
      { row: 2, field: 'Số CCCD', message: expect.stringMatching(/ngoài phạm vi/) },
    ]);

    const namingB = csvFile([
      ['Họ và tên', 'Số thẻ đảng viên', 'Chi bộ'],
      ['Người Mới', numbers().partyCardNumber, 'Chi bộ thôn Mồ Sỉ San'],
    ]);
    const r3 = await importMembers(chiUyA, { orgId: orgA.id }, { name: 'ds.csv', content: namingB });
    expect(r3.status).toBe(422);
    expect(r3.body.errors).toEqual([{ row: 2, field: 'Chi bộ', message: expect.any(String) }]);
    expect(await snapshot()).toEqual(before);
  });

  it('still works on its own chi bộ (the refusals above are about B, not a broken account)', async () => {
    const r = await chiUyA.request('PATCH', `/api/members/${memberA.id}`, { position: 'Bí thư chi đoàn' });
    expect(r.status).toBe(200);
    const created = await chiUyA.post('/api/members', {
      orgId: orgA.id,
      fullName: 'Giàng A Dơ',
      ...numbers(),
    });
    expect(created.status).toBe(201);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { countRows, createMember, createOrg, rows } from '../../test/fixtures.ts';
import { csvFile, importMembers } from '../../test/spreadsheet.ts';
import { BULK_BATCH } from './member-bulk.ts';

// The set-based writes of a large import: more rows than one statement takes, and updates that
// change status and chi bộ (with their histories) without touching fields the file does not hold.

let t: TestApp;
let admin: Session;
const HEADER = ['Họ và tên', 'Số thẻ đảng viên', 'Số CCCD', 'Số điện thoại', 'Chi bộ', 'Trạng thái'];

const card = (i: number) => String(70_000_000 + i);
const cccd = (i: number) => `0010800${String(i).padStart(5, '0')}`;

function csv(list: (string | null)[][]) {
  return { name: 'danh-sach.csv', content: csvFile([HEADER, ...list]) };
}

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
});
afterAll(() => t.close());

describe('bulk member writes', () => {
  it('imports more rows than one batch, each with its status and chi bộ history', async () => {
    const n = BULK_BATCH + 7;
    const list = Array.from({ length: n }, (_, i) => [
      `Lò Văn Số ${i}`,
      card(i),
      cccd(i),
      `09${String(i).padStart(8, '0')}`,
      i % 2 ? 'Chi bộ bản Lùng Phình' : 'Chi bộ bản Pa Cheo',
      i % 10 ? 'Chính thức' : 'Dự bị',
    ]);
    const r = await importMembers(admin, { orgId: t.root.id }, csv(list));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: n, updated: 0, unchanged: 0, errors: [] });
    expect(await countRows(t.database, 'members')).toBe(n);
    expect(await countRows(t.database, 'member_status_history')).toBe(n);
    const open = await rows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from member_org_history h join members m on m.id = h.member_id
          where h.valid_to is null and h.org_id = m.org_id`,
    );
    expect(open[0]!.n).toBe(n);
    const duBi = await admin.get('/api/members?status=du_bi&pageSize=1');
    expect(duBi.body.total).toBe(Math.ceil(n / 10));
    const found = await admin.get(`/api/members?q=${card(4321)}`);
    expect(found.body.items[0]).toMatchObject({ fullName: 'Lò Văn Số 4321', status: 'chinh_thuc' });
  });

  it('updates change only what the file holds, and record status changes and transfers', async () => {
    const home = await createOrg(admin, t.root.id, 'Chi bộ thôn Tả Van');
    const m = await createMember(admin, {
      orgId: home.id,
      fullName: 'Sùng Thị Dợ',
      partyCardNumber: '88000001',
      cccd: '011090000001',
      phone: '0912000001',
      email: 'do@example.vn',
      status: 'chinh_thuc',
    });
    const other = await createMember(admin, {
      orgId: home.id,
      fullName: 'Sùng A Páo',
      partyCardNumber: '88000002',
      phone: '0912000002',
      status: 'chinh_thuc',
    });
    t.clock.advance(60_000);
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      csv([
        ['Sùng Thị Dợ', '88000001', '011090000001', '0912000009', 'Chi bộ thôn Nà Hẩu', 'Miễn sinh hoạt'],
        ['Sùng A Páo', '88000002', null, '0912000002', 'Chi bộ thôn Tả Van', 'Chính thức'],
      ]),
    );
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 0, updated: 1, unchanged: 1, errors: [] });

    const after = (await admin.get(`/api/members/${m.id}`)).body.member;
    expect(after).toMatchObject({ phone: '0912000009', status: 'mien_sinh_hoat', email: 'do@example.vn' });
    expect(after.orgId).not.toBe(home.id);
    expect(after.orgName).toBe('Chi bộ thôn Nà Hẩu');
    expect((await admin.get('/api/members?q=0912000009')).body.total).toBe(1);

    const history = (await admin.get(`/api/members/${m.id}/history`)).body;
    expect(history.status.map((s: { status: string }) => s.status)).toEqual(['mien_sinh_hoat', 'chinh_thuc']);
    expect(history.orgs).toHaveLength(2);
    expect(history.orgs[0]).toMatchObject({ orgId: after.orgId, validTo: null, reason: 'Nhập từ danh sách' });
    expect(history.orgs[1]).toMatchObject({ orgId: home.id });
    expect(history.orgs[1].validTo).not.toBeNull();

    const untouched = (await admin.get(`/api/members/${other.id}/history`)).body;
    expect(untouched.status).toHaveLength(1);
    expect(untouched.orgs).toHaveLength(1);
  });

  it('two rows naming one existing member (by số thẻ and by CCCD) are an error', async () => {
    const before = await countRows(t.database, 'audit_log');
    const r = await importMembers(
      admin,
      { orgId: t.root.id },
      csv([
        ['Sùng Thị Dợ', '88000001', null, '0912000011', 'Chi bộ thôn Nà Hẩu', 'Chính thức'],
        ['Sùng Thị Dợ', null, '011090000001', '0912000012', 'Chi bộ thôn Nà Hẩu', 'Chính thức'],
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      { row: 3, field: 'Số CCCD', message: 'Dòng 2 cũng là đảng viên Sùng Thị Dợ; mỗi người chỉ một dòng' },
    ]);
    expect(await countRows(t.database, 'audit_log')).toBe(before);
  });
});

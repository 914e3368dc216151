import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

let t: TestApp;
let member: Session;
let neighbour: Session;
let chiUy: Session;
let chiUyB: Session;
let capUy: Session;
let ids: { chiBoA: string; chiBoB: string };

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  const a = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
  const b = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  ids = { chiBoA: a.id, chiBoB: b.id };
  const m = await createMember(admin, { orgId: a.id, fullName: 'Sình Mí Khua', ...numbers() });
  const n = await createMember(admin, { orgId: b.id, fullName: 'Phạm Ngọc Tuyên', ...numbers() });
  member = await login(t, await createUser(t.database, { memberId: m.id }));
  neighbour = await login(t, await createUser(t.database, { memberId: n.id }));
  chiUy = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: a.id }] }));
  chiUyB = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: b.id }] }));
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
});
afterAll(() => t.close());

describe('feedback: question, answer, escalation', () => {
  let id: string;
  it('a member asks their chi ủy; a neighbour chi ủy and member see nothing', async () => {
    const r = await member.post('/api/feedback', {
      kind: 'hoi_dap',
      title: 'Quên mật khẩu ứng dụng',
      body: 'Tôi đổi điện thoại, không đăng nhập được.',
    });
    expect(r.status).toBe(201);
    id = r.body.feedback.id;
    expect(r.body.feedback).toMatchObject({ status: 'moi', orgId: ids.chiBoA });
    expect((await chiUy.get('/api/feedback')).body.items.map((f: { id: string }) => f.id)).toContain(id);
    expect((await chiUyB.get('/api/feedback')).body.items).toEqual([]);
    expect((await chiUyB.get(`/api/feedback/${id}`)).status).toBe(404);
    expect((await neighbour.get(`/api/feedback/${id}`)).status).toBe(404);
  });

  it('sideways is refused: a member cannot address another chi bộ', async () => {
    const r = await member.post('/api/feedback', {
      kind: 'phan_anh',
      title: 'x',
      body: 'y',
      orgId: ids.chiBoB,
    });
    expect(r.status).toBe(422);
  });

  it('the chi ủy answers; the author sees the answer and the status', async () => {
    t.clock.advance(60_000);
    const r = await chiUy.post(`/api/feedback/${id}/replies`, {
      body: 'Đồng chí đến nhà văn hóa thôn tối thứ Năm để được cấp lại mã.',
    });
    expect(r.body.feedback.status).toBe('da_tra_loi');
    const mine = (await member.get(`/api/feedback/${id}`)).body.feedback;
    expect(mine.messages.map((m: { fromCommittee: boolean }) => m.fromCommittee)).toEqual([false, true]);
  });

  it('escalated to the cấp ủy: the chi ủy hands it up, the cấp ủy now holds it', async () => {
    const q = await member.post('/api/feedback', {
      kind: 'kien_nghi',
      title: 'Đề nghị thêm buổi hướng dẫn',
      body: 'Thôn xa, nhiều đảng viên cao tuổi.',
    });
    const qid = q.body.feedback.id;
    t.clock.advance(60_000);
    expect((await chiUy.post(`/api/feedback/${qid}/escalate`, { note: 'Cần Đảng ủy bố trí' })).status).toBe(
      204,
    );
    const held = (await capUy.get(`/api/feedback/${qid}`)).body.feedback;
    expect(held).toMatchObject({ orgId: t.root.id, escalated: true, status: 'moi' });
    expect(held.messages.at(-1).body).toContain('Đã chuyển lên');
    expect((await chiUy.get(`/api/feedback/${qid}`)).status).toBe(404);
    expect((await capUy.post(`/api/feedback/${qid}/escalate`, {})).status).toBe(422);
  });

  it('overdue: unanswered after the configured days', async () => {
    const q = await member.post('/api/feedback', {
      kind: 'bao_loi',
      title: 'Ứng dụng báo lỗi',
      body: 'Màn hình trắng.',
    });
    expect((await chiUy.get('/api/feedback?overdue=true')).body.items).toEqual([]);
    t.clock.advance(4 * 86_400_000);
    chiUy = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: ids.chiBoA }] }));
    const overdue = (await chiUy.get('/api/feedback?overdue=true')).body.items.map(
      (f: { id: string }) => f.id,
    );
    expect(overdue).toEqual([q.body.feedback.id]);
  });
});

describe('support contacts', () => {
  it('the cấp ủy lists who to call; every member below sees them, closest unit first', async () => {
    // committee sessions from before have timed out (the clock moved on above)
    capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
    chiUyB = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: ids.chiBoB }] }));
    const put = await capUy.request('PUT', `/api/orgs/${t.root.id}/support-contacts`, {
      items: [
        { fullName: 'Văn Vĩnh Hảo', role: 'Chuyên viên Văn phòng Đảng ủy', phone: '0909 698 567' },
        { fullName: 'Huỳnh Thị Bích Thảo', role: 'Chuyên viên Ban Xây dựng đảng', phone: '0935.590.489' },
      ],
    });
    expect(put.status).toBe(200);
    await chiUy.request('PUT', `/api/orgs/${ids.chiBoA}/support-contacts`, {
      items: [{ fullName: 'Giàng Seo Phử', role: 'Bí thư chi bộ', phone: '0912345678' }],
    });
    const seen = (await member.get('/api/support-contacts')).body.items;
    expect(seen.map((c: { fullName: string; phone: string }) => [c.fullName, c.phone])).toEqual([
      ['Giàng Seo Phử', '0912345678'],
      ['Văn Vĩnh Hảo', '0909698567'],
      ['Huỳnh Thị Bích Thảo', '0935590489'],
    ]);
    expect(
      (await neighbour.get('/api/support-contacts')).body.items.map((c: { fullName: string }) => c.fullName),
    ).toEqual(['Văn Vĩnh Hảo', 'Huỳnh Thị Bích Thảo']);
    expect(
      (await chiUyB.request('PUT', `/api/orgs/${ids.chiBoA}/support-contacts`, { items: [] })).status,
    ).toBe(403);
  });
});

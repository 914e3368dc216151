import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';
import { sendDueNotices } from './service.ts';

let t: TestApp;
let capUy: Session;
let chiUyA: Session;
let memberA: Session;
let memberB: Session;
let ids: { chiBoA: string; chiBoB: string };

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  const a = await createOrg(admin, t.root.id, 'Chi bộ thôn Khe Cát');
  const b = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Hẩu');
  ids = { chiBoA: a.id, chiBoB: b.id };
  const ma = await createMember(admin, { orgId: a.id, fullName: 'Sình Mí Khua', ...numbers() });
  const mb = await createMember(admin, { orgId: b.id, fullName: 'Phạm Ngọc Tuyên', ...numbers() });
  await createMember(admin, { orgId: a.id, fullName: 'Lò Văn Pấng', status: 'mien_sinh_hoat', ...numbers() });
  memberA = await login(t, await createUser(t.database, { memberId: ma.id }));
  memberB = await login(t, await createUser(t.database, { memberId: mb.id }));
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
  chiUyA = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: a.id }] }));
});
afterAll(() => t.close());

const inbox = async (s: Session) =>
  (await s.get('/api/me/inbox')).body as {
    items: { id: string; title: string; readAt: string | null }[];
    unread: number;
  };

describe('notices', () => {
  it('a notice to one chi bộ reaches its members only (not the exempt, not the neighbours)', async () => {
    const r = await chiUyA.post('/api/notices', {
      title: 'Họp chi bộ tháng 12',
      body: 'Họp lúc 19h30 thứ Năm.',
      audienceOrgId: ids.chiBoA,
    });
    expect(r.status).toBe(201);
    expect(r.body.notice).toMatchObject({ status: 'sent', recipients: 1 });
    expect((await inbox(memberA)).unread).toBe(1);
    expect((await inbox(memberB)).items.map((i) => i.title)).not.toContain('Họp chi bộ tháng 12');
  });

  it('read receipts: mine only; statistics per unit; XLSX of who has not read', async () => {
    const r = await capUy.post('/api/notices', {
      title: 'Thông báo chung',
      body: 'Kiểm tra thông tin cá nhân.',
      audienceOrgId: t.root.id,
      priority: 'khan',
    });
    const id = r.body.notice.id;
    expect(r.body.notice.recipients).toBe(2);
    expect((await memberB.post(`/api/me/inbox/${id}/read`)).status).toBe(204);
    expect((await inbox(memberB)).items.find((i) => i.id === id)!.readAt).not.toBeNull();
    const first = (await inbox(memberA)).items.find((i) => i.title === 'Họp chi bộ tháng 12')!;
    expect((await memberB.post(`/api/me/inbox/${first.id}/read`)).status).toBe(404);
    const stats = (await capUy.get(`/api/notices/${id}/stats`)).body;
    expect(stats).toMatchObject({ recipients: 2, read: 1 });
    expect(stats.units.find((u: { orgId: string }) => u.orgId === ids.chiBoB)).toMatchObject({
      recipients: 1,
      read: 1,
    });
    const unread = (await capUy.get(`/api/notices/${id}/unread`)).body;
    expect(unread.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Sình Mí Khua']);
    const xlsx = await capUy.get(`/api/notices/${id}/stats.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Chưa đọc')!.getRow(4).getCell(2).value).toBe('Sình Mí Khua');
    expect((await chiUyA.get(`/api/notices/${id}/stats`)).status).toBe(404);
  });

  it('a member cannot send; a chi ủy cannot send to another chi bộ', async () => {
    expect(
      (await memberA.post('/api/notices', { title: 'x', body: 'y', audienceOrgId: ids.chiBoA })).status,
    ).toBe(403);
    expect(
      (await chiUyA.post('/api/notices', { title: 'x', body: 'y', audienceOrgId: ids.chiBoB })).status,
    ).toBe(403);
  });

  it('scheduled: nothing until its time, then sent once; a draft is edited then sent', async () => {
    const at = new Date(t.clock.now.getTime() + 3_600_000).toISOString();
    const r = await capUy.post('/api/notices', {
      title: 'Hẹn giờ',
      body: 'Sáng mai.',
      audienceOrgId: t.root.id,
      scheduledAt: at,
    });
    expect(r.body.notice.status).toBe('scheduled');
    expect((await inbox(memberA)).items.map((i) => i.title)).not.toContain('Hẹn giờ');
    expect(await sendDueNotices(t.deps)).toBe(0);
    t.clock.advance(3_600_000);
    expect(await sendDueNotices(t.deps)).toBe(1);
    expect(await sendDueNotices(t.deps)).toBe(0);
    const d = await capUy.post('/api/notices', {
      title: 'Nháp',
      body: 'Chưa gửi.',
      audienceOrgId: ids.chiBoB,
      draft: true,
    });
    expect(d.body.notice.status).toBe('draft');
    const sent = await capUy.request('PATCH', `/api/notices/${d.body.notice.id}`, {
      title: 'Đã sửa',
      send: true,
    });
    expect(sent.body.notice).toMatchObject({ status: 'sent', title: 'Đã sửa', recipients: 1 });
  });

  it('recalled notices leave the inbox', async () => {
    const r = await capUy.post('/api/notices', { title: 'Gửi nhầm', body: 'x', audienceOrgId: ids.chiBoB });
    expect((await inbox(memberB)).items.map((i) => i.title)).toContain('Gửi nhầm');
    expect((await capUy.post(`/api/notices/${r.body.notice.id}/recall`)).status).toBe(204);
    expect((await inbox(memberB)).items.map((i) => i.title)).not.toContain('Gửi nhầm');
  });
});

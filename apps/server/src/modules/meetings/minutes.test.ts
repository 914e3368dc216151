import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';

let t: TestApp;
let chiUy: Session;
let present: Session;
let absent: Session;
let outsider: Session;
let meetingId: string;

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  const chiBo = await createOrg(admin, t.root.id, 'Chi bộ thôn Nà Lằng');
  const other = await createOrg(admin, t.root.id, 'Chi bộ thôn Bản Chang');
  const a = await createMember(admin, { orgId: chiBo.id, fullName: 'Giàng Seo Phử', ...numbers() });
  const b = await createMember(admin, { orgId: chiBo.id, fullName: 'Lò Thị Mai', ...numbers() });
  const c = await createMember(admin, { orgId: chiBo.id, fullName: 'Vàng A Chá', ...numbers() });
  const o = await createMember(admin, { orgId: other.id, fullName: 'Sùng A Lử', ...numbers() });
  present = await login(t, await createUser(t.database, { memberId: a.id }));
  absent = await login(t, await createUser(t.database, { memberId: b.id }));
  outsider = await login(t, await createUser(t.database, { memberId: o.id }));
  chiUy = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBo.id }] }));
  const m = await chiUy.post('/api/meetings', {
    orgId: chiBo.id,
    title: 'Sinh hoạt chi bộ định kỳ',
    startsAt: t.clock.now.toISOString(),
    location: 'Nhà văn hóa thôn Nà Lằng',
    agenda: ['Đánh giá kết quả tháng 11', 'Phương hướng tháng 12'],
    chairMemberId: a.id,
    secretaryMemberId: c.id,
  });
  meetingId = m.body.meeting.id;
  const code = (await chiUy.get(`/api/meetings/${meetingId}/check-in-code`)).body.code;
  await present.post(`/api/meetings/${meetingId}/check-ins`, { code });
  await chiUy.post(`/api/meetings/${meetingId}/check-ins`, { memberId: c.id });
  await absent.post(`/api/meetings/${meetingId}/rsvp`, { rsvp: 'no', reason: 'Đi khám bệnh' });
});
afterAll(() => t.close());

describe('minutes (biên bản)', () => {
  it('start filled from the meeting and its attendance', async () => {
    const r = (await chiUy.get(`/api/meetings/${meetingId}/minutes`)).body;
    expect(r.fields).toMatchObject({
      place: 'Nà Lằng',
      location: 'Nhà văn hóa thôn Nà Lằng',
      chair: 'Giàng Seo Phử',
      secretary: 'Vàng A Chá',
    });
    expect(r.attendance).toMatchObject({
      invited: 3,
      present: 2,
      excused: [{ fullName: 'Lò Thị Mai', reason: 'Đi khám bệnh' }],
      absent: [],
    });
    expect(r.canEdit).toBe(true);
  });

  it('members cannot read a draft; the chi ủy saves, finalises, and then it is locked and readable', async () => {
    expect((await present.get(`/api/meetings/${meetingId}/minutes`)).status).toBe(404);
    const saved = await chiUy.request('PUT', `/api/meetings/${meetingId}/minutes`, {
      startedAt: '19:30',
      endedAt: '21:15',
      proceedings:
        'Đồng chí Bí thư đánh giá kết quả thực hiện nhiệm vụ tháng 11.\nCác đồng chí đảng viên thảo luận.',
      conclusion: 'Chi bộ thống nhất phương hướng nhiệm vụ tháng 12.',
      vote: { agree: 2, disagree: 0, other: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.fields.endedAt).toBe('21:15');
    expect((await chiUy.post(`/api/meetings/${meetingId}/minutes/finalize`)).status).toBe(200);
    const again = await chiUy.request('PUT', `/api/meetings/${meetingId}/minutes`, { conclusion: 'Sửa' });
    expect(again.status).toBe(409);
    const read = (await present.get(`/api/meetings/${meetingId}/minutes`)).body;
    expect(read.fields.conclusion).toBe('Chi bộ thống nhất phương hướng nhiệm vụ tháng 12.');
    expect(read.finalizedAt).not.toBeNull();
    expect((await outsider.get(`/api/meetings/${meetingId}/minutes`)).status).toBe(404);
    const audit = (await t.database.db.execute(
      (
        await import('drizzle-orm')
      ).sql`select count(*)::int as n from audit_log where action = 'meeting.minutes.finalize'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('the DOCX reads as a biên bản', async () => {
    const r = await present.get(`/api/meetings/${meetingId}/minutes.docx`);
    expect(r.status).toBe(200);
    const buffer = r.raw.rawPayload;
    if (process.env.SOTAY_KEEP_DOCX) fs.writeFileSync(path.join(os.tmpdir(), 'bien-ban.docx'), buffer);
    const text = (await mammoth.extractRawText({ buffer })).value;
    for (const s of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'CHI BỘ THÔN NÀ LẰNG',
      'BIÊN BẢN',
      'Tổng số đảng viên được triệu tập: 3 đồng chí; có mặt: 2 đồng chí; vắng mặt: 1 đồng chí.',
      'Vắng có lý do (1): đồng chí Lò Thị Mai (Đi khám bệnh).',
      'Đánh giá kết quả tháng 11',
      'Chi bộ thống nhất phương hướng nhiệm vụ tháng 12.',
      'Tán thành: 2/2 đồng chí (100%)',
      'kết thúc vào hồi 21 giờ 15 phút',
      'T/M CHI BỘ',
      'THƯ KÝ',
      'Giàng Seo Phử',
    ]) {
      expect(text).toContain(s);
    }
  });
});

import fs from 'node:fs';
import { members } from '@sotay/db';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, type Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers } from '../../test/fixtures.ts';
import { multipart } from '../../test/multipart.ts';
import { xlsxFile } from '../../test/spreadsheet.ts';

/** The annex of seed 003 as it stands in the plan, tab-separated (from "DANH SÁCH" on). */
const ANNEX = fs.readFileSync(new URL('../../../test-fixtures/rollout/seed-003-annex.tsv', import.meta.url));

let t: TestApp;
let admin: Session;
let capUy: Session;
let member: Session;
let ids: { a: string; b: string };

beforeAll(async () => {
  t = await testApp();
  admin = await loginAdmin(t);
  const a = await createOrg(admin, t.root.id, 'Chi bộ bản Gia Khâu');
  const b = await createOrg(admin, t.root.id, 'Chi bộ bản Tả Chải');
  ids = { a: a.id, b: b.id };
  const m1 = await createMember(admin, { orgId: a.id, fullName: 'Tần Sài Vân', ...numbers() });
  // VNeID level as the member or their chi ủy declares it
  await t.database.db.update(members).set({ vneidLevel: 2 }).where(eq(members.id, m1.id));
  await createMember(admin, { orgId: a.id, fullName: 'Tần Lao Khệ', ...numbers() });
  await createMember(admin, { orgId: a.id, fullName: 'Chèo Lao U', status: 'mien_sinh_hoat', ...numbers() });
  const m4 = await createMember(admin, { orgId: b.id, fullName: 'Cồ A Sử', status: 'du_bi', ...numbers() });
  const u1 = await createUser(t.database, { memberId: m1.id });
  await createUser(t.database, { memberId: m4.id });
  member = await login(t, u1);
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
});
afterAll(() => t.close());

describe('roll-out funnel', () => {
  it('counts eligible members (not miễn sinh hoạt) and each step, rolled up per chi bộ', async () => {
    await member.post('/api/me/installed');
    const f = (await capUy.get(`/api/rollout/orgs/${t.root.id}`)).body;
    expect(f).toMatchObject({
      eligible: 3,
      vneidLevel2: 1,
      installed: 1,
      registered: 2,
      approved: 2,
      loggedIn: 1,
      active30d: 1,
      proficient: 0,
    });
    const byId = Object.fromEntries(f.children.map((c: { org: { id: string } }) => [c.org.id, c]));
    expect(byId[ids.a]).toMatchObject({ eligible: 2, loggedIn: 1 });
    expect(byId[ids.b]).toMatchObject({ eligible: 1, loggedIn: 0, registered: 1 });
  });

  it('needs support: who is not yet proficient, what blocks them, and how to help', async () => {
    await t.database.db
      .update(members)
      .set({ birthDate: '1948-03-02', hasSmartphone: false })
      .where(eq(members.fullName, 'Tần Lao Khệ'));
    const list = (await capUy.get(`/api/rollout/orgs/${t.root.id}/needs-support`)).body.items;
    const byName = Object.fromEntries(list.map((m: { fullName: string }) => [m.fullName, m]));
    expect(Object.keys(byName).sort()).toEqual(['Cồ A Sử', 'Tần Lao Khệ', 'Tần Sài Vân']);
    expect(byName['Tần Lao Khệ']).toMatchObject({
      blocking: 'vneid',
      hints: ['no_smartphone', 'vneid_below_2', 'elderly', 'never_logged_in'],
      suggestedForm: 'tai_nha',
    });
    expect(byName['Tần Sài Vân']).toMatchObject({
      blocking: 'proficiency',
      hints: [],
      suggestedForm: 'nhom_nho',
    });
    expect(byName['Cồ A Sử']).toMatchObject({ blocking: 'vneid', suggestedForm: 'ca_nhan' });
  });

  it('members and other chi bộ are refused', async () => {
    expect((await member.get(`/api/rollout/orgs/${t.root.id}`)).status).toBe(403);
    const chiUyB = await login(
      t,
      await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: ids.b }] }),
    );
    expect((await chiUyB.get(`/api/rollout/orgs/${ids.a}`)).status).toBe(403);
    expect((await chiUyB.get(`/api/rollout/orgs/${ids.b}`)).status).toBe(200);
  });
});

describe('support roster import', () => {
  const upload = (s: Session, content: Buffer, name: string, fields: Record<string, string>) =>
    s.request('POST', '/api/imports/support-roster', undefined, multipart(fields, { name, content }));

  it('a dry run of the seed 003 annex: 4 teams of 8, 10, 14, 11', async () => {
    const r = await upload(capUy, ANNEX, 'to-cong-tac.tsv', { dryRun: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.teams.map((x: { members: unknown[] }) => x.members.length)).toEqual([8, 10, 14, 11]);
    expect(r.body.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('the same annex as XLSX reads the same', async () => {
    const rows = ANNEX.toString('utf8')
      .split('\n')
      .map((l) => l.split('\t'));
    const r = await upload(capUy, await xlsxFile(rows, 'Phụ lục'), 'to-cong-tac.xlsx', { dryRun: 'true' });
    expect(r.body.teams.map((x: { members: unknown[] }) => x.members.length)).toEqual([8, 10, 14, 11]);
    expect(r.body.teams[2].sessions.map((s: { startTime: string }) => s.startTime)).toEqual([
      '08:00',
      '13:30',
    ]);
  });

  it('saved into a campaign, replacing what was there; members and plain files refused', async () => {
    const c = await capUy.post('/api/campaigns', {
      orgId: t.root.id,
      number: '142-KH/ĐU',
      title: 'Hỗ trợ trực tiếp đảng viên cài đặt ứng dụng',
    });
    expect(c.status).toBe(201);
    const id = c.body.campaign.id;
    expect((await upload(capUy, ANNEX, 'a.tsv', { campaignId: id })).status).toBe(200);
    expect((await upload(capUy, ANNEX, 'a.tsv', { campaignId: id })).body.saved).toEqual({
      campaignId: id,
      teams: 4,
    });
    const saved = (await capUy.get(`/api/campaigns/${id}`)).body;
    expect(saved.teams.map((x: { members: unknown[] }) => x.members.length)).toEqual([8, 10, 14, 11]);
    // one person across the four teams shares a key; two different "Tần Lao Tả" do not
    const keys = saved.teams.flatMap(
      (x: { members: { fullName: string; personKey: string }[] }) => x.members,
    );
    const dieps = new Set(
      keys
        .filter((p: { fullName: string }) => p.fullName === 'Vân Văn Điệp')
        .map((p: { personKey: string }) => p.personKey),
    );
    expect(dieps.size).toBe(1);
    const tas = new Set(
      keys
        .filter((p: { fullName: string }) => p.fullName === 'Tần Lao Tả')
        .map((p: { personKey: string }) => p.personKey),
    );
    expect(tas.size).toBe(2);
    expect((await upload(member, ANNEX, 'a.tsv', { dryRun: 'true' })).status).toBe(403);
    expect(
      (await upload(capUy, Buffer.from([0, 1, 2, 3, 0, 0, 9]), 'x.tsv', { dryRun: 'true' })).status,
    ).toBe(415);
  });
});

describe('the roll-out report', () => {
  it('DOCX in the Party layout with the figures filled in; XLSX with a row per unit', async () => {
    const r = await capUy.request('POST', `/api/rollout/orgs/${t.root.id}/report.docx`, {
      number: '57-BC/ĐU',
      difficulties: 'Một số đảng viên cao tuổi chưa có điện thoại thông minh.',
      proposals: 'Đề nghị hỗ trợ kinh phí tập huấn.',
      signerName: 'Lương Văn Định',
    });
    expect(r.status).toBe(200);
    if (process.env.SOTAY_KEEP_DOCX) fs.writeFileSync('/tmp/bao-cao.docx', r.raw.rawPayload);
    const text = (await mammoth.extractRawText({ buffer: r.raw.rawPayload })).value;
    for (const s of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số 57-BC/ĐU',
      'BÁO CÁO',
      'kết quả triển khai ứng dụng “Sổ tay đảng viên điện tử”',
      'có 3 đảng viên thuộc diện sử dụng ứng dụng',
      '2 đồng chí đã đăng ký tài khoản, đạt 66,7%',
      'Chi bộ bản Gia Khâu',
      'Một số đảng viên cao tuổi chưa có điện thoại thông minh.',
      'Nơi nhận:',
      'Lương Văn Định',
    ]) {
      expect(text).toContain(s);
    }
    const x = await capUy.get(`/api/rollout/orgs/${t.root.id}/report.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(5).getCell(1).value).toBe('Chi bộ bản Gia Khâu');
    expect(ws.getRow(7).getCell(1).value).toBe('Tổng cộng');
    expect(ws.getRow(7).getCell(2).value).toBe(3);
  });
});

describe('support sessions: outcomes and mentors', () => {
  it('outcomes recorded at a session move the funnel (installed, proficient attested)', async () => {
    const c = await capUy.post('/api/campaigns', { orgId: t.root.id, title: 'Đợt hỗ trợ tháng 5' });
    await capUy.request(
      'POST',
      '/api/imports/support-roster',
      undefined,
      multipart({ campaignId: c.body.campaign.id }, { name: 'a.tsv', content: ANNEX }),
    );
    const saved = (await capUy.get(`/api/campaigns/${c.body.campaign.id}`)).body;
    const sessionId = saved.teams[0].sessions[0].id;
    const before = (await capUy.get(`/api/rollout/orgs/${t.root.id}`)).body;
    const [m] = await t.database.db.select().from(members).where(eq(members.fullName, 'Tần Lao Khệ'));
    const r = await capUy.post(`/api/support-sessions/${sessionId}/outcomes`, {
      memberId: m!.id,
      installed: true,
      practised: ['documents', 'check_in'],
      proficient: true,
      problem: 'Mắt kém, cần cỡ chữ lớn',
    });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      expect.objectContaining({
        fullName: 'Tần Lao Khệ',
        proficient: true,
        practised: ['documents', 'check_in'],
      }),
    ]);
    const after = (await capUy.get(`/api/rollout/orgs/${t.root.id}`)).body;
    expect(after.installed).toBe(before.installed + 1);
    expect(after.proficient).toBe(before.proficient + 1);
    expect(
      (await member.post(`/api/support-sessions/${sessionId}/outcomes`, { memberId: m!.id })).status,
    ).toBe(403);
    const [mentor] = await t.database.db.select().from(members).where(eq(members.fullName, 'Tần Sài Vân'));
    const k = await capUy.post(`/api/campaigns/${c.body.campaign.id}/mentors`, {
      mentorMemberId: mentor!.id,
      menteeMemberId: m!.id,
      note: 'Kèm hằng tuần',
    });
    expect(k.body.items).toEqual([
      expect.objectContaining({
        mentee: 'Tần Lao Khệ',
        followUps: [expect.objectContaining({ note: 'Kèm hằng tuần' })],
      }),
    ]);
  });
});

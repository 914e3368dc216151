import fs from 'node:fs';
import { members } from '@sotay/db';
import { eq } from 'drizzle-orm';
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

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, loginAdmin, Session, type TestApp, testApp } from '../../test/app.ts';
import { createMember, createOrg, numbers, rows } from '../../test/fixtures.ts';
import { multipart } from '../../test/multipart.ts';
import { answersFor, assignedTopic, insertDocument, type ManagedTopic, markRead } from '../../test/study.ts';
import { EXPORT_HEADERS } from './export.ts';

/**
 * Completion as the committee sees it: members of chi bộ A and B study a commune-wide topic with two
 * documents; what each did decides who is "completed", per member and rolled up per chi bộ.
 */
let t: TestApp;
let capUy: Session;
let chiUyA: Session;
let chiBoA: { id: string; name: string };
let chiBoB: { id: string; name: string };
let topic: ManagedTopic;
const m: Record<string, { memberId: string; userId: string | null; login: () => Promise<Session> }> = {};

async function addMember(
  key: string,
  orgId: string,
  fullName: string,
  opts: { status?: string; account?: boolean } = {},
) {
  const admin = await loginAdmin(t);
  const member = await createMember(admin, {
    orgId,
    fullName,
    status: opts.status ?? 'chinh_thuc',
    ...numbers(),
  });
  const user =
    opts.account === false
      ? null
      : await createUser(t.database, { memberId: member.id, roles: [{ role: 'member', orgId }] });
  m[key] = {
    memberId: member.id,
    userId: user?.id ?? null,
    login: () => (user ? login(t, user) : Promise.reject(new Error('no account'))),
  };
}

async function pass(key: string) {
  const s = await m[key]!.login();
  const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
  const r = await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, {
    answers: answersFor(topic, a.questions),
  });
  expect(r.body.attempt.result.passed).toBe(true);
}
async function fail(key: string) {
  const s = await m[key]!.login();
  const a = (await s.post(`/api/me/study/${topic.id}/attempts`)).body.attempt;
  await s.post(`/api/me/study/${topic.id}/attempts/${a.id}/submit`, { answers: [] });
}
async function writeEssay(key: string, body: string) {
  const s = await m[key]!.login();
  const r = await s.request('PUT', `/api/me/study/${topic.id}/essay`, undefined, multipart({ body }));
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  t = await testApp();
  const admin = await loginAdmin(t);
  chiBoA = await createOrg(admin, t.root.id, 'Chi bộ bản Mồ Sỉ San');
  chiBoB = await createOrg(admin, t.root.id, 'Chi bộ bản Lao Chải');
  await addMember('pao', chiBoA.id, 'Giàng A Páo');
  await addMember('mai', chiBoA.id, 'Lò Thị Mai');
  await addMember('lan', chiBoA.id, 'Vàng Thị Lan');
  await addMember('cu', chiBoA.id, 'Hạng A Cu', { account: false });
  await addMember('mien', chiBoA.id, 'Sùng Seo Miên', { status: 'mien_sinh_hoat' });
  await addMember('di', chiBoA.id, 'Thào A Đi', { status: 'chuyen_di' });
  await addMember('seo', chiBoB.id, 'Lý Seo Chứ');
  await addMember('chu', chiBoB.id, 'Lý Thị Chu', { status: 'du_bi' });
  capUy = await login(t, await createUser(t.database, { roles: [{ role: 'cap_uy', orgId: t.root.id }] }));
  chiUyA = await login(t, await createUser(t.database, { roles: [{ role: 'chi_uy', orgId: chiBoA.id }] }));

  const docs = [
    await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      number: '26-NQ/TU',
      title: 'Nghị quyết về chuyển đổi số',
    }),
    await insertDocument(t, {
      orgId: t.root.id,
      audienceOrgId: t.root.id,
      number: '18-KH/ĐU',
      title: 'Kế hoạch thực hiện',
    }),
  ];
  topic = await assignedTopic(capUy, t.root.id, { documentIds: docs.map((d) => d.id), dueOn: '2099-01-31' });

  // Páo: read both, passed, essay → completed
  for (const d of docs) await markRead(t, d.id, m.pao!.userId!, m.pao!.memberId);
  await pass('pao');
  await writeEssay(
    'pao',
    'Bài thu hoạch của đồng chí Páo: liên hệ việc dùng điện thoại thông minh trong sinh hoạt chi bộ.',
  );
  // Mai: read both, passed, no essay → not completed
  for (const d of docs) await markRead(t, d.id, m.mai!.userId!, m.mai!.memberId);
  await pass('mai');
  // Lan: failed once, read one document, essay
  await fail('lan');
  await markRead(t, docs[0]!.id, m.lan!.userId!, m.lan!.memberId);
  await writeEssay('lan', 'Bài thu hoạch của đồng chí Lan.');
  // miễn sinh hoạt studies voluntarily; it is not counted
  for (const d of docs) await markRead(t, d.id, m.mien!.userId!, m.mien!.memberId);
  await pass('mien');
  // Seo (chi bộ B): read both, passed, essay → completed
  for (const d of docs) await markRead(t, d.id, m.seo!.userId!, m.seo!.memberId);
  await pass('seo');
  await writeEssay('seo', 'Bài thu hoạch của đồng chí Seo.');
});
afterAll(() => t.close());

describe('completion', () => {
  it('rolls up per chi bộ for the cấp ủy: only chính thức and dự bị members count', async () => {
    const r = await capUy.get(`/api/study/topics/${topic.id}/completion`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      topic: { id: topic.id, dueOn: '2099-01-31', status: 'assigned' },
      org: { id: t.root.id },
      // A: Páo, Mai, Lan, Cu (no account); B: Seo, Chu (dự bị) — not the miễn sinh hoạt or chuyển đi
      members: 6,
      completed: 2,
      rate: 33.3,
    });
    expect(r.body.units).toEqual([
      {
        orgId: chiBoB.id,
        name: chiBoB.name,
        members: 2,
        readAll: 1,
        passed: 1,
        essays: 1,
        completed: 1,
        rate: 50,
      },
      {
        orgId: chiBoA.id,
        name: chiBoA.name,
        members: 4,
        readAll: 2,
        passed: 2,
        essays: 2,
        completed: 1,
        rate: 25,
      },
    ]);
  });

  it('lists members with their progress, filters by completed, pages', async () => {
    const r = await capUy.get(`/api/study/topics/${topic.id}/members?orgId=${chiBoA.id}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(4);
    const byName = Object.fromEntries(r.body.items.map((i: { fullName: string }) => [i.fullName, i]));
    expect(Object.keys(byName).sort()).toEqual(
      ['Giàng A Páo', 'Hạng A Cu', 'Lò Thị Mai', 'Vàng Thị Lan'].sort(),
    );
    expect(byName['Giàng A Páo']).toMatchObject({
      documentsRead: 2,
      documentsTotal: 2,
      attempts: 1,
      bestScore: 100,
      passed: true,
      completed: true,
      hasAccount: true,
    });
    expect(byName['Giàng A Páo'].passedAt).not.toBeNull();
    expect(byName['Giàng A Páo'].essaySubmittedAt).not.toBeNull();
    expect(byName['Lò Thị Mai']).toMatchObject({ passed: true, essaySubmittedAt: null, completed: false });
    expect(byName['Vàng Thị Lan']).toMatchObject({
      documentsRead: 1,
      attempts: 1,
      bestScore: 0,
      passed: false,
      completed: false,
    });
    expect(byName['Hạng A Cu']).toMatchObject({ hasAccount: false, attempts: 0, completed: false });

    const done = await capUy.get(`/api/study/topics/${topic.id}/members?orgId=${chiBoA.id}&completed=true`);
    expect(done.body.items.map((i: { fullName: string }) => i.fullName)).toEqual(['Giàng A Páo']);
    const notDone = await capUy.get(
      `/api/study/topics/${topic.id}/members?completed=false&pageSize=2&page=2`,
    );
    expect(notDone.body.total).toBe(4);
    expect(notDone.body.items).toHaveLength(2);
  });

  it('moves when a member finishes', async () => {
    const before = (await chiUyA.get(`/api/study/topics/${topic.id}/completion`)).body.completed;
    await writeEssay('mai', 'Bài thu hoạch của đồng chí Mai.');
    const after = await chiUyA.get(`/api/study/topics/${topic.id}/completion`);
    expect(after.body.completed).toBe(before + 1);
  });
});

describe('the chi ủy of chi bộ A', () => {
  it('defaults to their own chi bộ for a commune-wide topic', async () => {
    const r = await chiUyA.get(`/api/study/topics/${topic.id}/completion`);
    expect(r.status).toBe(200);
    expect(r.body.org).toEqual({ id: chiBoA.id, name: chiBoA.name });
    expect(r.body.units.map((u: { orgId: string }) => u.orgId)).toEqual([chiBoA.id]);
    const list = await chiUyA.get(`/api/study/topics/${topic.id}/members`);
    expect(list.body.items.every((i: { orgId: string }) => i.orgId === chiBoA.id)).toBe(true);
  });

  it('reads an essay, comments; the member sees the comment', async () => {
    const r = await chiUyA.get(`/api/study/topics/${topic.id}/members/${m.pao!.memberId}`);
    expect(r.status).toBe(200);
    expect(r.body.essay.body).toContain('Bài thu hoạch của đồng chí Páo');
    expect(r.body.attempts).toHaveLength(1);
    const c = await chiUyA.post(`/api/study/topics/${topic.id}/members/${m.pao!.memberId}/comment`, {
      comment: 'Bài viết tốt, liên hệ sát thực tế chi bộ.',
    });
    expect(c.status).toBe(200);
    expect(c.body.essay).toMatchObject({ comment: 'Bài viết tốt, liên hệ sát thực tế chi bộ.' });
    const seen = (await (await m.pao!.login()).get(`/api/me/study/${topic.id}`)).body.topic.essay;
    expect(seen).toMatchObject({ comment: 'Bài viết tốt, liên hệ sát thực tế chi bộ.' });
    expect(seen.commentedAt).not.toBeNull();
    const audit = await rows<{ action: string; org_path: string }>(
      t.database,
      sql`select action, org_path from audit_log where action = 'study.essay.comment'`,
    );
    expect(audit).toHaveLength(1);

    const none = await chiUyA.post(`/api/study/topics/${topic.id}/members/${m.cu!.memberId}/comment`, {
      comment: 'Chưa có bài',
    });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('study_no_essay');
  });

  it('is refused chi bộ B on every review route, and nothing changes', async () => {
    const before = await rows(t.database, sql`select id, comment from study_essays order by id`);
    const seo = m.seo!.memberId;
    const attempts: [string, () => ReturnType<Session['get']>][] = [
      ['completion of B', () => chiUyA.get(`/api/study/topics/${topic.id}/completion?orgId=${chiBoB.id}`)],
      ['members of B', () => chiUyA.get(`/api/study/topics/${topic.id}/members?orgId=${chiBoB.id}`)],
      ['commune as a whole', () => chiUyA.get(`/api/study/topics/${topic.id}/completion?orgId=${t.root.id}`)],
      ['member of B', () => chiUyA.get(`/api/study/topics/${topic.id}/members/${seo}`)],
      ['essay file of B', () => chiUyA.get(`/api/study/topics/${topic.id}/members/${seo}/essay-file`)],
      [
        'comment on B',
        () => chiUyA.post(`/api/study/topics/${topic.id}/members/${seo}/comment`, { comment: 'Không được' }),
      ],
      ['export B', () => chiUyA.get(`/api/study/topics/${topic.id}/export.xlsx?orgId=${chiBoB.id}`)],
      [
        'edit topic',
        () => chiUyA.request('PUT', `/api/study/topics/${topic.id}`, { title: 'Đổi tên chuyên đề' }),
      ],
      ['close topic', () => chiUyA.post(`/api/study/topics/${topic.id}/close`)],
    ];
    for (const [what, call] of attempts) {
      const r = await call();
      expect([403, 404], `${what} → ${r.status}`).toContain(r.status);
      expect(r.body.error.code).toMatch(/forbidden|not_found/);
    }
    expect(await rows(t.database, sql`select id, comment from study_essays order by id`)).toEqual(before);
  });

  it('does not see a topic assigned only to chi bộ B', async () => {
    const onlyB = await assignedTopic(capUy, chiBoB.id, { title: 'Chuyên đề riêng của chi bộ Lao Chải' });
    expect((await chiUyA.get(`/api/study/topics/${onlyB.id}`)).status).toBe(404);
    expect((await chiUyA.get(`/api/study/topics/${onlyB.id}/completion`)).status).toBe(404);
    const list = await chiUyA.get('/api/study/topics');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(topic.id);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(onlyB.id);
    // nor do chi bộ A's members
    const pao = await m.pao!.login();
    expect((await pao.get(`/api/me/study/${onlyB.id}`)).status).toBe(404);
    expect((await pao.post(`/api/me/study/${onlyB.id}/attempts`)).status).toBe(404);
  });
});

describe('who may call', () => {
  it('a plain member gets 403 on review routes, no session 401', async () => {
    const s = await m.lan!.login();
    for (const url of [
      '/api/study/topics',
      `/api/study/topics/${topic.id}/completion`,
      `/api/study/topics/${topic.id}/members`,
      `/api/study/topics/${topic.id}/export.xlsx`,
    ]) {
      expect((await s.get(url)).status, url).toBe(403);
      expect((await new Session(t.app).get(url)).status, url).toBe(401);
    }
  });
});

describe('XLSX export', () => {
  it('names the topic and unit, has Vietnamese headers, one row per member, dates dd/mm/yyyy', async () => {
    const r = await capUy.request('GET', `/api/study/topics/${topic.id}/export.xlsx?orgId=${chiBoA.id}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(r.headers['content-disposition']).toMatch(
      /attachment; filename="ket-qua-hoc-tap-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (row: number, col = 1) => String(ws.getRow(row).getCell(col).value ?? '');
    expect(text(1)).toBe('KẾT QUẢ HỌC TẬP');
    expect(text(2)).toBe(
      'Nghị quyết: Học tập Nghị quyết số 57-NQ/TW về khoa học, công nghệ và chuyển đổi số',
    );
    expect(text(3)).toBe(`Đơn vị: ${chiBoA.name}`);
    expect(text(4)).toContain('Hạn hoàn thành: 31/01/2099');
    expect(text(4)).toContain('Đã hoàn thành: 2/4 đảng viên');
    const header = (ws.getRow(6).values as unknown[]).slice(1);
    expect(header).toEqual([...EXPORT_HEADERS]);
    const data = [7, 8, 9, 10].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    expect(ws.getRow(11).values).toEqual([]);
    const pao = data.find((d) => d[1] === 'Giàng A Páo')!;
    expect(pao.slice(2, 8)).toEqual([chiBoA.name, 'Chính thức', '2/2', 1, 100, 'Đạt']);
    expect(pao[8]).toBeInstanceOf(Date);
    expect(ws.getRow(data.indexOf(pao) + 7).getCell(9).numFmt).toBe('dd/mm/yyyy');
    expect(pao.slice(9)).toEqual(['Đã nộp', expect.any(Date), 'Đã hoàn thành']);
    const cu = data.find((d) => d[1] === 'Hạng A Cu')!;
    expect(cu.slice(3)).toEqual([
      'Chính thức',
      '0/2',
      0,
      undefined,
      'Chưa làm',
      undefined,
      'Chưa nộp',
      undefined,
      'Chưa hoàn thành',
    ]);
    const lan = data.find((d) => d[1] === 'Vàng Thị Lan')!;
    expect(lan[7]).toBe('Chưa đạt');
    expect(data.map((d) => d[0])).toEqual([1, 2, 3, 4]);
  });
});
